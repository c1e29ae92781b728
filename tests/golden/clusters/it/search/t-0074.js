(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0074",{"telegram":[9,1,7,1]}]);
