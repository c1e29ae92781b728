(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0065",{"example":[51,1]}]);
