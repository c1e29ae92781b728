(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0074",{"telegram":[6,1]}]);
