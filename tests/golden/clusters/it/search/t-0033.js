(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0033",{"3":[1,1,17,1,10,8],"30":[24,1],"312":[40,1],"36":[47,1],"3822":[50,1]}]);
