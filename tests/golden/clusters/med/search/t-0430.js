(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0430",{"анонс":[6,1],"апрел":[6,1,11,1],"аптечн":[0,1]}]);
