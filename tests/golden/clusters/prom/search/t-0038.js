(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0038",{"8":[10,1,1,1,4,1],"82":[43,1]}]);
