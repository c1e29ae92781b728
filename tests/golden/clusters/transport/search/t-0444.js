(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0444",{"фотограф":[2,1],"фотоотчет":[13,1]}]);
