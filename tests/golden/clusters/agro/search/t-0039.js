(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0039",{"9":[31,1,3,1]}]);
