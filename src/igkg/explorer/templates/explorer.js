/* igkg explorer: draws the graph embedded in #igkg-data with vis-network.
   Every text from the graph is put into the page with textContent (never innerHTML), and
   vis-network shows string tooltips with innerText, so markup in the data stays text. */
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

  var classes = {};
  var groups = {};
  data.classes.forEach(function (c) {
    classes[c.key] = c;
    groups[c.key] = {
      shape: c.shape, size: c.size, borderWidth: 1,
      color: { background: c.colour, border: "#30363d",
               highlight: { background: c.colour, border: "#000000" },
               hover: { background: c.colour, border: "#000000" } },
      font: c.shape === "box" ? { color: c.font, strokeWidth: 0 } : { color: "#1f2328" }
    };
  });

  var big = data.nodes.length > data.settings.quiet_above;
  var options = {
    autoResize: true,
    groups: groups,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, tooltipDelay: 250, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   multiselect: false, navigationButtons: false, keyboard: false },
    nodes: { font: { size: 13, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
             margin: 6 },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.45 } }, width: 1,
             color: { color: "#9aa5b1", highlight: "#24292f", hover: "#57606a" },
             font: { size: 9, color: "#57606a", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
             scaling: { label: { drawThreshold: 9 } },  // relation names show when zoomed in
             smooth: big ? false : { enabled: true, type: "continuous", roundness: 0.2 } },
    physics: data.physics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -45, centralGravity: 0.008, springLength: 90,
                          springConstant: 0.06, damping: 0.5, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: data.settings.iterations, updateInterval: 25, fit: true }
    } : { enabled: false }
  };

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, {}, options);
  window.network = network;
  window.igkgSettled = false;

  function settled() {
    if (window.igkgSettled) { return; }
    if (data.physics) { network.setOptions({ physics: { enabled: false } }); }
    window.igkgSettled = true;
    window.igkgSettleMs = performance.now();
    document.body.setAttribute("data-settled", "true");
    status.textContent = "";
  }
  if (data.physics) {
    status.textContent = "laying out\u2026";
    network.on("stabilizationProgress", function (p) {
      status.textContent = "laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", settled);
  } else {
    network.once("afterDrawing", function () { network.fit(); settled(); });
  }
  network.setData({ nodes: nodes, edges: edges });

  // --- neighbours, from the edge list ---------------------------------------------------
  var links = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e) {
    links[e.from].push({ dir: "out", rel: e.label, other: e.to });
    links[e.to].push({ dir: "in", rel: e.label, other: e.from });
  });

  // --- legend and class filter -----------------------------------------------------------
  var shown = {};
  var legend = document.getElementById("legend");
  data.classes.forEach(function (c) {
    shown[c.key] = true;
    var item = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-class", c.key);
    box.addEventListener("change", function () { shown[c.key] = box.checked; applyFilter(); });
    var swatch = el("span", "swatch", SYMBOLS[c.shape] || "\u25cf");
    swatch.style.color = c.colour;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", "name", c.name));
    label.appendChild(el("span", "count", c.count));
    item.appendChild(label);
    legend.appendChild(item);
  });
  function applyFilter() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !shown[n.group] }; }));
  }
  function setAll(value) {
    legend.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = value;
      shown[box.getAttribute("data-class")] = value;
    });
    applyFilter();
  }
  document.getElementById("show-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("show-none").addEventListener("click", function () { setAll(false); });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });

  // --- search ----------------------------------------------------------------------------
  // What a search matches: the label, the name, the IRI and every literal value.
  var haystack = data.info.map(function (info, i) {
    var words = [data.nodes[i].label].concat(info.names);
    info.facts.forEach(function (fact) { words = words.concat(fact[1]); });
    return words.join("\n").toLowerCase();
  });
  var search = document.getElementById("search");
  var results = document.getElementById("search-results");
  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return []; }
    var hits = [];
    for (var i = 0; i < haystack.length; i++) {
      var at = haystack[i].indexOf(wanted);
      if (at < 0) { continue; }
      var label = data.nodes[i].label.toLowerCase();
      var rank = label === wanted ? 0 : (haystack[i].split("\n").indexOf(wanted) >= 0 ? 1 : (at === 0 ? 2 : 3));
      hits.push([rank, data.nodes[i].label.length, i]);
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
      button.appendChild(el("span", "label", data.nodes[i].label));
      button.appendChild(document.createTextNode(" "));
      button.appendChild(el("span", "kind", classes[data.nodes[i].group].name));
      button.addEventListener("click", function () { select(i); });
      item.appendChild(button);
      results.appendChild(item);
    });
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var hits = find(search.value);
      if (hits.length) { select(hits[0]); }
    }
  });

  // --- details panel ---------------------------------------------------------------------
  var detailsName = document.getElementById("details-name");
  var detailsBody = document.getElementById("details-body");
  function select(i) {
    var group = data.nodes[i].group;
    if (!shown[group]) {
      shown[group] = true;
      var box = legend.querySelector('input[data-class="' + group + '"]');
      if (box) { box.checked = true; }
      applyFilter();
    }
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    showDetails(i);
  }
  function showDetails(i) {
    var info = data.info[i];
    var cls = classes[data.nodes[i].group];
    clear(detailsBody);
    detailsName.textContent = info.name;
    var kind = el("p", "kind");
    var swatch = el("span", "swatch", SYMBOLS[cls.shape] || "\u25cf");
    swatch.style.color = cls.colour;
    kind.appendChild(swatch);
    kind.appendChild(document.createTextNode(" " + cls.name + " \u00b7 " + data.nodes[i].label));
    detailsBody.appendChild(kind);
    detailsBody.appendChild(el("code", "iri", info.iri));
    if (info.facts.length) {
      detailsBody.appendChild(el("h2", null, "Properties"));
      var list = el("dl");
      info.facts.forEach(function (fact) {
        list.appendChild(el("dt", null, fact[0]));
        fact[1].forEach(function (value) { list.appendChild(el("dd", null, value)); });
      });
      detailsBody.appendChild(list);
    }
    var around = links[i];
    detailsBody.appendChild(el("h2", null, "Neighbours (" + around.length + ")"));
    var ol = el("ol");
    around.slice(0, 300).forEach(function (link) {
      var item = el("li");
      var button = el("button", "neighbour");
      button.type = "button";
      button.appendChild(el("span", "rel", (link.dir === "out" ? "\u2192 " : "\u2190 ") + link.rel + " "));
      button.appendChild(el("span", "label", data.nodes[link.other].label));
      button.addEventListener("click", function () { select(link.other); });
      item.appendChild(button);
      ol.appendChild(item);
    });
    if (around.length > 300) { ol.appendChild(el("li", "hint", "\u2026 and " + (around.length - 300) + " more")); }
    detailsBody.appendChild(ol);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(params.nodes[0]); }
  });
  if (data.focus !== null) {
    network.once("afterDrawing", function () { network.selectNodes([data.focus]); showDetails(data.focus); });
  }
})();
