// hedgerow explorer: plain JavaScript, no library, no network. The data is the JSON above.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var NS = "http://www.w3.org/2000/svg";
  var COLOR_A = "#1d4ed8", COLOR_B = "#c2410c", COLOR_NONE = "#b8b8b8";
  var LINES_SHOWN = 12;

  function el(tag, attrs) {
    var e = document.createElement(tag);
    attrs = attrs || {};
    Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) e.append(arguments[i]);
    return e;
  }
  function sv(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function fmt(v, d) { return (v === null || v === undefined || !isFinite(v)) ? "–" : Number(v).toFixed(d); }
  function num(v) { return (v === null || v === undefined || !isFinite(v)) ? "–" : Math.round(v).toLocaleString("en"); }

  // ---- state and derived counts
  var S = { a: 0, b: -1, term: -1, hideOwn: true };
  var own = D.own.map(function (l) { return new Set(l); });
  var counts = D.terms.map(function (t) { var m = new Map(); t[3].forEach(function (p) { m.set(p[0], p[1]); }); return m; });
  var linesOf = new Map();
  D.lines.forEach(function (l, i) { if (!linesOf.has(l[0])) linesOf.set(l[0], []); linesOf.get(l[0]).push(i); });

  function countIn(t, g) { return g < 0 ? D.terms[t][2] - (counts[t].get(S.a) || 0) : (counts[t].get(g) || 0); }
  function totalIn(g) { return g < 0 ? D.corpusTotal - D.groupTotals[S.a] : D.groupTotals[g]; }
  function nameOf(g) { return g < 0 ? "the rest of the corpus" : D.groups[g]; }
  function isOwn(t) { return own[S.a].has(t) || (S.b >= 0 && own[S.b].has(t)); }

  // signed log-likelihood G² of a count in A against one in B (positive: more in A)
  function g2(a, ta, b, tb) {
    var n = a + b, T = ta + tb;
    if (!n || !ta || !tb) return 0;
    var e1 = ta * n / T, e2 = tb * n / T, g = 0;
    if (a > 0) g += a * Math.log(a / e1);
    if (b > 0) g += b * Math.log(b / e2);
    g *= 2;
    return (a / ta >= b / tb) ? g : -g;
  }

  function rows() {
    var ta = totalIn(S.a), tb = totalIn(S.b), out = [];
    for (var t = 0; t < D.terms.length; t++) {
      var a = countIn(t, S.a), b = countIn(t, S.b);
      if (a + b === 0) continue;
      var g = g2(a, ta, b, tb);
      out.push({ t: t, a: a, b: b, pa: a / ta * 1e4, pb: b / tb * 1e4, g: g,
        key: Math.abs(g) > D.crit ? (g > 0 ? "A" : "B") : "", own: isOwn(t) });
    }
    return out;
  }

  // ---- the plot
  function plot() {
    var svg = $("svg");
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var W = 720, H = 520, L = 60, R = 20, T = 20, B = 50;
    var rs = rows().filter(function (r) { return !(S.hideOwn && r.own); });
    var ta = totalIn(S.a), tb = totalIn(S.b);
    var floorA = 0.5 / ta * 1e4, floorB = 0.5 / tb * 1e4;
    var lo = Math.log10(Math.min(floorA, floorB)), hi = lo + 1;
    rs.forEach(function (r) { hi = Math.max(hi, Math.log10(Math.max(r.pa, r.pb, 1e-9))); });
    lo = Math.floor(lo); hi = Math.ceil(hi);
    // ticks on the plain scale; points at no less than half a count of their side
    var x = function (v) { return L + (Math.log10(v) - lo) / (hi - lo) * (W - L - R); };
    var y = function (v) { return H - B - (Math.log10(v) - lo) / (hi - lo) * (H - T - B); };
    var px = function (v) { return x(Math.max(v, floorB)); }, py = function (v) { return y(Math.max(v, floorA)); };
    for (var p = lo; p <= hi; p++) {
      var v = Math.pow(10, p), lab = v >= 1 ? String(v) : v.toPrecision(1);
      svg.append(sv("line", { x1: x(v), x2: x(v), y1: T, y2: H - B, "class": "grid" }));
      svg.append(sv("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), "class": "grid" }));
      var tx = sv("text", { x: x(v), y: H - B + 15, "text-anchor": "middle" }); tx.textContent = lab; svg.append(tx);
      var ty = sv("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }); ty.textContent = lab; svg.append(ty);
    }
    svg.append(sv("line", { x1: x(Math.pow(10, lo)), y1: y(Math.pow(10, lo)), x2: x(Math.pow(10, hi)), y2: y(Math.pow(10, hi)), "class": "axis", "stroke-dasharray": "4 4" }));
    var xl = sv("text", { x: (L + W - R) / 2, y: H - 12, "text-anchor": "middle" });
    xl.textContent = "B: " + nameOf(S.b) + " — per 10,000 terms (log)"; svg.append(xl);
    var yl = sv("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", transform: "rotate(-90 14 " + (T + H - B) / 2 + ")" });
    yl.textContent = "A: " + nameOf(S.a) + " — per 10,000 terms (log)"; svg.append(yl);
    rs.sort(function (p, q) { return (p.key ? 1 : 0) - (q.key ? 1 : 0); });
    rs.forEach(function (r) {
      var c = sv("circle", { cx: px(r.pb).toFixed(1), cy: py(r.pa).toFixed(1), r: r.key ? 4 : 3,
        fill: r.key === "A" ? COLOR_A : r.key === "B" ? COLOR_B : COLOR_NONE, "class": "pt", "data-t": r.t,
        "fill-opacity": r.key ? 0.85 : 0.6 });
      if (r.own) { c.setAttribute("fill", "none"); c.setAttribute("stroke", "#555"); }
      var tip = sv("title", {});
      tip.textContent = D.terms[r.t][0] + ": A " + r.a + ", B " + r.b + ", G² " + fmt(r.g, 1) + (r.own ? " (a group's own name)" : "");
      c.append(tip);
      c.addEventListener("click", function () { show(r.t); });
      svg.append(c);
    });
    var top = rs.filter(function (r) { return r.key; }).sort(function (p, q) { return Math.abs(q.g) - Math.abs(p.g); }).slice(0, 14);
    top.forEach(function (r) {
      var t = sv("text", { x: px(r.pb) + 6, y: py(r.pa) - 4 }); t.textContent = D.terms[r.t][0]; svg.append(t);
    });
    var nKey = rs.filter(function (r) { return r.key; }).length;
    $("plotnote").textContent = rs.length + " terms. Blue: key in A, orange: key in B (signed log-likelihood G² > " + fmt(D.crit, 1) +
      ", α = " + D.alpha + " Bonferroni-corrected over the " + D.terms.length + " terms kept); " + nKey + " key terms; grey: not key." +
      (S.hideOwn ? " A group's own name (words of its label) is left out." : " Hollow: a group's own name.") +
      " A term absent from one side sits at half a count.";
    highlight();
  }

  function highlight() {
    var q = $("search").value.trim().toLowerCase();
    document.querySelectorAll("#svg .pt").forEach(function (c) {
      var t = +c.getAttribute("data-t");
      c.classList.toggle("sel", t === S.term);
      c.classList.toggle("hit", q.length > 0 && matches(t, q));
    });
  }
  function matches(t, q) { return D.terms[t][0].toLowerCase().indexOf(q) === 0 || D.terms[t][1].indexOf(q) === 0; }

  // ---- search: the terms that begin with what is typed, most frequent first
  function search() {
    var q = $("search").value.trim().toLowerCase(), box = $("matches");
    box.textContent = "";
    if (q) {
      var found = [];
      for (var t = 0; t < D.terms.length; t++) if (matches(t, q)) found.push(t);
      found.sort(function (p, r) { return D.terms[r][2] - D.terms[p][2]; });
      if (!found.length) box.append(el("span", { "class": "note", text: "No kept term begins with “" + q + "” (the explorer keeps each group's most frequent and most over-used terms; terms.csv has all)." }));
      found.slice(0, 20).forEach(function (t) {
        box.append(el("button", { "class": "match", "data-t": t, type: "button", text: D.terms[t][0], onclick: function () { show(t); } }));
      });
    }
    highlight();
  }

  // ---- concordance of a term in both groups
  function show(t) {
    S.term = t;
    var box = $("conc"), ta = totalIn(S.a), tb = totalIn(S.b);
    var a = countIn(t, S.a), b = countIn(t, S.b), g = g2(a, ta, b, tb);
    box.textContent = "";
    box.append(el("h3", { id: "concterm", text: D.terms[t][0] + (D.terms[t][1] !== D.terms[t][0] ? " (term “" + D.terms[t][1] + "”)" : "") }));
    box.append(el("p", { "class": "note", text: "A: " + a + " (" + fmt(a / ta * 1e4, 2) + " per 10k) · B: " + b + " (" + fmt(b / tb * 1e4, 2) +
      " per 10k) · G² " + fmt(g, 1) + (Math.abs(g) > D.crit ? (g > 0 ? " — key in A" : " — key in B") : " — not key") + (isOwn(t) ? " · a group's own name" : "") }));
    var sides = el("div", { "class": "sides" });
    sides.append(side(t, S.a, a), side(t, S.b, b));
    box.append(sides);
    highlight();
  }

  function side(t, g, n) {
    var d = el("div", { "class": "side", "data-group": g });
    d.append(el("h4", { text: nameOf(g) + " (" + n + ")" }));
    var ls = (linesOf.get(t) || []).map(function (i) { return D.lines[i]; })
      .filter(function (l) { return g < 0 ? l[1] !== S.a : l[1] === g; });
    if (!ls.length) {
      d.append(el("p", { "class": "note", text: n ? "No line kept for this group (the explorer keeps " + D.bounds + ")." : "Not used." }));
      return d;
    }
    var ul = el("ul", {});
    ls.slice(0, LINES_SHOWN).forEach(function (l) { ul.append(lineItem(l)); });
    d.append(ul);
    if (ls.length > LINES_SHOWN) d.append(el("p", { "class": "note", text: (ls.length - LINES_SHOWN) + " more lines kept, from other groups." }));
    return d;
  }

  function lineItem(l) {
    var doc = D.docs[l[2]], li = el("li", { "class": "line" });
    li.append(el("span", { "class": "l", text: "…" + l[3] }), el("span", { "class": "m", text: l[4] }), el("span", { "class": "r", text: l[5] + "…" }), el("br"));
    var label = doc[1] + (doc[3] ? ", " + doc[3] : "") + (doc[2] ? ": " + doc[2] : " (" + doc[0] + ")");
    if (doc[4]) li.append(el("a", { "class": "src", href: doc[4], text: label + (doc[4].indexOf("stories/") === 0 ? " — story page" : "") }));
    else li.append(el("span", { "class": "src", text: label + " — document " + doc[0] }));
    return li;
  }

  // ---- sortable, filterable tables
  function table(box, cols, data, opts) {
    opts = opts || {};
    var limit = opts.limit || 400, sortCol = opts.sort === undefined ? -1 : opts.sort, dir = opts.desc ? -1 : 1;
    box.textContent = "";
    box.classList.add("tbl");
    var input = el("input", { type: "search", placeholder: "filter rows", "aria-label": "filter rows" });
    var count = el("span", { "class": "count" });
    var wrap = el("div", { "class": "tblwrap" }), tbl = el("table", {}), head = el("tr", {}), body = el("tbody", {});
    cols.forEach(function (c, i) {
      var th = el("th", { "class": c.num ? "n" : "", text: c.name, title: "sort" });
      th.addEventListener("click", function () { dir = sortCol === i ? -dir : (c.num ? -1 : 1); sortCol = i; render(); });
      head.append(th);
    });
    tbl.append(el("thead", {}), body); tbl.firstChild.append(head); wrap.append(tbl);
    box.append(input, count, wrap);
    function key(r, i) { var v = cols[i].sortBy ? cols[i].sortBy(r) : r[i]; return v === null || v === undefined ? -Infinity : v; }
    function render() {
      var q = input.value.trim().toLowerCase();
      var rs = data.filter(function (r) { return !q || cols.some(function (c, i) { return String(c.text ? c.text(r) : r[i]).toLowerCase().indexOf(q) >= 0; }); });
      if (sortCol >= 0) rs.sort(function (p, r) { var a = key(p, sortCol), b = key(r, sortCol); return (a < b ? -1 : a > b ? 1 : 0) * dir; });
      Array.prototype.forEach.call(head.children, function (th, i) { th.className = (cols[i].num ? "n " : "") + (i === sortCol ? (dir > 0 ? "asc" : "desc") : ""); });
      body.textContent = "";
      rs.slice(0, limit).forEach(function (r) {
        var tr = el("tr", {});
        cols.forEach(function (c, i) {
          var td = el("td", { "class": c.num ? "n" : "" });
          if (c.cell) c.cell(td, r); else td.textContent = c.text ? c.text(r) : r[i];
          tr.append(td);
        });
        body.append(tr);
      });
      count.textContent = "showing " + Math.min(rs.length, limit) + " of " + rs.length + " rows" + (rs.length > limit ? " (filter to see others)" : "");
    }
    input.addEventListener("input", render);
    render();
  }

  function rateCell(i, max) {
    return function (td, r) {
      var v = r[i];
      td.append(document.createTextNode(fmt(v[0], 2) + " (" + fmt(v[1], 2) + "–" + fmt(v[2], 2) + ")"));
      if (isFinite(v[0]) && max > 0) {
        var ci = el("span", { "class": "ci", title: "interval " + fmt(v[1], 2) + "–" + fmt(v[2], 2) });
        var lo = Math.max(0, v[1] / max * 100), hi = Math.min(100, v[2] / max * 100);
        ci.append(el("i", { style: "left:" + lo + "%;width:" + Math.max(hi - lo, 1) + "%" }), el("b", { style: "left:" + Math.min(100, v[0] / max * 100) + "%" }));
        td.append(ci);
      }
    };
  }
  function maxHi(i) { var m = 0; D.sources.forEach(function (r) { if (r[i] && isFinite(r[i][2])) m = Math.max(m, r[i][2]); }); return m; }

  function termTable() {
    $("termhead").textContent = "Terms of A (" + nameOf(S.a) + ") and B (" + nameOf(S.b) + ")";
    var data = rows().map(function (r) { return [D.terms[r.t][0], r.a, r.pa, r.b, r.pb, r.g, r.key, r.own, r.t]; });
    table($("termtable"), [
      { name: "term", cell: function (td, r) { td.append(el("a", { "class": "term" + (r[7] ? " own" : ""), "data-t": r[8], text: r[0], onclick: function () { show(r[8]); } })); } },
      { name: "A count", num: true }, { name: "A per 10k", num: true, text: function (r) { return fmt(r[2], 2); } },
      { name: "B count", num: true }, { name: "B per 10k", num: true, text: function (r) { return fmt(r[4], 2); } },
      { name: "signed G²", num: true, text: function (r) { return fmt(r[5], 1); } },
      { name: "key in", cell: function (td, r) { td.textContent = r[6]; td.className = r[6] === "A" ? "key-a" : r[6] === "B" ? "key-b" : ""; } },
      { name: "own name", text: function (r) { return r[7] ? "yes" : ""; } }
    ], data, { sort: 5, desc: true, limit: 300 });
  }

  function staticTables() {
    var mh = maxHi(3), md = maxHi(4), ms = maxHi(5);
    table($("sourcetable"), [
      { name: D.grouping }, { name: "documents", num: true }, { name: "word tokens", num: true, text: function (r) { return num(r[2]); } },
      { name: "hedges / 1k (95%)", num: true, sortBy: function (r) { return r[3][0]; }, cell: rateCell(3, mh) },
      { name: "direct quotes / 1k (95%)", num: true, sortBy: function (r) { return r[4][0]; }, cell: rateCell(4, md) },
      { name: "scare quotes / 1k (95%)", num: true, sortBy: function (r) { return r[5][0]; }, cell: rateCell(5, ms) },
      { name: "quoted share", num: true, text: function (r) { return fmt(r[6], 2); } }
    ], D.sources, { sort: 1, desc: true });
    table($("speakertable"), [{ name: D.grouping }, { name: "speaker" }, { name: "type" }, { name: "direct quotes", num: true }, { name: "documents", num: true }],
      D.speakers, { sort: 3, desc: true });
    table($("storytable"), [
      { name: "story", cell: function (td, r) { td.append(el("a", { href: r[5], text: r[0] })); } },
      { name: "label" }, { name: "sources", num: true }, { name: "documents", num: true }, { name: "which sources" }
    ], D.stories, { sort: 2, desc: true, limit: 500 });
  }

  // ---- controls
  function fillSelects() {
    D.groups.forEach(function (g, i) { $("ga").append(el("option", { value: i, text: g })); });
    $("gb").append(el("option", { value: -1, text: "the rest of the corpus" }));
    D.groups.forEach(function (g, i) { $("gb").append(el("option", { value: i, text: g })); });
    $("ga").addEventListener("change", function () { S.a = +this.value; if (S.b === S.a) { S.b = -1; $("gb").value = -1; } redraw(); });
    $("gb").addEventListener("change", function () { S.b = +this.value; if (S.b === S.a) { S.b = -1; this.value = -1; } redraw(); });
    $("search").addEventListener("input", search);
    $("hideown").addEventListener("change", function () { S.hideOwn = this.checked; plot(); });
  }
  function redraw() { plot(); termTable(); if (S.term >= 0) show(S.term); }

  // A URL hash replays a reader's steps through the same controls, e.g.
  // #a=CNN&b=rest&search=trump&click=1 : choose A and B, type in the search box, click the
  // first term found. A test drives the page this way; anyone can share a view with it.
  function replay() {
    var h = new URLSearchParams(location.hash.slice(1));
    var pick = function (sel, name) {
      var i = name === "rest" ? -1 : D.groups.indexOf(name);
      if (i >= -1 && (i >= 0 || sel === "gb")) { $(sel).value = i; $(sel).dispatchEvent(new Event("change")); }
    };
    if (h.has("a")) pick("ga", h.get("a"));
    if (h.has("b")) pick("gb", h.get("b"));
    if (h.has("search")) { $("search").value = h.get("search"); $("search").dispatchEvent(new Event("input")); }
    if (h.get("click")) { var b = document.querySelector("#matches button"); if (b) b.click(); }
    document.body.setAttribute("data-ready", "1");
  }

  $("name").textContent = D.name;
  $("lead").textContent = D.groups.length + " groups by " + D.grouping + " of " + D.sources.length + "; " + D.terms.length + " terms; " +
    D.lines.length + " concordance lines; " + D.stories.length + " stories told by two or more sources. Everything is in this one file: it needs no network.";
  $("foot").textContent = "Kept: " + D.bounds + "." + (D.trimmed ? " Some concordance lines were dropped to hold the size budget." : "") +
    " Counts are those of terms.csv (stems; the written form shown is the most frequent). Made with hedgerow.";
  fillSelects();
  if (D.groups.length) redraw();
  staticTables();
  replay();
})();
