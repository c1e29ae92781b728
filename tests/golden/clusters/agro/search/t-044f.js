(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","044f",{"январ":[32,1,17,1],"ярмарк":[15,8,21,8]}]);
