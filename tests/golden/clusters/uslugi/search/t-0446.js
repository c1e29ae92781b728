(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0446",{"цвет":[12,8],"центр":[5,8,11,8]}]);
