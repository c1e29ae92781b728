(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0034",{"4":[3,8,1,8,4,1,2,8,1,8,1,16,1,8,1,8,1,8],"44":[0,3],"49":[0,1]}]);
