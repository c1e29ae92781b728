(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0034",{"4":[8,1,2,8,1,16,1,8,1,8,1,8,1,8]}]);
