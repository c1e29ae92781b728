(window.cpSearchData=window.cpSearchData||[]).push(["terms","lesprom","0443",{"утвержден":[10,8],"участ":[16,8],"участк":[17,8],"учебн":[1,8,1,8,7,8,2,8]}]);
