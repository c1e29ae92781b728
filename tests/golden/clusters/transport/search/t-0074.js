(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0074",{"telegram":[6,1]}]);
