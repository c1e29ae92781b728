(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0074",{"telegram":[12,1]}]);
