(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0431",{"безопасн":[2,8,11,8]}]);
