(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","044f",{"январ":[16,1],"ярмарк":[19,8]}]);
