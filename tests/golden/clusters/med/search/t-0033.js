(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0033",{"3":[12,8],"31":[0,2],"33":[0,1],"34":[0,1]}]);
