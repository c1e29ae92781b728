(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0431",{"базов":[0,1],"больниц":[0,1]}]);
