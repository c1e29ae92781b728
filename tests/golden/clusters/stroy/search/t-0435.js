(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0435",{"ег":[8,1]}]);
