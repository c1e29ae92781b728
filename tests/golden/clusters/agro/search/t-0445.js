(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0445",{"хозяйств":[0,1,4,8,30,8,13,9,1,1,1,2]}]);
