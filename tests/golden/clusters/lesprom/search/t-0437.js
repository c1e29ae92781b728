(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0437",{"за":[2,8,9,8],"заседан":[10,8],"захар":[5,1,2,1,7,1,2,1,1,1,2,1]}]);
