(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0038",{"8":[11,1,1,1]}]);
