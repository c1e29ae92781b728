(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0034",{"4":[1,3,17,5,3,8,1,8,1,1,4,2,1,8,1,8,3,8,15,1,3,1]}]);
