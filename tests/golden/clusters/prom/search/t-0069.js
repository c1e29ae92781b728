(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0069",{"ii":[26,1]}]);
