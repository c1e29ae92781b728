(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0033",{"3":[0,1,19,2,9,8,22,1],"30":[9,1],"31":[24,1],"32":[0,1],"38":[44,1],"3822":[51,1]}]);
