(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","043b",{"лаборант":[0,1],"лабораторн":[0,1],"лебедев":[6,1,3,1,7,1,1,1]}]);
