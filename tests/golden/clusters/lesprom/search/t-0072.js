(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0072",{"rutube":[6,1]}]);
