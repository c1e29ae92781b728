(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0447",{"чемпионат":[7,8,9,9]}]);
