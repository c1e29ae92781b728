/*
 * clusterpages: the version for the visually impaired (версия для слабовидящих,
 * ГОСТ Р 52872-2019), part 3 of 3: wires the control of partials/a11y_panel.html.
 *
 * Our own small implementation instead of the popular `bvi` widget because bvi
 *  - builds and shows its panel with JavaScript only and hides page parts with JS,
 *  - forces its colours with !important on every element, including the CMS
 *    fragments college web admins paste into their own sites, and
 *  - is far larger than this file (a few KB, no dependencies).
 * The settings persist in localStorage, which works under file:// in Chromium, so the
 * mode survives navigation both on a server and in an unpacked folder.
 *
 * Storage: localStorage["cp-a11y"] = JSON
 *   {"on": true, "size": 1..5, "scheme": "white|black|blue|brown|green",
 *    "images": "on|off|gray", "spacing": "normal|medium|big", "panel": false (optional)}
 * size n means a root font size of 75 + 25·n % (100 … 200 %). "panel": false means the
 * user collapsed the settings panel. partials/a11y_head.html applies the same state
 * before the first paint; apply() below must set exactly what it sets.
 */
(function () {
  "use strict";

  var KEY = "cp-a11y";
  var ALLOWED = {
    scheme: ["white", "black", "blue", "brown", "green"],
    images: ["on", "off", "gray"],
    spacing: ["normal", "medium", "big"]
  };
  var NAMES = {
    scheme: {
      white: "чёрным по белому", black: "белым по чёрному", blue: "тёмно-синим по голубому",
      brown: "коричневым по бежевому", green: "зелёным по тёмно-коричневому"
    },
    images: { on: "изображения показаны", off: "изображения скрыты", gray: "изображения чёрно-белые" },
    spacing: { normal: "интервал обычный", medium: "интервал средний", big: "интервал большой" }
  };
  var DEFAULTS = { on: false, size: 2, scheme: "white", images: "on", spacing: "normal" };
  var root = document.documentElement;

  function percent(size) { return 75 + 25 * size; }

  // Soft hyphens in long Russian words (the simplified rules of P. Khristov), put in once when
  // the mode is on: at 200 % on a phone a long word then breaks at a syllable with a hyphen,
  // never mid-syllable and never past the screen's edge. Browsers without Russian
  // hyphenation dictionaries (most Chromium builds) ignore `hyphens: auto`.
  var G = "аеёиоуыэюя", S = "бвгджзклмнпрстфхцчшщ", X = "йьъ", L = G + S + X;
  var HYPHEN_RULES = [
    new RegExp("([" + X + "])([" + L + "][" + L + "])", "gi"),
    new RegExp("([" + G + "][" + S + "])([" + S + "][" + G + "])", "gi"),
    new RegExp("([" + S + "][" + G + "])([" + S + "][" + G + "])", "gi"),
    new RegExp("([" + G + "][" + S + "])([" + S + "][" + S + "][" + G + "])", "gi"),
    new RegExp("([" + G + "][" + S + "][" + S + "])([" + S + "][" + G + "])", "gi"),
    new RegExp("([" + G + "][" + S + "][" + S + "])([" + S + "][" + S + "][" + G + "])", "gi")
  ];
  var LONG_WORD = new RegExp("[" + L + "]{7,}", "gi");
  // Runs glued by no-break spaces and word joiners («2022–2023 учебный год», «Ю. В. Калинин»):
  // on a narrow screen in large type such a run may be wider than the screen, so it is let go.
  var GLUED = /[^ \t\n\r]*[\u00a0\u2060][^ \t\n\r]*/g;
  var GLUE_LIMIT = 12;
  var hyphenated = false;

  function hyphenateWord(word) {
    for (var i = 0; i < HYPHEN_RULES.length; i++) {
      word = word.replace(HYPHEN_RULES[i], "$1\u00ad$2").replace(HYPHEN_RULES[i], "$1\u00ad$2");
    }
    return word;
  }

  function hyphenate() {
    if (hyphenated || !document.body || !document.createTreeWalker) return;
    hyphenated = true;
    var skip = /^(SCRIPT|STYLE|PRE|CODE|TEXTAREA|KBD|SAMP)$/;
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        for (var el = n.parentNode; el && el !== document.body; el = el.parentNode) {
          if (skip.test(el.nodeName)) return NodeFilter.FILTER_REJECT;
        }
        return /[\u00a0\u2060]/.test(n.data) || n.data.search(LONG_WORD) >= 0 ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var narrow = window.matchMedia && window.matchMedia("(max-width: 40rem)").matches;
    for (var i = 0; i < nodes.length; i++) {
      var text = nodes[i].data;
      if (narrow) {
        text = text.replace(GLUED, function (run) {
          return run.length > GLUE_LIMIT ? run.replace(/\u00a0/g, " ").replace(/\u2060/g, "") : run;
        });
      }
      nodes[i].data = text.replace(LONG_WORD, hyphenateWord);
    }
  }

  function normalise(raw) {
    var s = {};
    var key;
    raw = raw && typeof raw === "object" ? raw : {};
    s.on = raw.on === true;
    s.size = Math.round(Number(raw.size));
    if (!(s.size >= 1 && s.size <= 5)) s.size = DEFAULTS.size;
    for (key in ALLOWED) {
      if (Object.prototype.hasOwnProperty.call(ALLOWED, key)) {
        s[key] = ALLOWED[key].indexOf(raw[key]) >= 0 ? raw[key] : DEFAULTS[key];
      }
    }
    if (raw.panel === false) s.panel = false;
    return s;
  }

  function load() {
    try {
      return normalise(JSON.parse(window.localStorage.getItem(KEY) || "null"));
    } catch (err) {
      return normalise(null);
    }
  }

  function save(s) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(s));
    } catch (err) { /* storage blocked: the mode still works on this page */ }
  }

  // Same effect as partials/a11y_head.html, plus undoing it.
  function apply(s) {
    if (s.on) {
      root.setAttribute("data-a11y", "on");
      root.setAttribute("data-a11y-scheme", s.scheme);
      root.setAttribute("data-a11y-images", s.images);
      root.setAttribute("data-a11y-spacing", s.spacing);
      root.style.fontSize = percent(s.size) + "%";
      hyphenate();
    } else {
      root.removeAttribute("data-a11y");
      root.removeAttribute("data-a11y-scheme");
      root.removeAttribute("data-a11y-images");
      root.removeAttribute("data-a11y-spacing");
      root.style.removeProperty("font-size");
    }
    if (s.on && s.panel !== false) {
      root.setAttribute("data-a11y-panel", "open");
    } else {
      root.removeAttribute("data-a11y-panel");
    }
  }

  function init() {
    var control = document.getElementById("cp-a11y");
    if (!control) return;
    var toggle = control.querySelector(".a11y-toggle");
    var status = control.querySelector("[data-a11y-status]");
    var sizeValue = control.querySelector("[data-a11y-size-value]");
    var sizeButtons = control.querySelectorAll("[data-a11y-size]");
    var choices = control.querySelectorAll("[data-a11y-set]");
    var state = load();
    var announceTimer = 0;

    function render() {
      var i;
      var b;
      toggle.setAttribute("aria-expanded", state.on && state.panel !== false ? "true" : "false");
      sizeValue.textContent = percent(state.size) + "\u00a0%";
      for (i = 0; i < sizeButtons.length; i++) {
        b = sizeButtons[i];
        var step = Number(b.getAttribute("data-a11y-size"));
        var atLimit = step < 0 ? state.size <= 1 : state.size >= 5;
        if (atLimit) b.setAttribute("aria-disabled", "true");
        else b.removeAttribute("aria-disabled");
      }
      for (i = 0; i < choices.length; i++) {
        b = choices[i];
        var pressed = state[b.getAttribute("data-a11y-set")] === b.getAttribute("data-a11y-value");
        b.setAttribute("aria-pressed", pressed ? "true" : "false");
      }
    }

    function announce(message) {
      // Clear first so that the same message is announced again.
      window.clearTimeout(announceTimer);
      status.textContent = "";
      announceTimer = window.setTimeout(function () { status.textContent = message; }, 60);
    }

    function commit(message) {
      save(state);
      apply(state);
      render();
      if (message) announce(message);
    }

    function onClick(event) {
      var target = event.target;
      var b = target && target.closest ? target.closest("button") : null;
      if (!b || !control.contains(b)) return;

      if (b === toggle) {
        if (!state.on) {
          state.on = true;
          delete state.panel;
          commit("Версия для слабовидящих включена, шрифт " + percent(state.size) + " %, " +
                 NAMES.scheme[state.scheme] + ". Настройки открыты.");
        } else if (state.panel === false) {
          delete state.panel;
          commit("Настройки открыты");
        } else {
          state.panel = false;
          commit("Настройки скрыты");
        }
        return;
      }
      if (b.hasAttribute("data-a11y-off")) {
        state.on = false;
        delete state.panel;
        commit("Обычная версия сайта");
        toggle.focus(); // the pressed button disappears with the panel
        return;
      }
      if (b.hasAttribute("data-a11y-size")) {
        var size = state.size + Number(b.getAttribute("data-a11y-size"));
        if (size < 1 || size > 5) {
          announce("Размер шрифта " + percent(state.size) + " %, " +
                   (size < 1 ? "это наименьший" : "это наибольший"));
          return;
        }
        state.size = size;
        state.on = true;
        commit("Размер шрифта " + percent(size) + " %");
        return;
      }
      var key = b.getAttribute("data-a11y-set");
      var value = b.getAttribute("data-a11y-value");
      if (key && ALLOWED[key] && ALLOWED[key].indexOf(value) >= 0) {
        state[key] = value;
        state.on = true;
        commit(key === "scheme" ? "Цвета: " + NAMES.scheme[value] : NAMES[key][value].charAt(0).toUpperCase() + NAMES[key][value].slice(1));
      }
    }

    // Another tab changed the settings: follow it.
    window.addEventListener("storage", function (event) {
      if (event.key === KEY || event.key === null) {
        state = load();
        apply(state);
        render();
      }
    });

    control.addEventListener("click", onClick);
    apply(state);
    render();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
