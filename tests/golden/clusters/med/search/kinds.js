(window.cpSearchData=window.cpSearchData||[]).push(["kinds","med",{"championship":"c","item":"i","page":"p","post":"m","report":"r","video":"v"},"ppmmmmmmpiiiiiiiii"]);
