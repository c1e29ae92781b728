(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0448",{"школ":[0,1,4,1,1,8,8,8,1,8],"школьник":[7,1]}]);
