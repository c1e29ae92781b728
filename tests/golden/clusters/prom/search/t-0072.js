(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0072",{"regional":[50,1],"ru":[51,1],"rutube":[11,1,18,1]}]);
