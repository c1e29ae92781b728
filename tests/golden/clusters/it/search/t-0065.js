(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0065",{"example":[50,1]}]);
