(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0436",{"животноводств":[62,1]}]);
