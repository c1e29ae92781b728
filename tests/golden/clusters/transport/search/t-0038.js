(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0038",{"8":[5,1]}]);
