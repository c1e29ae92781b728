(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0035",{"5":[5,8]}]);
