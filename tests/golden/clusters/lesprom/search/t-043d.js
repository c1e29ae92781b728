(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","043d",{"на":[1,8,8,8,8,8,2,8],"новогодн":[3,8,1,8,9,8],"новост":[2,1]}]);
