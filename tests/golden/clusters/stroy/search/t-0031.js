(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0031",{"1":[1,1,7,1],"11":[7,1],"15":[12,1]}]);
