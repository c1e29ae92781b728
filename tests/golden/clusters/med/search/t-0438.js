(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0438",{"и":[0,1,14,8],"итог":[7,8]}]);
