(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","044d",{"экскурс":[35,8,12,1],"эксплуатац":[48,4],"электроник":[44,1],"эт":[40,1,4,1,5,1]}]);
