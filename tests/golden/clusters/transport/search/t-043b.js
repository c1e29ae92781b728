(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","043b",{"логистик":[0,1]}]);
