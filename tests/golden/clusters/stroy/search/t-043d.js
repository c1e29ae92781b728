(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","043d",{"на":[1,8,7,8,8,8],"наход":[8,1],"не":[0,2],"необходим":[8,1],"новост":[2,1,2,1,2,1]}]);
