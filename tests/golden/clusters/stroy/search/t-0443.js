(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0443",{"участник":[0,1,10,1],"учебн":[1,8,7,8,8,8]}]);
