(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0436",{"жител":[7,1]}]);
