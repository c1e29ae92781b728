(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0430",{"анализ":[9,8],"аналитическ":[9,1],"апрел":[4,1,1,1,9,1]}]);
