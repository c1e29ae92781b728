(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0431",{"брак":[47,1],"брендбук":[21,8],"буклет":[19,1,13,9],"был":[48,1]}]);
