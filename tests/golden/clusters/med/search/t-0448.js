(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0448",{"школьник":[4,8,1,1]}]);
