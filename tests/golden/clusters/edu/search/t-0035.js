(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0035",{"5":[14,8]}]);
