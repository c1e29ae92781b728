(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0031",{"1":[1,1,9,8],"100":[13,1],"11":[5,1],"12":[2,1,1,1,5,1,2,1,1,1,1,1],"15":[11,1]}]);
