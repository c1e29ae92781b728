(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0072",{"rutube":[4,1,13,1]}]);
