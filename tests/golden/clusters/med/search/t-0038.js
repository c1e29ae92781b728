(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0038",{"8":[5,1]}]);
