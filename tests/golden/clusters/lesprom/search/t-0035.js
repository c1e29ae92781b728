(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0035",{"5":[16,8]}]);
