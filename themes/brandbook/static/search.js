/*
 * clusterpages: site search in the browser, from the index the build writes
 * (clusterpages/search/index.py describes its files).
 *
 * The index is loaded with <script> elements only (never fetch/XHR), so search works from
 * file://, under any sub-path and inside a cluster's zip; a page loads the manifest, then for
 * each query word one term shard per part (by the word's first letter or two), then the
 * document chunks of the results it shows.
 *
 * Words are matched as the build indexed them: lower case, ё read as е, and the Snowball
 * Russian stemmer, written here from the algorithm's published description
 * (snowballstem.org/algorithms/russian/stemmer.html); the build uses the Python Snowball
 * package, and a test runs both over thousands of word forms. While typing, the last word
 * also matches as a prefix; words of five letters or more forgive one typo (a letter
 * missing, extra, wrong, or two letters swapped) after the letters that choose the shard.
 *
 * Without the manifest (a CMS page with pasted pieces, say) nothing happens and nothing fails.
 */
(function (root) {
  "use strict";

  // ------------------------------------------------------------------ Snowball Russian stemmer

  var VOWELS = "аеиоуыэюя";

  function table(groups) {
    var map = {}, longest = 0;
    groups.forEach(function (words, group) {
      words.split(" ").forEach(function (w) {
        map[w] = group + 1;
        longest = Math.max(longest, w.length);
      });
    });
    return { map: map, longest: longest };
  }

  // Group 1 of gerunds, participles and verbs must follow а or я (which stays).
  var GERUND = table(["в вши вшись", "ив ивши ившись ыв ывши ывшись"]);
  var ADJECTIVE = table(["ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею"]);
  var PARTICIPLE = table(["ем нн вш ющ щ", "ивш ывш ующ"]);
  var REFLEXIVE = table(["ся сь"]);
  var VERB = table(["ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно",
    "ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю"]);
  var NOUN = table(["а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я"]);
  var DERIVATIONAL = table(["ост ость"]);
  var TIDY = table(["ейш ейше", "н", "ь"]);

  function isVowel(ch) { return VOWELS.indexOf(ch) >= 0; }

  // RV starts after the first vowel; R2 after the second vowel–consonant pair behind it.
  function regions(w) {
    var n = w.length, i = 0, rv, r2 = n;
    while (i < n && !isVowel(w[i])) i++;
    if (i >= n) return [n, n];
    rv = ++i;
    for (var step = 0; step < 3; step++) {  // past a consonant, a vowel, a consonant
      var wantVowel = step === 1;
      while (i < n && isVowel(w[i]) !== wantVowel) i++;
      if (i >= n) return [rv, n];
      i++;
    }
    r2 = i;
    return [rv, r2];
  }

  function stemWord(word) {
    if (!/[а-я]/.test(word)) return word;
    var reg = regions(word), rv = reg[0], r2 = reg[1], end = word.length;

    // The longest ending of `t` that lies within RV: {len, group} or null.
    function ending(t) {
      for (var len = Math.min(t.longest, end - rv); len >= 1; len--) {
        var g = t.map[word.slice(end - len, end)];
        if (g) return { len: len, group: g };
      }
      return null;
    }
    // Group 1 endings need а or я (inside RV) before them.
    function allowed(m) {
      if (m.group !== 1) return true;
      var at = end - m.len - 1;
      return at >= rv && (word[at] === "а" || word[at] === "я");
    }
    function cut(m) { end -= m.len; }

    var m = ending(GERUND);
    if (m && allowed(m)) {
      cut(m);
    } else {
      m = ending(REFLEXIVE);
      if (m) cut(m);
      m = ending(ADJECTIVE);
      if (m) {
        cut(m);
        m = ending(PARTICIPLE);
        if (m && allowed(m)) cut(m);
      } else {
        m = ending(VERB);
        if (m && allowed(m)) {
          cut(m);
        } else {
          m = ending(NOUN);
          if (m) cut(m);
        }
      }
    }
    if (end > rv && word[end - 1] === "и") end--;
    m = ending(DERIVATIONAL);
    if (m && end - m.len >= r2) cut(m);
    m = ending(TIDY);
    if (m) {
      var doubleN = function () { return end - 2 >= rv && word[end - 1] === "н" && word[end - 2] === "н"; };
      if (m.group === 1) {
        cut(m);
        if (doubleN()) end--;
      } else if (m.group === 2) {
        if (doubleN()) end--;
      } else {
        cut(m);
      }
    }
    return word.slice(0, end);
  }

  // ------------------------------------------------------------------ words

  var WORD = /[\p{L}\p{N}]+/gu;

  function normalise(text) {
    return text.normalize("NFC").replace(/\u00ad/g, "").toLowerCase().replace(/ё/g, "е");
  }

  function words(text) { return normalise(text).match(WORD) || []; }

  var stems = Object.create(null);
  function stem(word) {
    var s = stems[word];
    if (s === undefined) { s = stems[word] = stemWord(word); }
    return s;
  }

  // At most one edit apart (insertion, deletion, substitution or a swap of neighbours)?
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (i === la && i === lb) return true;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // ------------------------------------------------------------------ the index, loaded as scripts

  var FUZZY_MIN = 5, PREFIX_MIN = 2;
  var state = { manifest: null, rootUrl: null, terms: {}, docs: {}, kinds: {}, loading: {} };

  function receive(item) {
    if (!item || !item.length) return;
    if (item[0] === "manifest") state.manifest = item[1];
    else if (item[0] === "terms") state.terms[item[1] + "/" + item[2]] = item[3];
    else if (item[0] === "docs") state.docs[item[1] + "/" + item[2]] = item[3];
    else if (item[0] === "kinds") state.kinds[item[1]] = { letters: item[2], docs: item[3] };
  }

  function takeQueue() {
    var queue = root.cpSearchData;
    if (queue && queue.length !== undefined && !queue.cpTaken) {
      for (var i = 0; i < queue.length; i++) receive(queue[i]);
      root.cpSearchData = { push: function (item) { receive(item); }, cpTaken: true };
    }
  }

  function findRoot() {
    var el = document.querySelector("script[data-search-manifest]");
    if (!el || !el.src) return null;
    return el.src.replace(/search\/manifest\.js(\?.*)?$/, "");
  }

  function loadScript(path, have) {
    if (have()) return Promise.resolve();
    if (!state.loading[path]) {
      state.loading[path] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = state.rootUrl + path;
        s.async = true;
        s.onload = s.onerror = function () { s.remove(); resolve(); };
        document.head.appendChild(s);
      });
    }
    return state.loading[path];
  }

  function hex(ch) { return ("000" + ch.codePointAt(0).toString(16)).slice(-4); }

  function hasShard(part, code) { return (" " + part.shards + " ").indexOf(" " + code + " ") >= 0; }

  // The shard of `part` that holds `term`: all of a small part, the first two letters where
  // the first letter was split, else the first letter (index.py: shard_for).
  function shardFor(part, term) {
    if (part.shards === "all") return "all";
    var one = hex(term[0]);
    if (term.length > 1 && hasShard(part, one + hex(term[1]))) return one + hex(term[1]);
    return one;
  }

  function loadShards(parts, stems) {
    var jobs = [];
    parts.forEach(function (part) {
      stems.forEach(function (term) {
        var code = shardFor(part, term), key = part.key + "/" + code;
        if (!hasShard(part, code)) return;
        jobs.push(loadScript(part.folder + "t-" + code + ".js", function () { return key in state.terms; }));
      });
    });
    return Promise.all(jobs);
  }

  function loadDocs(results) {
    var jobs = [], chunk = state.manifest.chunk;
    results.forEach(function (r) {
      var n = Math.floor(r.doc / chunk), key = r.part.key + "/" + n;
      jobs.push(loadScript(r.part.folder + "d-" + n + ".js", function () { return key in state.docs; }));
    });
    return Promise.all(jobs).then(function () {
      results.forEach(function (r) {
        var rows = state.docs[r.part.key + "/" + Math.floor(r.doc / chunk)];
        r.row = rows ? rows[r.doc % chunk] : null;
      });
      return results.filter(function (r) { return r.row; });
    });
  }

  // ------------------------------------------------------------------ matching

  // The query as words: each with its stem and whether it is still being typed.
  function parseQuery(text) {
    var list = words(text), typing = !/[\s.,;:!?»"')]$/.test(text);
    // One-letter words («в», «и») would only narrow a longer query to the texts that have them.
    var longer = list.filter(function (w) { return w.length > 1 || /\d/.test(w); });
    if (longer.length) list = longer;
    return list.map(function (w, i) {
      return { word: w, stem: stem(w), prefix: typing && i === list.length - 1 && w.length >= PREFIX_MIN };
    });
  }

  // Terms of one part's shard that a query word matches, with how well: {term: factor}.
  function candidates(shard, q) {
    var out = {};
    if (!shard) return out;
    if (shard[q.stem]) out[q.stem] = 1;
    if (shard[q.word]) out[q.word] = 1;
    var fuzzy = q.word.length >= FUZZY_MIN;
    if (q.prefix || fuzzy) {
      for (var term in shard) {
        if (out[term]) continue;
        if (q.prefix && term.lastIndexOf(q.word, 0) === 0) out[term] = 0.8;
        else if (fuzzy && oneEdit(term, q.stem)) out[term] = 0.6;
      }
    }
    return out;
  }

  // Every document matching all words: [{part, doc, score}], best first; plus the matched terms.
  function match(queryWords, parts) {
    var results = [], matched = Object.create(null);
    parts.forEach(function (part, partIndex) {
      var scores = null;
      queryWords.forEach(function (q) {
        var shard = state.terms[part.key + "/" + shardFor(part, q.stem)];
        var found = candidates(shard, q), best = Object.create(null);
        Object.keys(found).forEach(function (term) {
          matched[term] = true;
          var flat = shard[term], doc = 0;
          for (var i = 0; i < flat.length; i += 2) {
            doc += flat[i];
            var s = found[term] * flat[i + 1];
            if (!(best[doc] >= s)) best[doc] = s;
          }
        });
        if (scores === null) {
          scores = best;
        } else {
          var next = Object.create(null);
          for (var d in scores) if (d in best) next[d] = scores[d] + best[d];
          scores = next;
        }
      });
      for (var d in scores || {}) results.push({ part: part, partIndex: partIndex, doc: +d, score: scores[d] });
    });
    results.sort(function (a, b) {
      return b.score - a.score || a.partIndex - b.partIndex || a.doc - b.doc;
    });
    return { results: results, matched: matched };
  }

  // Start loading the term shards of the words typed so far (the box calls it on every key,
  // and with "" on focus: then the parts small enough to be one term file are loaded).
  function prefetch(text) {
    takeQueue();
    if (!state.manifest) return Promise.resolve();
    var stems = parseQuery(text).map(function (q) { return q.stem; });
    if (!stems.length) {
      return loadShards(state.manifest.parts.filter(function (p) { return p.shards === "all"; }), ["a"]);
    }
    return loadShards(state.manifest.parts, stems);
  }

  function search(text, filter) {
    takeQueue();
    var m = state.manifest;
    if (!m) return Promise.resolve({ results: [], matched: {} });
    var queryWords = parseQuery(text);
    if (!queryWords.length) return Promise.resolve({ results: [], matched: {} });
    var parts = m.parts.filter(function (p) { return !filter || !filter.part || p.key === filter.part; });
    return loadShards(parts, queryWords.map(function (q) { return q.stem; })).then(function () {
      var found = match(queryWords, parts);
      if (filter && filter.kind) {
        return filterKind(found, filter.kind);
      }
      return found;
    });
  }

  // Each part's kinds file has one letter per document, and which letter is which kind.
  function filterKind(found, kind) {
    var parts = [];
    found.results.forEach(function (r) { if (parts.indexOf(r.part) < 0) parts.push(r.part); });
    return Promise.all(parts.map(function (part) {
      return loadScript(part.folder + "kinds.js", function () { return part.key in state.kinds; });
    })).then(function () {
      found.results = found.results.filter(function (r) {
        var kinds = state.kinds[r.part.key];
        return kinds && kinds.docs.charAt(r.doc) === kinds.letters[kind];
      });
      return found;
    });
  }

  // What a result list shows: the total and the first `limit` results with their documents.
  function query(text, filter, limit) {
    return search(text, filter).then(function (found) {
      return loadDocs(found.results.slice(0, limit)).then(function (shown) {
        return { total: found.results.length, shown: shown, matched: found.matched, results: found.results };
      });
    });
  }

  // ------------------------------------------------------------------ showing results

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // Append `text` to `parent` with the words whose stems matched wrapped in <mark>.
  function highlight(parent, text, matched) {
    var last = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var w = normalise(m[0]);
      if (matched[stem(w)] || matched[w]) {
        if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
        parent.appendChild(el("mark", "", m[0]));
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // About `size` characters of `text` around its first matched word, cut at word boundaries.
  function snippet(text, matched, size) {
    var m, at = -1;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var w = normalise(m[0]);
      if (matched[stem(w)] || matched[w]) { at = m.index; break; }
    }
    if (at < 0) at = 0;
    var start = Math.max(0, at - Math.round(size / 3));
    if (start > 0) { var sp = text.indexOf(" ", start); start = sp >= 0 && sp < at ? sp + 1 : start; }
    var stop = Math.min(text.length, start + size);
    if (stop < text.length) { var sp2 = text.lastIndexOf(" ", stop); stop = sp2 > at ? sp2 : stop; }
    return (start > 0 ? "… " : "") + text.slice(start, stop) + (stop < text.length ? " …" : "");
  }

  function plural(n, one, few, many) {
    var t = n % 10, h = n % 100;
    if (t === 1 && h !== 11) return one;
    if (t >= 2 && t <= 4 && (h < 12 || h > 14)) return few;
    return many;
  }

  function countText(n) {
    return n ? "Найдено: " + n + " " + plural(n, "результат", "результата", "результатов") + "."
      : "Ничего не найдено.";
  }

  function resultItem(r, matched, snippetSize) {
    var row = r.row, li = el("li", "search-result");
    var a = el("a", "search-result__title");
    a.href = state.rootUrl + row[2];
    highlight(a, row[0], matched);
    li.appendChild(a);
    var meta = el("p", "search-result__meta");
    var kind = el("span", "search-result__kind", state.manifest.kinds[row[1]] || "");
    meta.appendChild(kind);
    var where = [r.part.key === "region" ? "" : "кластер «" + r.part.name + "»", row[3]].filter(Boolean).join(" · ");
    if (where) meta.appendChild(document.createTextNode(" · " + where));
    li.appendChild(meta);
    var text = row[4] || "";
    if (text) {
      var p = el("p", "search-result__snippet");
      highlight(p, snippet(text, matched, snippetSize), matched);
      li.appendChild(p);
    }
    return li;
  }

  // ------------------------------------------------------------------ the box in the header

  function debounce(fn, ms) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function setupBox(form) {
    var input = form.querySelector("input[type=search]");
    var panel = form.querySelector("[data-search-panel]");
    var status = form.querySelector("[data-search-status]");
    if (!input || !panel || !status) return;
    var seq = 0;

    function close() { panel.hidden = true; }
    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }

    function run() {
      var text = input.value, mine = ++seq;
      if (!words(text).length) { panel.replaceChildren(); status.textContent = ""; close(); return; }
      query(text, null, 8).then(function (found) {
        if (mine !== seq) return;
        var list = el("ul", "site-search__list");
        found.shown.forEach(function (r) { list.appendChild(resultItem(r, found.matched, 120)); });
        var all = el("a", "site-search__all", found.total ? "Все результаты (" + found.total + ")" : "Открыть страницу поиска");
        all.href = form.action + "?q=" + encodeURIComponent(text);
        panel.replaceChildren(list, all);
        panel.hidden = false;
        status.textContent = countText(found.total);
      });
    }

    var later = debounce(run, 150);
    input.addEventListener("focus", function () { prefetch(""); });
    input.addEventListener("input", function () { prefetch(input.value); later(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && !panel.hidden && links().length) { e.preventDefault(); links()[0].focus(); }
      if (e.key === "Escape") { close(); }
    });
    panel.addEventListener("keydown", function (e) {
      var list = links(), i = list.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i >= 0) { e.preventDefault(); list[Math.min(i + 1, list.length - 1)].focus(); }
      if (e.key === "ArrowUp" && i >= 0) { e.preventDefault(); (i === 0 ? input : list[i - 1]).focus(); }
      if (e.key === "Escape") { e.preventDefault(); close(); input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
    form.addEventListener("focusout", function (e) { if (e.relatedTarget && !form.contains(e.relatedTarget)) close(); });
    form.hidden = false;
  }

  // ------------------------------------------------------------------ the search page

  var PAGE_SIZE = 20;

  function setupPage(form) {
    var input = form.querySelector("input[type=search]");
    var partSelect = form.querySelector("select[name=part]");
    var kindSelect = form.querySelector("select[name=kind]");
    var status = document.querySelector("[data-search-page-status]");
    var list = document.querySelector("[data-search-results]");
    var more = document.querySelector("[data-search-more]");
    if (!input || !status || !list || !more) return;
    var seq = 0, found = null, shown = 0;

    if (partSelect && state.manifest) {
      state.manifest.parts.forEach(function (p) {
        var o = el("option", "", p.key === "region" ? "Общие страницы региона" : p.name);
        o.value = p.key;
        partSelect.appendChild(o);
      });
      if (state.manifest.parts.length < 2) partSelect.closest("label").hidden = true;
    }
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    if (partSelect && params.get("part")) partSelect.value = params.get("part");
    if (kindSelect && params.get("kind")) kindSelect.value = params.get("kind");

    function showMore() {
      var next = found.results.slice(shown, shown + PAGE_SIZE), mine = seq;
      return loadDocs(next).then(function (rows) {
        if (mine !== seq) return;
        rows.forEach(function (r) { list.appendChild(resultItem(r, found.matched, 240)); });
        shown += next.length;
        more.hidden = shown >= found.results.length;
      });
    }

    function run() {
      var text = input.value, mine = ++seq;
      var filter = { part: partSelect ? partSelect.value : "", kind: kindSelect ? kindSelect.value : "" };
      if (!words(text).length) { list.replaceChildren(); more.hidden = true; status.textContent = "Введите слово или несколько слов."; return; }
      search(text, filter).then(function (f) {
        if (mine !== seq) return;
        found = f;
        shown = 0;
        list.replaceChildren();
        return showMore().then(function () {
          if (mine !== seq) return;
          status.textContent = countText(found.results.length);
          try {
            var q = "?q=" + encodeURIComponent(text) + (filter.part ? "&part=" + filter.part : "") + (filter.kind ? "&kind=" + filter.kind : "");
            history.replaceState(null, "", q);
          } catch (e) { /* file:// in some browsers: the address just stays */ }
        });
      });
    }

    var later = debounce(run, 200);
    input.addEventListener("input", function () { prefetch(input.value); later(); });
    if (partSelect) partSelect.addEventListener("change", run);
    if (kindSelect) kindSelect.addEventListener("change", run);
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    more.addEventListener("click", function () {
      var first = shown;
      showMore().then(function () {
        var next = list.children[first];
        if (next) next.querySelector("a").focus();
      });
    });
    if (input.value) run();
  }

  // ------------------------------------------------------------------ start

  function start() {
    takeQueue();
    state.rootUrl = findRoot();
    if (!state.manifest || !state.rootUrl) return;  // no index here: stay out of the way
    Array.prototype.forEach.call(document.querySelectorAll("form[data-search-box]"), setupBox);
    var page = document.querySelector("form[data-search-page]");
    if (page) setupPage(page);
  }

  var api = { stem: stemWord, words: words, normalise: normalise, oneEdit: oneEdit, shardFor: shardFor, prefetch: prefetch, search: search, query: query };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.cpSearch = api;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})(typeof window !== "undefined" ? window : this);
