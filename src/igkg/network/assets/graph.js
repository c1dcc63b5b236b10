/* igkg graph: draws a network view (the payload of igkg.network.payload) with vis-network, for the
   offline explorer page and the server's workbench alike.
   window.igkgGraph(container, data, hooks) returns a controller: select, highlight, expand (from
   the embedded ring, or from hooks.more(iri) -> Promise of a payload), filters by class and by
   relation with re-layout, PNG export, and the view's state as a URL hash.
   Every text is data: vis-network draws labels on a canvas and sets string tooltips with
   innerText; this script never writes markup. */
(function () {
  "use strict";

  function groupsOf(classes) {
    var groups = {};
    classes.forEach(function (c) {
      groups[c.key] = {
        shape: c.shape, size: c.size, borderWidth: 1,
        color: { background: c.colour, border: "#30363d",
                 highlight: { background: c.colour, border: "#000000" },
                 hover: { background: c.colour, border: "#000000" } },
        font: c.shape === "box" ? { color: c.font, strokeWidth: 0 } : { color: "#1f2328" }
      };
    });
    return groups;
  }

  function igkgGraph(container, data, hooks) {
    hooks = hooks || {};
    var big = data.nodes.length > data.settings.quiet_above;
    var classes = {};
    data.classes.forEach(function (c) { classes[c.key] = c; });
    var options = {
      autoResize: true,
      groups: groupsOf(data.classes),
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

    // Everything known, drawn or not: node entries, details and edges by id.
    var known = {};      // id -> node entry
    var info = data.info;
    var byIri = {};      // iri -> id
    var edgeById = {};   // id -> edge entry
    var drawnEdge = {};  // edge id -> true once in the DataSet
    info.forEach(function (entry, i) { byIri[entry.iri] = i; });
    data.nodes.concat(data.more.nodes).forEach(function (n) { known[n.id] = n; });
    data.edges.concat(data.more.edges).forEach(function (e) { edgeById[e.id] = e; });
    data.edges.forEach(function (e) { drawnEdge[e.id] = true; });
    var nextEdge = data.edges.length + data.more.edges.length;

    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var network = new vis.Network(container, {}, options);
    var shownClass = {};
    var shownRelation = {};
    data.classes.forEach(function (c) { shownClass[c.key] = true; });
    data.relations.forEach(function (r) { shownRelation[r.name] = true; });
    var expanded = {};
    var highlighted = [];
    var self = { network: network, nodes: nodes, edges: edges, info: info, classes: classes, data: data,
                 settled: false, expanded: expanded };

    function settled() {
      if (self.settled) { return; }
      network.setOptions({ physics: { enabled: false } });
      self.settled = true;
      if (hooks.settled) { hooks.settled(); }
    }
    if (data.physics) {
      network.on("stabilizationProgress", function (p) {
        if (hooks.progress) { hooks.progress(Math.round(100 * p.iterations / p.total)); }
      });
      network.once("stabilizationIterationsDone", settled);
    } else {
      network.once("afterDrawing", function () { network.fit(); settled(); });
    }
    network.setData({ nodes: nodes, edges: edges });

    // --- neighbours: every known edge, drawn or in the ring -----------------------------------
    self.links = function (id) {
      var out = [];
      Object.keys(edgeById).forEach(function (k) {
        var e = edgeById[k];
        if (e.from === id && nodes.get(e.to)) { out.push({ dir: "out", rel: e.label, other: e.to, edge: e.id }); }
        else if (e.to === id && nodes.get(e.from)) { out.push({ dir: "in", rel: e.label, other: e.from, edge: e.id }); }
      });
      return out;
    };
    self.hidden = function (id) {
      return ringOf(id).length;
    };
    function ringOf(id) {  // known edges from id to nodes not drawn yet
      var out = [];
      Object.keys(edgeById).forEach(function (k) {
        var e = edgeById[k];
        var other = e.from === id ? e.to : (e.to === id ? e.from : null);
        if (other !== null && !nodes.get(other)) { out.push(e); }
      });
      return out;
    }

    // --- highlight a node's neighbourhood ----------------------------------------------------
    function clearHighlight() {
      if (!highlighted.length) { return; }
      nodes.update(nodes.getIds().map(function (id) { return { id: id, opacity: 1, font: { size: 13 } }; }));
      fontSize = 13;
      edges.update(edges.getIds().map(function (id) { return { id: id, color: { opacity: 1 } }; }));
      highlighted = [];
      self.highlighted = [];
    }
    function highlight(id) {
      var near = {};
      near[id] = true;
      network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
      var incident = {};
      network.getConnectedEdges(id).forEach(function (e) { incident[e] = true; });
      nodes.update(nodes.getIds().map(function (n) {
        return near[n] ? { id: n, opacity: 1 } : { id: n, opacity: 0.18, font: { size: 13 } };
      }));
      edges.update(edges.getIds().map(function (e) { return { id: e, color: { opacity: incident[e] ? 1 : 0.08 } }; }));
      highlighted = Object.keys(near).map(Number);
      self.highlighted = highlighted.slice().sort(function (a, b) { return a - b; });
      fontSize = 0;
      refont();
    }
    // The highlighted labels grow as the view zooms out, so they stay readable at fit-to-screen.
    var fontSize = 13;
    function refont() {
      if (!highlighted.length) { return; }
      var size = Math.round(Math.min(48, Math.max(13, 11 / Math.max(network.getScale(), 0.05))));
      if (size === fontSize) { return; }
      fontSize = size;
      nodes.update(highlighted.map(function (n) { return { id: n, font: { size: size } }; }));
    }
    self.refont = refont;
    network.on("zoom", refont);
    network.on("animationFinished", refont);
    self.highlighted = [];
    self.select = function (id, zoom) {
      var group = nodes.get(id) && nodes.get(id).group;
      if (group && !shownClass[group]) { self.showClass(group, true); }
      network.selectNodes([id]);
      highlight(id);
      if (zoom) { network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } }); }
      self.selected = id;
      if (hooks.selected) { hooks.selected(id); }
      saveState();
    };
    network.on("click", function (params) {
      if (params.nodes.length) { self.select(params.nodes[0], false); }
      else { clearHighlight(); self.selected = null; if (hooks.selected) { hooks.selected(null); } saveState(); }
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length) { self.expand(params.nodes[0]); }
    });

    // --- expand: add a node's not-yet-drawn neighbours -----------------------------------------
    function place(around, ids) {
      var centre = network.getPosition(around);
      var radius = 120 + 6 * ids.length;
      return ids.map(function (id, i) {
        var angle = 2 * Math.PI * i / Math.max(ids.length, 1);
        return { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
      });
    }
    function addNodes(around, ids) {
      var fresh = ids.filter(function (id) { return !nodes.get(id); });
      var at = place(around, fresh);
      nodes.add(fresh.map(function (id, i) {
        var n = known[id];
        return { id: id, label: n.label, group: n.group, title: n.title, x: at[i].x, y: at[i].y,
                 hidden: !shownClass[n.group] };
      }));
      var add = [];
      Object.keys(edgeById).forEach(function (k) {
        var e = edgeById[k];
        if (!drawnEdge[e.id] && nodes.get(e.from) && nodes.get(e.to)) {
          drawnEdge[e.id] = true;
          add.push({ id: e.id, from: e.from, to: e.to, label: e.label, title: e.title, smooth: e.smooth,
                     hidden: !shownRelation[e.label] });
        }
      });
      edges.add(add);
      return fresh.length;
    }
    function merge(payload) {  // a payload from the server: ids are its own, keys are IRIs
      var map = {};
      payload.nodes.concat(payload.more ? payload.more.nodes : []).forEach(function (n) {
        var iri = payload.info[n.id].iri;
        if (byIri[iri] === undefined) {
          var id = info.length;
          byIri[iri] = id;
          info.push(payload.info[n.id]);
          known[id] = { id: id, label: n.label, group: n.group, title: n.title };
          if (!classes[n.group]) {
            var c = payload.classes.filter(function (x) { return x.key === n.group; })[0];
            if (c) { classes[c.key] = c; shownClass[c.key] = true; network.setOptions({ groups: groupsOf([c]) }); }
          }
        }
        map[n.id] = byIri[iri];
      });
      payload.edges.concat(payload.more ? payload.more.edges : []).forEach(function (e) {
        var a = map[e.from], b = map[e.to];
        var exists = Object.keys(edgeById).some(function (k) {
          var x = edgeById[k];
          return x.from === a && x.to === b && x.label === e.label;
        });
        if (!exists) {
          var id = nextEdge++;
          edgeById[id] = { id: id, from: a, to: b, label: e.label, title: e.title };
          if (shownRelation[e.label] === undefined) { shownRelation[e.label] = true; }
        }
      });
      return map;
    }
    self.expand = function (id) {
      var iri = info[id].iri;
      function done() {
        var ids = [];
        ringOf(id).forEach(function (e) { ids.push(e.from === id ? e.to : e.from); });
        var added = addNodes(id, ids.filter(function (x, i) { return ids.indexOf(x) === i; }));
        expanded[iri] = true;
        saveState();
        if (hooks.expanded) { hooks.expanded(id, added); }
        return added;
      }
      if (hooks.more && !expanded[iri]) {
        return hooks.more(iri).then(function (payload) { merge(payload); return done(); });
      }
      return Promise.resolve(done());
    };

    // --- filters by class and by relation, then lay the rest out again ---------------------------
    var relayoutTimer = null;
    function relayout() {
      if (relayoutTimer) { clearTimeout(relayoutTimer); }
      relayoutTimer = setTimeout(function () {
        var visible = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
        self.relaidOut = false;
        if (visible > 0 && visible <= 700) {
          network.setOptions({ physics: { enabled: true, solver: "forceAtlas2Based",
            stabilization: { enabled: true, iterations: 150, updateInterval: 50, fit: true } } });
          network.once("stabilizationIterationsDone", function () {
            network.setOptions({ physics: { enabled: false } });
            network.fit();
            self.relaidOut = true;
          });
          network.stabilize(150);
        } else {
          network.fit();
          self.relaidOut = true;
        }
      }, 60);
    }
    function applyFilters() {
      nodes.update(nodes.get().map(function (n) { return { id: n.id, hidden: !shownClass[n.group] }; }));
      edges.update(edges.get().map(function (e) { return { id: e.id, hidden: !shownRelation[e.label] }; }));
      saveState();
      relayout();
    }
    self.showClass = function (key, value) { shownClass[key] = value; applyFilters(); };
    self.showRelation = function (name, value) { shownRelation[name] = value; applyFilters(); };
    self.showAll = function (value) {
      Object.keys(shownClass).forEach(function (k) { shownClass[k] = value; });
      applyFilters();
    };
    self.isShown = function (key) { return !!shownClass[key]; };
    self.relationShown = function (name) { return !!shownRelation[name]; };

    // --- PNG of the view, on white --------------------------------------------------------------
    self.png = function () {
      var canvas = container.querySelector("canvas");
      var out = document.createElement("canvas");
      out.width = canvas.width;
      out.height = canvas.height;
      var context = out.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, out.width, out.height);
      context.drawImage(canvas, 0, 0);
      return out.toDataURL("image/png");
    };
    self.downloadPng = function (name) {
      var link = document.createElement("a");
      link.href = self.png();
      link.download = name || "igkg-view.png";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
    };

    // --- the view's state in the URL hash ----------------------------------------------------------
    var restoring = false;
    function offList(map) {
      return Object.keys(map).filter(function (k) { return !map[k]; }).map(encodeURIComponent).join(",");
    }
    function saveState() {
      if (restoring || hooks.hash === false) { return; }
      var parts = [];
      if (self.selected !== null && self.selected !== undefined && info[self.selected]) {
        parts.push("node=" + encodeURIComponent(info[self.selected].iri));
      }
      var hidden = offList(shownClass);
      if (hidden) { parts.push("hide=" + hidden); }
      var relations = offList(shownRelation);
      if (relations) { parts.push("hide-rel=" + relations); }
      var open = Object.keys(expanded).map(encodeURIComponent).join(",");
      if (open) { parts.push("expand=" + open); }
      var hash = parts.length ? "#" + parts.join("&") : "";
      if (hooks.prefix) { hash = "#" + hooks.prefix() + (parts.length ? "&" + parts.join("&") : ""); }
      try { history.replaceState(null, "", location.pathname + location.search + hash); }
      catch (error) { location.hash = hash; }
    }
    self.saveState = saveState;
    self.restore = function (hash) {
      var state = {};
      hash.replace(/^#/, "").split("&").forEach(function (part) {
        var at = part.indexOf("=");
        if (at > 0) { state[part.slice(0, at)] = part.slice(at + 1); }
      });
      function list(key) {
        return state[key] ? state[key].split(",").map(decodeURIComponent) : [];
      }
      restoring = true;
      list("hide").forEach(function (k) { if (k in shownClass) { shownClass[k] = false; } });
      list("hide-rel").forEach(function (k) { shownRelation[k] = false; });
      var steps = list("expand").filter(function (iri) { return byIri[iri] !== undefined; });
      var chain = Promise.resolve();
      steps.forEach(function (iri) { chain = chain.then(function () { return self.expand(byIri[iri]); }); });
      return chain.then(function () {
        applyFilters();
        restoring = false;
        var node = state.node ? decodeURIComponent(state.node) : null;
        if (node && byIri[node] !== undefined && nodes.get(byIri[node])) { self.select(byIri[node], true); }
        saveState();
        return state;
      });
    };
    return self;
  }

  window.igkgGraph = igkgGraph;
})();
