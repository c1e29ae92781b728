(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0072",{"regional":[48,1],"rutube":[13,1,4,1,11,1]}]);
