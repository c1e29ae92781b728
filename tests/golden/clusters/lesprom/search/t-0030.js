(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0030",{"01":[0,2,14,1,1,1],"02":[0,4],"03":[0,1],"04":[15,1],"06":[9,1],"08":[0,1],"09":[10,1]}]);
