(window.cpSearchData=window.cpSearchData||[]).push(["terms","edu","0437",{"за":[3,8,7,8],"заседан":[9,9]}]);
