(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0447",{"чемпионат":[6,8,1,8,3,1,5,10]}]);
