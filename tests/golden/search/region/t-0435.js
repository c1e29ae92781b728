(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0435",{"е":[0,3],"елисе":[0,1]}]);
