(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0435",{"е":[11,1,8,1],"ежеквартальн":[18,1]}]);
