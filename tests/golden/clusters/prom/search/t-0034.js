(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0034",{"4":[1,2,18,4,2,8,1,16,1,1,4,16,1,8,1,8,5,8,16,1,1,1],"42":[50,1]}]);
