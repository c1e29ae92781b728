(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0038",{"8":[7,1]}]);
