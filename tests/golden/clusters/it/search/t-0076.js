(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0076",{"vk":[1,1,1,1,3,1,3,1,3,1,2,1,2,1,13,1,1,1,1,8,16,1]}]);
