(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","044f",{"ярмарк":[6,8,11,8]}]);
