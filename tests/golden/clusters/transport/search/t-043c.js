(window.cpSearchData=window.cpSearchData||[]).push(["terms","transport","043c",{"ма":[7,1],"март":[5,1],"мастер":[0,1,5,8,10,8],"медиапла":[1,8],"мен":[17,1]}]);
