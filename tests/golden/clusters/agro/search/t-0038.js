(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0038",{"8":[10,1,3,1,18,1,6,1],"88":[41,1]}]);
