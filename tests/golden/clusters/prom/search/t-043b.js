(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","043b",{"л":[4,1,17,1,1,1,3,1,7,1],"лучш":[51,1]}]);
