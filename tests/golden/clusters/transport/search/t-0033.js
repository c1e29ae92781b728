(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0033",{"3":[3,8,9,8]}]);
