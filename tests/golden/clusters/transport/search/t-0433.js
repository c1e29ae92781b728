(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0433",{"год":[1,8,7,8,3,8,5,1],"госпаблик":[2,1,10,1],"готовя":[0,1],"гражданск":[0,1]}]);
