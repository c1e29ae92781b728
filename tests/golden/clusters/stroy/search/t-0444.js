(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0444",{"формир":[2,8],"формирован":[1,8,7,9]}]);
