(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0437",{"заседан":[6,8,9,9]}]);
