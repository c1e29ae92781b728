(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0074",{"telegram":[6,1]}]);
