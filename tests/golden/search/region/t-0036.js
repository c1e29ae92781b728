(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0036",{"6":[0,1,6,8]}]);
