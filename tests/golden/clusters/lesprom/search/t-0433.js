(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0433",{"год":[1,8,1,8,7,8,2,8],"госпаблик":[8,1],"готов":[0,1]}]);
