(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0447",{"чемпионат":[7,8,7,10]}]);
