(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0069",{"i":[25,1,9,1],"it":[50,1]}]);
