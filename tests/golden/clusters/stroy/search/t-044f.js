(window.cpSearchData=window.cpSearchData||[]).push(["terms","stroy","044f",{"январ":[10,1]}]);
