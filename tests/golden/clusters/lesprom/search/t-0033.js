(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0033",{"3":[3,8,10,8],"35":[0,3]}]);
