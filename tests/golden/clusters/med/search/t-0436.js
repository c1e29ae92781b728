(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0436",{"жител":[7,1]}]);
