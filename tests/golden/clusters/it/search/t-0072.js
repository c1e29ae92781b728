(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0072",{"regional":[47,1,1,1],"ru":[50,1],"rutube":[12,1,5,1,12,1]}]);
