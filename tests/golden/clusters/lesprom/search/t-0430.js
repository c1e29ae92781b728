(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0430",{"а":[8,1,2,1,8,1],"анонс":[8,1],"апрел":[7,1,9,1],"асиновск":[0,2,5,8,8,1,1,9,2,1,3,1]}]);
