(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0435",{"е":[5,1,1,1,7,1,1,1,2,1]}]);
