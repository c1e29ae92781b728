(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0036",{"6":[18,1,4,8,27,1]}]);
