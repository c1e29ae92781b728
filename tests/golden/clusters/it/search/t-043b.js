(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","043b",{"лебед":[5,1,1,1,8,1,18,1,1,1],"люд":[44,1]}]);
