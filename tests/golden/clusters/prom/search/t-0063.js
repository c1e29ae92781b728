(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0063",{"cluster":[51,1]}]);
