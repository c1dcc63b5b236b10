/* igkg explorer page: the sidebar (search, class and relation filters, PNG export) and the details
   panel around the shared drawing (igkgGraph, network/assets/graph.js), over the graph embedded in
   #igkg-data. Every text from the graph is put into the page with textContent (never innerHTML).
   Expanding a node draws its neighbours from the ring embedded with the page: no request. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("igkg-data").textContent);
  var SYMBOLS = { box: "\u25ac", dot: "\u25cf", diamond: "\u25c6", hexagon: "\u2b22", square: "\u25a0",
                  triangle: "\u25b2", triangleDown: "\u25bc", star: "\u2605", ellipse: "\u2b2e" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  document.getElementById("title").textContent = data.title;
  document.getElementById("subtitle").textContent = data.subtitle;
  var status = document.getElementById("status");
  window.igkgSettled = false;
  if (data.physics) { status.textContent = "laying out\u2026"; }

  var graph = window.igkgGraph(document.getElementById("network"), data, {
    progress: function (percent) { status.textContent = "laying out\u2026 " + percent + "%"; },
    settled: function () {
      window.igkgSettled = true;
      window.igkgSettleMs = performance.now();
      document.body.setAttribute("data-settled", "true");
      status.textContent = "";
      if (location.hash.length > 1) { graph.restore(location.hash); }
    },
    selected: function (id) { if (id !== null) { showDetails(id); } },
    expanded: function (id, added) {
      status.textContent = added ? "+" + added + " nodes" : "nothing more to draw";
      showDetails(id);
    }
  });
  var network = graph.network;
  window.network = network;
  window.igkg = graph;

  // --- legend and class filter -----------------------------------------------------------
  var legend = document.getElementById("legend");
  data.classes.forEach(function (c) {
    var item = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-class", c.key);
    box.addEventListener("change", function () { graph.showClass(c.key, box.checked); });
    var swatch = el("span", "swatch", SYMBOLS[c.shape] || "\u25cf");
    swatch.style.color = c.colour;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", "name", c.name));
    // A class with no node drawn (concepts, by default) is there for expanding: say where it is.
    label.appendChild(el("span", "count", c.count || "in details"));
    item.appendChild(label);
    legend.appendChild(item);
  });
  function syncBoxes() {
    legend.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = graph.isShown(box.getAttribute("data-class"));
    });
    relationList.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = graph.relationShown(box.getAttribute("data-relation"));
    });
  }
  document.getElementById("show-all").addEventListener("click", function () { graph.showAll(true); syncBoxes(); });
  document.getElementById("show-none").addEventListener("click", function () { graph.showAll(false); syncBoxes(); });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); graph.refont(); });
  document.getElementById("png").addEventListener("click", function () { graph.downloadPng("igkg-view.png"); });

  // --- relation filter ---------------------------------------------------------------------
  var relationList = document.getElementById("relations");
  data.relations.forEach(function (r) {
    var item = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-relation", r.name);
    box.addEventListener("change", function () { graph.showRelation(r.name, box.checked); });
    label.appendChild(box);
    label.appendChild(el("span", "name", r.name));
    label.appendChild(el("span", "count", r.count));
    item.appendChild(label);
    relationList.appendChild(item);
  });
  window.addEventListener("hashchange", function () { graph.restore(location.hash).then(syncBoxes); });

  // --- search ----------------------------------------------------------------------------
  // What a search matches: the label, the name, the IRI and every literal value.
  var haystack = data.info.map(function (info, i) {
    var words = [i < data.nodes.length ? data.nodes[i].label : ""].concat(info.names);
    info.facts.forEach(function (fact) { words = words.concat(fact[1]); });
    return words.join("\n").toLowerCase();
  });
  var search = document.getElementById("search");
  var results = document.getElementById("search-results");
  function drawnLabel(i) { var n = graph.nodes.get(i); return n ? n.label : ""; }
  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return []; }
    var hits = [];
    for (var i = 0; i < data.nodes.length; i++) {
      var at = haystack[i].indexOf(wanted);
      if (at < 0) { continue; }
      var label = drawnLabel(i).toLowerCase();
      var rank = label === wanted ? 0 : (haystack[i].split("\n").indexOf(wanted) >= 0 ? 1 : (at === 0 ? 2 : 3));
      hits.push([rank, label.length, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 40).map(function (h) { return h[2]; });
  }
  function showResults() {
    clear(results);
    var hits = find(search.value);
    if (search.value.trim() && hits.length === 0) { results.appendChild(el("li", "hint", "no match")); }
    hits.forEach(function (i) {
      var item = el("li");
      var button = el("button", "hit");
      button.type = "button";
      button.setAttribute("data-node", String(i));
      button.appendChild(el("span", "label", drawnLabel(i)));
      button.appendChild(document.createTextNode(" "));
      button.appendChild(el("span", "kind", graph.classes[graph.nodes.get(i).group].name));
      button.addEventListener("click", function () { graph.select(i, true); syncBoxes(); });
      item.appendChild(button);
      results.appendChild(item);
    });
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var hits = find(search.value);
      if (hits.length) { graph.select(hits[0], true); syncBoxes(); }
    }
  });

  // --- details panel ---------------------------------------------------------------------
  var detailsName = document.getElementById("details-name");
  var detailsBody = document.getElementById("details-body");
  function showDetails(i) {
    var info = data.info[i];
    var node = graph.nodes.get(i);
    var cls = graph.classes[node.group];
    clear(detailsBody);
    detailsName.textContent = info.name;
    var kind = el("p", "kind");
    var swatch = el("span", "swatch", SYMBOLS[cls.shape] || "\u25cf");
    swatch.style.color = cls.colour;
    kind.appendChild(swatch);
    kind.appendChild(document.createTextNode(" " + cls.name + " \u00b7 " + node.label));
    detailsBody.appendChild(kind);
    detailsBody.appendChild(el("code", "iri", info.iri));
    var more = graph.hidden(i);
    var actions = el("p", "actions");
    var expand = el("button", "expand", more ? "expand: draw " + more + " more links" : "nothing more to expand");
    expand.type = "button";
    expand.disabled = !more;
    expand.addEventListener("click", function () { graph.expand(i); });
    actions.appendChild(expand);
    detailsBody.appendChild(actions);
    if (info.facts.length) {
      detailsBody.appendChild(el("h2", null, "Properties"));
      var list = el("dl");
      info.facts.forEach(function (fact) {
        list.appendChild(el("dt", null, fact[0]));
        fact[1].forEach(function (value) { list.appendChild(el("dd", null, value)); });
      });
      detailsBody.appendChild(list);
    }
    var around = graph.links(i);
    detailsBody.appendChild(el("h2", null, "Neighbours (" + around.length + ")"));
    var ol = el("ol");
    around.slice(0, 300).forEach(function (link) {
      var item = el("li");
      var button = el("button", "neighbour");
      button.type = "button";
      button.appendChild(el("span", "rel", (link.dir === "out" ? "\u2192 " : "\u2190 ") + link.rel + " "));
      button.appendChild(el("span", "label", drawnLabel(link.other)));
      button.addEventListener("click", function () { graph.select(link.other, true); });
      item.appendChild(button);
      ol.appendChild(item);
    });
    if (around.length > 300) { ol.appendChild(el("li", "hint", "\u2026 and " + (around.length - 300) + " more")); }
    detailsBody.appendChild(ol);
  }
  if (data.focus !== null) {
    network.once("afterDrawing", function () { if (!location.hash) { graph.select(data.focus, false); } });
  }
})();
