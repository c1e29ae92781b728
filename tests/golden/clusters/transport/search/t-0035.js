(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0035",{"5":[14,8]}]);
