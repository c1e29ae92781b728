(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0072",{"rutube":[5,1,10,1]}]);
