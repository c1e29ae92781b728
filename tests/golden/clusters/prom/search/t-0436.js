(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0436",{"ждем":[24,1],"же":[47,1],"жител":[9,1,5,1,4,1]}]);
