(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0433",{"год":[1,8,1,8,6,8,2,8,6,1],"госпаблик":[3,1],"готов":[0,1]}]);
