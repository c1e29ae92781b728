(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","0448",{"шаг":[8,1],"школьник":[7,1]}]);
