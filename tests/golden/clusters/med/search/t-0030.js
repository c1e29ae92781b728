(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0030",{"01":[0,3,3,1,12,1],"02":[0,4,4,1],"03":[0,1],"04":[15,1],"06":[8,1],"09":[4,1]}]);
