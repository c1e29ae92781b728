(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0069",{"i":[13,1]}]);
