(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0447",{"чемпионат":[7,8,7,10]}]);
