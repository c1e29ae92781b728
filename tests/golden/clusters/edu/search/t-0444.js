(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0444",{"физическ":[0,1],"форм":[13,1],"фотограф":[2,1]}]);
