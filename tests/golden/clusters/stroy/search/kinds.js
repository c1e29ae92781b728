(window.cpSearchData=window.cpSearchData||[]).push(["kinds","stroy",{"championship":"c","item":"i","page":"p","post":"m","report":"r","video":"v"},"ppmmmmmmpiiiiiiii"]);
