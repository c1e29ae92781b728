(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0036",{"6":[19,1,4,1,28,1]}]);
