(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0436",{"же":[47,1],"жизн":[43,1],"жител":[4,1,10,1],"журнал":[43,1]}]);
