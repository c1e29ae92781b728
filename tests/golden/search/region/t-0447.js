(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0447",{"частичн":[26,8],"чемпионат":[5,8]}]);
