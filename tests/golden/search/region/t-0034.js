(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0034",{"4":[0,8,4,8],"43":[19,1,3,1,7,1,2,1],"44":[10,1,10,1,20,1],"49":[21,1]}]);
