(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0039",{"9":[20,1]}]);
