(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0448",{"школьник":[2,1,3,1,8,8]}]);
