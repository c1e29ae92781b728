(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0033",{"30":[2,1]}]);
