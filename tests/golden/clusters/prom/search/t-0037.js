(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0037",{"7":[22,8,29,1]}]);
