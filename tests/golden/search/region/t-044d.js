(window.cpSearchData=window.cpSearchData||[]).push(["terms","region","044d",{"элекард":[65,8]}]);
