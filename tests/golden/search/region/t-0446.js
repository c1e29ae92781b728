(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0446",{"цвет":[1,8],"цел":[2,8],"цифров":[58,8,7,1]}]);
