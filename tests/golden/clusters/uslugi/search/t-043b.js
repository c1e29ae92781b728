(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","043b",{"л":[2,1,1,1,1,1,4,1,4,1,1,1,1,1,3,1]}]);
