(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0442",{"тгпк":[10,1],"течен":[16,1],"томск":[0,4],"точк":[5,8,8,9]}]);
