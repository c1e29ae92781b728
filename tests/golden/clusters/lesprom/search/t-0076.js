(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0076",{"vk":[3,1,3,1,2,1]}]);
