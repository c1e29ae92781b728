(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0038",{"8":[7,1]}]);
