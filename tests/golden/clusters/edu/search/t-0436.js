(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0436",{"жител":[5,1]}]);
