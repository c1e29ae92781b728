(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0035",{"5":[14,8]}]);
