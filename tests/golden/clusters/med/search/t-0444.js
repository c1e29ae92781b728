(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0444",{"фармацевт":[0,2],"фельдшер":[0,2],"фотограф":[3,1],"фролов":[4,1,3,1,6,1,1,1]}]);
