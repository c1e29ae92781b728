(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0438",{"и":[0,2,13,8],"итог":[0,1],"июн":[7,1,9,1]}]);
