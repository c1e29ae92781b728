/* Filters of a plan table by month, status and responsible. Without JavaScript every row stays visible. */
(function () {
  "use strict";
  var form = document.querySelector("[data-filters]");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-status]"));
  var months = {}, people = {};
  var names = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];
  function span(row) {
    var m = (row.getAttribute("data-months") || "").split(" ");
    return m.length === 2 ? m : null;
  }
  function eachMonth(a, b, fn) {
    var y = +a.slice(0, 4), m = +a.slice(5, 7), ey = +b.slice(0, 4), em = +b.slice(5, 7), guard = 0;
    while ((y < ey || (y === ey && m <= em)) && guard++ < 36) {
      fn(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
  }
  rows.forEach(function (row) {
    var s = span(row);
    if (s) eachMonth(s[0], s[1], function (k) { months[k] = true; });
    var r = row.getAttribute("data-responsible");
    if (r) people[r] = true;
  });
  function fill(select, values, label) {
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v; o.textContent = label ? label(v) : v;
      select.appendChild(o);
    });
  }
  fill(form.elements.month, Object.keys(months).sort(), function (k) {
    return names[+k.slice(5, 7) - 1] + " " + k.slice(0, 4);
  });
  fill(form.elements.responsible, Object.keys(people).sort());
  var counter = form.querySelector(".filters__count");
  function apply() {
    var month = form.elements.month.value, status = form.elements.status.value, who = form.elements.responsible.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = true;
      if (status && row.getAttribute("data-status") !== status) ok = false;
      if (who && row.getAttribute("data-responsible") !== who) ok = false;
      if (ok && month) {
        var s = span(row), hit = false;
        if (s) eachMonth(s[0], s[1], function (k) { if (k === month) hit = true; });
        ok = hit;
      }
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    counter.textContent = "Показано пунктов: " + shown + " из " + rows.length;
  }
  // The figures above the table («Просрочено: 2») filter by their state; pressed again, they show all.
  var figures = Array.prototype.slice.call(document.querySelectorAll("[data-show-status]"));
  function pressFigures() {
    var status = form.elements.status.value;
    figures.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-show-status") === status ? "true" : "false"); });
  }
  figures.forEach(function (b) {
    b.addEventListener("click", function () {
      var key = b.getAttribute("data-show-status");
      form.elements.status.value = form.elements.status.value === key ? "" : key;
      apply();
      pressFigures();
      if (form.elements.status.value) {
        var first = rows.filter(function (r) { return !r.hidden; })[0];
        if (first) first.scrollIntoView({ block: "nearest" });
      }
    });
  });
  form.addEventListener("change", function () { apply(); pressFigures(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
