(window.cpSearchData=window.cpSearchData||[]).push(["terms","it","044f",{"я":[44,1],"январ":[23,1,27,1]}]);
