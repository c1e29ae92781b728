(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0074",{"telegram":[12,1,5,1]}]);
