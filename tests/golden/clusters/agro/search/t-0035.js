(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0035",{"5":[18,1,13,8,17,1]}]);
