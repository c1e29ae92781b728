(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0076",{"vk":[3,1,2,1,3,1,2,1,3,1,2,1,1,1,12,1,1,1,1,8]}]);
