(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","044e",{"ю":[7,1,6,1,10,1,3,1,9,1,4,1,12,1]}]);
