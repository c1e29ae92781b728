(window.cpSearchData=window.cpSearchData||[]).push(["terms","agro","043b",{"летн":[17,8,20,8],"лучш":[32,8]}]);
