(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","044e",{"ю":[2,1,1,1,2,1,5,1,1,1,1,1,3,1]}]);
