(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0037",{"7":[7,8]}]);
