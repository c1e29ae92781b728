(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0431",{"будет":[7,8],"будут":[0,1],"будущ":[3,8]}]);
