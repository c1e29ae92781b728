(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","044e",{"ю":[10,1,1,1,5,1]}]);
