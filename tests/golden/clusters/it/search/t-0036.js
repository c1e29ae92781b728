(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0036",{"6":[18,1,5,1,27,1],"64":[40,1]}]);
