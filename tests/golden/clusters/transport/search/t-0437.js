(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0437",{"за":[11,8],"заседан":[9,9]}]);
