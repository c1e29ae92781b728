(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0438",{"и":[0,4],"индустр":[0,1]}]);
