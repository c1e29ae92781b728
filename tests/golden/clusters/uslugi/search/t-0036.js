(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0036",{"6":[16,8]}]);
