(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0446",{"цвет":[21,8],"целев":[40,1,2,1,1,1],"центр":[35,8,10,1,2,1,4,2],"цех":[47,1]}]);
