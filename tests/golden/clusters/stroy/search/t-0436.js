(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0436",{"жител":[3,1]}]);
