(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0431",{"б":[0,1],"бизнес":[48,1],"больниц":[52,8],"брендбук":[1,8]}]);
