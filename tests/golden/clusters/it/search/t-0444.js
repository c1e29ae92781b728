(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0444",{"феврал":[13,1],"фотограф":[2,1,3,1],"функц":[44,1]}]);
