(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0070",{"prom":[51,1]}]);
