(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0076",{"vk":[2,1,2,1,3,1,4,1,4,1]}]);
