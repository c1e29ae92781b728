(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0437",{"за":[2,8,10,8],"заседан":[11,9]}]);
