(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0431",{"брендбук":[12,8]}]);
