(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0436",{"жител":[4,1,2,1,1,1]}]);
