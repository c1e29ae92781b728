(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0031",{"1":[1,1,7,1,3,8,3,1],"11":[2,1,3,1],"12":[3,1,8,1,1,1],"150":[17,1],"17":[0,1,2,1]}]);
