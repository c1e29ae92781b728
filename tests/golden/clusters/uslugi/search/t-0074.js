(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0074",{"telegram":[9,1]}]);
