(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0033",{"3":[13,8],"35":[0,3]}]);
