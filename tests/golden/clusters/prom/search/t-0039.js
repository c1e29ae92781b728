(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0039",{"90":[41,1]}]);
