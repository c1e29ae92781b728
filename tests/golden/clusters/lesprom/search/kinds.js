(window.cpSearchData=window.cpSearchData||[]).push(["kinds","lesprom",{"championship":"c","item":"i","page":"p","post":"m","report":"r","video":"v"},"ppmmmmmmmpiiiiiiiiii"]);
