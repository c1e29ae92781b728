(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","0431",{"б":[0,1],"бизнес":[54,1],"больниц":[49,8],"брендбук":[1,8]}]);
