(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0076",{"vk":[4,1,3,1]}]);
