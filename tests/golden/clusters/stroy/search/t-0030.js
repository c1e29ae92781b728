(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0030",{"01":[2,1,10,1],"02":[12,1],"03":[12,1]}]);
