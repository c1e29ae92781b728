(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","044e",{"юр":[0,1]}]);
