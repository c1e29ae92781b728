(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","044f",{"я":[47,1],"январ":[34,1,17,1],"ярмарк":[16,8,21,8]}]);
