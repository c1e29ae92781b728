(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0444",{"фармацевт":[41,8],"фармацевтическ":[45,1],"фельдшер":[9,9,33,8],"физическ":[21,8]}]);
