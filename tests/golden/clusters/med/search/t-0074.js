(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0074",{"telegram":[6,1]}]);
