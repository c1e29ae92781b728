(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0034",{"4":[3,8,8,8,1,8,2,8,1,8]}]);
