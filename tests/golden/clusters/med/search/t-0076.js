(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0076",{"vk":[3,1]}]);
