(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0446",{"цвет":[20,8,19,1],"целев":[25,9,13,1,2,1],"центр":[22,1,12,8,9,1,6,3]}]);
