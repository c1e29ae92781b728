(window.cpSearchData=window.cpSearchData||[]).push(["kinds","uslugi",{"championship":"c","item":"i","page":"p","post":"m","report":"r","video":"v"},"ppmmmmmmmmpiiiiiiiiii"]);
