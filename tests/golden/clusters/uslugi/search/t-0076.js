(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0076",{"vk":[3,1,2,1,3,1,6,1,3,1]}]);
