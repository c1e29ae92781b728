(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0435",{"егор":[8,1,2,1,8,1]}]);
