(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0033",{"3":[3,8,7,1,4,8],"38":[0,1]}]);
