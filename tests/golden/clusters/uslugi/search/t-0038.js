(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0038",{"8":[8,1,12,1]}]);
