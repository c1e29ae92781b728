(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0034",{"4":[2,8,1,8,6,1,2,8,1,16,1,8,2,8,1,8]}]);
