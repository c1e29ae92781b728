(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0076",{"vk":[2,1,1,1,2,1,10,1]}]);
