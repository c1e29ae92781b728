(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0034",{"4":[1,1,17,5,2,8,1,16,1,8,4,16,1,8,1,8,3,8,17,1,1,1]}]);
