(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0035",{"5":[15,8]}]);
