(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0033",{"3":[1,1,17,1,9,8],"30":[3,1],"35":[0,3],"36":[0,2]}]);
