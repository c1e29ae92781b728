(window.cpSearchData=window.cpSearchData||[]).push(["terms","med","0434",{"деятельн":[10,8],"для":[0,1,4,8,9,8,3,8],"до":[11,1,4,1],"добавл":[8,1]}]);
