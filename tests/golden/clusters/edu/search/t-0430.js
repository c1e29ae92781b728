(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0430",{"анонс":[6,1],"ассоциац":[0,1]}]);
