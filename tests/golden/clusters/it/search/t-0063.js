(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0063",{"cluster":[50,1]}]);
