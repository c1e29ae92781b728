(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0036",{"6":[13,8]}]);
