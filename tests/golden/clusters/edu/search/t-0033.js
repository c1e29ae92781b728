(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0033",{"3":[4,8,7,8]}]);
