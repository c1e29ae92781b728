(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0442",{"томск":[11,1]}]);
