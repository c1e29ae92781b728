(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0444",{"факт":[1,1],"феврал":[13,1],"фотограф":[3,1,5,1],"фотоотчет":[36,1]}]);
