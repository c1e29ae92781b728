(window.cpSearchData=window.cpSearchData||[]).push(["kinds","edu",{"championship":"c","item":"i","page":"p","post":"m","report":"r","video":"v"},"ppmmmmmmpiiiiiiiii"]);
