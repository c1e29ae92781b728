(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","043c",{"ма":[6,1,9,1],"март":[3,1,10,1],"медиапла":[1,8]}]);
