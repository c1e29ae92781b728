(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0438",{"и":[0,4,6,1],"институт":[0,1]}]);
