(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0437",{"за":[2,8,8,8],"закреплен":[16,1],"заседан":[9,9],"здравоохранен":[0,9,1,8,7,8]}]);
