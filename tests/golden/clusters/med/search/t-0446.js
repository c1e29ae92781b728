(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0446",{"центр":[13,8]}]);
