(window.cpSearchData=window.cpSearchData||[]).push(["terms","uslugi","0448",{"школ":[16,1],"школьник":[5,1,3,1,1,1,11,9]}]);
