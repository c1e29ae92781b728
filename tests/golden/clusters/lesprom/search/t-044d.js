(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","044d",{"экскурс":[19,8]}]);
