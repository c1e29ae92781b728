(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","043d",{"на":[1,8,9,8,2,1,2,1,3,1,1,8],"не":[16,1],"новогодн":[3,8,1,8,10,8]}]);
