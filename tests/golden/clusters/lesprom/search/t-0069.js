(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0069",{"i":[17,1]}]);
