(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","0076",{"vk":[1,1,1,1,2,1,2,1,4,1,1,1,3,1,1,1,12,1,1,1,1,8,18,1]}]);
