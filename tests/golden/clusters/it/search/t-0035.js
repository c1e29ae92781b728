(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0035",{"5":[18,1,14,8,15,1]}]);
