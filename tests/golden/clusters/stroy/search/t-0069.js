(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0069",{"i":[11,1]}]);
