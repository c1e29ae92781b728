(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0037",{"7":[22,8,28,1],"78":[40,1]}]);
