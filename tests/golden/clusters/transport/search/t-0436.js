(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0436",{"ж":[2,1,1,1,1,1,1,1,7,1,1,1,2,1],"железнодорожн":[0,1],"жител":[7,1]}]);
