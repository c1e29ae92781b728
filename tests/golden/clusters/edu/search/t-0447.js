(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0447",{"чемпионат":[6,8,8,10]}]);
