(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","044f",{"январ":[5,1],"ярмарк":[8,8,10,8]}]);
