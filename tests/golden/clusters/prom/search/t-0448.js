(window.cpSearchData=window.cpSearchData||[]).push(["terms","prom","0448",{"шест":[39,1],"школ":[7,1,6,1,10,1,12,1,16,4],"школьник":[10,1,1,1,2,1,2,1,24,8]}]);
