(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0031",{"1":[1,1,1,8,9,8],"11":[6,1],"12":[2,1,1,1,1,1,5,1,2,1,1,1,1,1],"15":[12,1]}]);
