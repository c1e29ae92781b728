(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0036",{"6":[13,8]}]);
