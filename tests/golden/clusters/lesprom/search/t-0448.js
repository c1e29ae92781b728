(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0448",{"школ":[5,9,9,9],"школьник":[6,1,13,8]}]);
