(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0438",{"и":[0,2,5,8,10,8],"итог":[7,8]}]);
