(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0446",{"центр":[5,8,8,8]}]);
