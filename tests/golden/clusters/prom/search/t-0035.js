(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0035",{"5":[19,1,15,8,16,1],"520":[42,1]}]);
