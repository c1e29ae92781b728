(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0037",{"7":[21,8,13,1],"71":[41,1]}]);
