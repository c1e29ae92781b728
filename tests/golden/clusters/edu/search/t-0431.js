(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0431",{"будущ":[6,8,8,8]}]);
