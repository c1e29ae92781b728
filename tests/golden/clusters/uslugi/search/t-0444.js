(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0444",{"фестивал":[9,8,11,8],"фотограф":[5,1],"фотоотчет":[16,1,4,1]}]);
