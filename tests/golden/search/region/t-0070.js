(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0070",{"pr":[4,8]}]);
