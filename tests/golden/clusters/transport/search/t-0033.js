(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0033",{"3":[12,8]}]);
