(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0038",{"8":[6,1]}]);
