(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","0030",{"01":[0,2,4,1,11,1],"02":[0,2],"04":[15,1],"07":[0,1]}]);
