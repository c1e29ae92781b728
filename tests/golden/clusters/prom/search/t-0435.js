(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0435",{"е":[8,1,1,1,5,1,19,1,1,1,2,1,2,1],"ежеквартальн":[31,1],"ежемесячн":[30,1]}]);
