(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0034",{"4":[2,8,1,8,7,1,2,8,1,16,1,8,1,8,1,8,1,8],"43":[0,4]}]);
