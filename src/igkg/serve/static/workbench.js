/* igkg workbench: pick a named query or write SPARQL, run it on this server, read the results as a
   table of labels (linked to resource pages, the IRI on hover), or as a graph drawn with the
   explorer's drawing (graph.js) that expands from the server. Every text goes in with textContent. */
(function () {
  "use strict";
  var queries = JSON.parse(document.getElementById("igkg-queries").textContent);
  var byName = {};
  queries.forEach(function (q) { byName[q.name] = q; });
  var editor = document.getElementById("editor");
  var named = document.getElementById("named");
  var params = document.getElementById("params");
  var status = document.getElementById("status");
  var results = document.getElementById("results");
  var downloads = document.getElementById("downloads");
  var graphPane = document.getElementById("graph-pane");
  var graphBox = document.getElementById("graph");
  var details = document.getElementById("graph-details");
  var graph = null;
  window.igkgWorkbench = { graph: null };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function body(text) {  // a named query's text without its header comments
    return text.split("\n").filter(function (line, i, all) {
      var before = all.slice(0, i).every(function (l) { return /^\s*(#|$)/.test(l); });
      return !(before && /^\s*#/.test(line));
    }).join("\n").trim();
  }
  function resourceLink(iri, text) {
    var a = el("a", "label", text);
    a.href = "/resource?iri=" + encodeURIComponent(iri);
    a.title = iri;
    return a;
  }

  function showParams(q) {
    clear(params);
    if (!q) { return; }
    q.parameters.forEach(function (p) {
      var label = el("label", null, p.name + " ");
      var input = el("input");
      input.name = p.name;
      input.value = p.example;
      input.setAttribute("data-param", p.name);
      label.appendChild(input);
      label.appendChild(el("span", "hint", " " + p.description));
      params.appendChild(label);
    });
  }
  named.addEventListener("change", function () {
    var q = byName[named.value];
    showParams(q);
    if (q) { editor.value = body(q.text); editor.readOnly = true; } else { editor.readOnly = false; }
  });

  function currentParams() {
    var values = new URLSearchParams();
    params.querySelectorAll("input[data-param]").forEach(function (input) {
      if (input.value.trim()) { values.append(input.name, input.value); }
    });
    return values;
  }
  function setDownloads(form) {
    clear(downloads);
    var graphForm = form === "CONSTRUCT" || form === "DESCRIBE";
    var formats = graphForm ? ["ttl", "nt", "jsonld", "xml"] : ["json", "xml", "csv", "tsv"];
    downloads.appendChild(document.createTextNode("download: "));
    formats.forEach(function (f) {
      var a = el("a", "download", f);
      if (named.value) {
        a.href = "/queries/" + encodeURIComponent(named.value) + "." + f + "?" + currentParams().toString();
      } else {
        a.href = "/sparql?" + new URLSearchParams({ query: editor.value, format: f }).toString();
      }
      a.setAttribute("download", "");
      downloads.appendChild(a);
      downloads.appendChild(document.createTextNode(" "));
    });
  }

  function showTable(table) {
    var t = el("table", "results");
    var head = el("tr");
    table.variables.forEach(function (v) { head.appendChild(el("th", null, v)); });
    var thead = el("thead");
    thead.appendChild(head);
    t.appendChild(thead);
    var tbody = el("tbody");
    table.rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (cell) {
        var td = el("td");
        if (cell.iri) { td.appendChild(resourceLink(cell.iri, cell.text)); }
        else if (cell.repeated) { td.textContent = "\u3003"; td.className = "repeated"; td.title = cell.text; }
        else { td.textContent = cell.text; }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    t.appendChild(tbody);
    results.appendChild(t);
  }

  function showDetails(id) {
    clear(details);
    if (id === null || id === undefined) { return; }
    var info = graph.info[id];
    var node = graph.nodes.get(id);
    details.appendChild(el("h2", null, info.name));
    var p = el("p");
    p.appendChild(resourceLink(info.iri, node.label + " \u2014 resource page"));
    details.appendChild(p);
    var dl = el("dl");
    info.facts.forEach(function (fact) {
      dl.appendChild(el("dt", null, fact[0]));
      fact[1].forEach(function (v) { dl.appendChild(el("dd", null, v)); });
    });
    details.appendChild(dl);
    var expand = el("button", "expand", "expand from the server");
    expand.type = "button";
    expand.addEventListener("click", function () { graph.expand(id); });
    details.appendChild(expand);
  }
  function draw(payload) {
    graphPane.hidden = false;
    clear(graphBox);
    clear(details);
    graph = window.igkgGraph(graphBox, payload, {
      hash: false,
      more: function (iri) {
        status.textContent = "expanding\u2026";
        return fetch("/api/graph?depth=1&iri=" + encodeURIComponent(iri)).then(function (r) {
          if (!r.ok) { throw new Error("HTTP " + r.status); }
          return r.json();
        });
      },
      expanded: function (id, added) {
        status.textContent = added ? "+" + added + " nodes" : "nothing more to draw";
        document.body.setAttribute("data-expanded", String(added));
        showDetails(id);
      },
      selected: showDetails,
      settled: function () { document.body.setAttribute("data-graph", "ready"); }
    });
    window.igkgWorkbench.graph = graph;
    window.network = graph.network;
  }
  document.getElementById("png").addEventListener("click", function () {
    if (graph) { graph.downloadPng("igkg-graph.png"); }
  });
  document.getElementById("fit").addEventListener("click", function () { if (graph) { graph.network.fit(); } });

  function run() {
    var form = new URLSearchParams();
    if (named.value) {
      form.append("name", named.value);
      currentParams().forEach(function (value, key) { form.append("param." + key, value); });
    } else {
      form.append("query", editor.value);
    }
    status.textContent = "running\u2026";
    document.body.removeAttribute("data-results");
    clear(results);
    graphPane.hidden = true;
    fetch("/api/table", { method: "POST", body: form,
                          headers: { "Content-Type": "application/x-www-form-urlencoded" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.error) {
          status.textContent = data.error;
          status.className = "error";
          document.body.setAttribute("data-results", "error");
          return;
        }
        status.className = "";
        setDownloads(data.form);
        var note = data.ms + " ms" + (data.truncated ? " \u00b7 cut at the row cap" : "");
        if (data.table) {
          status.textContent = data.table.count + (data.table.count === 1 ? " row" : " rows") + " \u00b7 " + note;
          showTable(data.table);
        } else if (data.graph) {
          status.textContent = data.triples + " triples \u00b7 " + note;
          draw(data.graph);
        } else {
          status.textContent = "ASK \u00b7 " + note;
          results.appendChild(el("p", "boolean", String(data.boolean)));
        }
        document.body.setAttribute("data-results", "ready");
      })
      .catch(function (error) { status.textContent = String(error); });
  }
  document.getElementById("run").addEventListener("click", run);
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });

  // #graph=IRI draws that resource's neighbourhood (resource pages link here).
  var match = /(?:^#|&)graph=([^&]+)/.exec(location.hash);
  if (match) {
    status.textContent = "drawing\u2026";
    fetch("/api/graph?depth=1&iri=" + match[1]).then(function (r) { return r.json(); }).then(function (payload) {
      status.textContent = payload.subtitle;
      draw(payload);
    });
  }
})();
