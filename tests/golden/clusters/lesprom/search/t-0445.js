(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0445",{"хозяйств":[0,2]}]);
