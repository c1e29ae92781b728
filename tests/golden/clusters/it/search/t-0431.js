(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","0431",{"без":[31,8,12,1],"бизнес":[47,3,1,1],"болельщик":[50,1],"брендбук":[21,8]}]);
