(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0445",{"ходос":[0,1],"хозяйств":[28,8,32,8]}]);
