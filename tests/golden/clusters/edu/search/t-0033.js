(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0033",{"3":[11,8]}]);
