"""Network analytics over the drawn graph (networkx): centrality, instrument coverage,
connected components, shortest paths, and GraphML / GEXF export for Gephi and other tools.

The network is the explorer's view of the whole graph (:func:`igkg.network.view.build_view`): resources
are nodes, links between them are edges, literals and ``rdf:type`` are attributes, ontology
terms are left out. Results are :class:`~igkg.results.ResultTable` objects, so the shared
``--format`` option prints them as a table, CSV, TSV, JSON or Markdown.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import InputError, ParameterError
from ..files import write_output
from ..namespaces import sparql_prologue
from ..network.style import CLASSES, OTHER
from ..network.view import GraphView, build_view
from ..queries.params import resolve_label
from ..results import ResultTable, Term
from ..stores.base import GraphStore
from ..vocab import XSD

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "centrality", "coverage", "Coverage", "coverage_chart", "components", "shortest_path",
    "export_network", "NETWORK_FORMATS",
]

NETWORK_FORMATS = ("graphml", "gexf")
_EXACT_BETWEENNESS_UP_TO = 3000


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def _dec(value: float) -> ox.Literal:
    return ox.Literal(str(Decimal(f"{value:.4f}")), datatype=XSD.decimal)


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


def _node(key: str) -> Term:
    return ox.BlankNode(key[2:]) if key.startswith("_:") else ox.NamedNode(key)


def centrality(view: GraphView, classes: Sequence[str] = ("instrument", "paragraph", "organization"),
               top: int = 10) -> ResultTable:
    """The ``top`` nodes of each class by betweenness (how many shortest paths pass through
    them), with their number of links and normalised degree."""
    import networkx as nx

    multi = view.to_networkx()
    simple = nx.Graph(multi)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    degree = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    sample = None if len(simple) <= _EXACT_BETWEENNESS_UP_TO else _EXACT_BETWEENNESS_UP_TO
    between = nx.betweenness_centrality(simple, k=sample, seed=0)
    table = ResultTable(["class", "node", "label", "links", "degree", "betweenness"])
    for cls in classes:
        members = [k for k, n in view.nodes.items() if n.cls == cls]
        members.sort(key=lambda k: (-between[k], -multi.degree(k), view.nodes[k].look.label))
        for key in members[:top]:
            table.rows.append((_text(cls), _node(key), _text(view.nodes[key].look.label),
                               _int(multi.degree(key)), _dec(degree[key]), _dec(between[key])))
    return table


_COVERAGE = sparql_prologue() + """SELECT ?paragraph ?number ?sequence ?section ?recommendation WHERE {
  ?paragraph a igkg:Paragraph ;
      eli:is_part_of ?instrument ;
      eli:number ?number ;
      igkg:sequence ?sequence .
  OPTIONAL { ?paragraph igkg:inSection/skos:prefLabel ?section }
  OPTIONAL {
    { ?recommendation eli:cites ?paragraph }
    UNION
    { ?recommendation eli:cites ?item . ?item eli:is_part_of ?paragraph }
    ?recommendation a igkg:Recommendation .
  }
}"""


@dataclass
class CoverageRow:
    paragraph: str
    number: str
    section: str
    citing: list[str]  # labels of the recommendations citing it ("WGEC #4")


@dataclass
class Coverage:
    """Which paragraphs of an instrument are cited by which recommendations (and which by none)."""

    instrument: str
    name: str
    rows: list[CoverageRow]

    @property
    def uncited(self) -> list[CoverageRow]:
        return [r for r in self.rows if not r.citing]

    def table(self) -> ResultTable:
        table = ResultTable(["paragraph", "number", "section", "recommendations", "cited_by"])
        for r in self.rows:
            table.rows.append((ox.NamedNode(r.paragraph), _text(r.number), _text(r.section),
                               _int(len(r.citing)), _text(", ".join(r.citing))))
        return table


def _paragraph_number(number: str) -> int | None:
    match = re.match(r"\d+", number)
    return int(match.group(0)) if match else None


def coverage(store: GraphStore, view: GraphView, instrument: str, first: int | None = None,
             last: int | None = None) -> Coverage:
    """Coverage of the paragraphs ``first``–``last`` (by number, inclusive) of an instrument."""
    iri = resolve_label(store, "instrument", instrument)
    result = store.query(_COVERAGE, {"instrument": iri})
    assert isinstance(result, ResultTable)
    by_paragraph: dict[str, CoverageRow] = {}
    sequence: dict[str, int] = {}
    for row in result:
        paragraph, number = row["paragraph"], row["number"]
        n = _paragraph_number(number)
        if (first is not None and (n is None or n < first)) or (last is not None and (n is None or n > last)):
            continue
        entry = by_paragraph.setdefault(paragraph, CoverageRow(paragraph, number, row["section"] or "", []))
        sequence[paragraph] = int(row["sequence"])
        rec = row["recommendation"]
        if rec is not None:
            label = view.nodes[rec].look.label if rec in view.nodes else rec
            if label not in entry.citing:
                entry.citing.append(label)
    if not by_paragraph:
        span = f" in ¶{first}–{last}" if first is not None or last is not None else ""
        raise ParameterError(f"{instrument!r} has no numbered paragraphs{span} in the graph")
    rows = sorted(by_paragraph.values(), key=lambda r: sequence[r.paragraph])
    for r in rows:
        r.citing.sort(key=lambda label: (len(label), label))
    name = view.nodes[iri.value].name if iri.value in view.nodes else iri.value
    return Coverage(iri.value, name, rows)


def coverage_chart(cov: Coverage, path: Path) -> Path:
    """A bar chart (PNG or SVG, from the file extension): recommendations citing each paragraph,
    uncited paragraphs marked in grey."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise InputError(f"{path}: the chart is written as .png or .svg, not {suffix or 'no extension'!r}")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    plt.rcParams["svg.hashsalt"] = "igkg"
    numbers = [r.number for r in cov.rows]
    counts = [len(r.citing) for r in cov.rows]
    width = max(7.0, 0.17 * len(numbers) + 2)
    figure, axes = plt.subplots(figsize=(width, 3.6), dpi=120)
    colours = ["#f28e2b" if c else "#bab0ac" for c in counts]
    axes.bar(range(len(numbers)), [c if c else 0.08 for c in counts], color=colours, width=0.8)
    axes.set_xticks(range(len(numbers)), numbers, rotation=90, fontsize=7)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("recommendations citing")
    axes.set_xlabel("paragraph")
    cited = sum(1 for c in counts if c)
    span = f"¶{numbers[0]}–{numbers[-1]}" if numbers else ""
    axes.set_title(f"{cov.name} {span}: {cited} of {len(numbers)} paragraphs cited (uncited in grey)",
                   fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    try:
        metadata = {"Date": None} if suffix == ".svg" else {"Software": None}
        figure.savefig(buffer, format=suffix[1:], metadata=metadata)
    finally:
        plt.close(figure)
    write_output(buffer.getvalue(), path)
    return path


def components(view: GraphView, top: int = 20) -> ResultTable:
    """Connected components (edge direction ignored), largest first."""
    import networkx as nx

    multi = view.to_networkx()
    parts = sorted(nx.weakly_connected_components(multi), key=lambda c: (-len(c), min(c)))
    table = ResultTable(["component", "nodes", "edges", "classes", "hub"])
    for i, members in enumerate(parts[:top], start=1):
        counts = Counter(view.nodes[k].cls for k in members)
        classes = ", ".join(f"{cls} {n}" for cls, n in counts.most_common(4))
        hub = max(members, key=lambda k: (multi.degree(k), k))
        edges = multi.subgraph(members).number_of_edges()
        table.rows.append((_int(i), _int(len(members)), _int(edges), _text(classes), _text(view.nodes[hub].look.label)))
    return table


def _resolve_drawn(store: GraphStore, view: GraphView, text: str) -> str:
    key = resolve_label(store, "node", text).value
    if key not in view.nodes:
        raise ParameterError(f"{text!r} is an ontology term or a literal, not a node of the graph")
    return key


def shortest_path(store: GraphStore, view: GraphView, source: str, target: str,
                  via_concepts: bool = False) -> ResultTable:
    """The shortest chain of links between two nodes (either direction); each row says how it
    is linked to the previous one. Concept nodes (verification status, topics, verbs) link
    almost everything, so paths do not pass through them unless ``via_concepts``."""
    import networkx as nx

    start, end = _resolve_drawn(store, view, source), _resolve_drawn(store, view, target)
    multi = view.to_networkx()
    simple: nx.Graph = nx.Graph(multi)
    if not via_concepts:
        simple.remove_nodes_from([k for k, n in view.nodes.items() if n.cls == "concept" and k not in (start, end)])
    table = ResultTable(["step", "node", "label", "class", "link"])
    try:
        path = nx.shortest_path(simple, start, end)
    except nx.NetworkXNoPath:
        return table
    for step, key in enumerate(path):
        link = ""
        if step:
            previous = path[step - 1]
            forward = multi.get_edge_data(previous, key)
            if forward:
                link = "→ " + sorted(d["relation"] for d in forward.values())[0]
            else:
                backward = multi.get_edge_data(key, previous) or {}
                link = "← " + sorted(d["relation"] for d in backward.values())[0]
        node = view.nodes[key]
        table.rows.append((_int(step), _node(key), _text(node.look.label), _text(node.cls), _text(link)))
    return table


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1}


def network_graph(view: GraphView, fmt: str) -> nx.MultiDiGraph:
    """The view as networkx, with GEXF colours when writing GEXF."""
    graph = view.to_networkx()
    if fmt == "gexf":
        colours = {c.key: c.colour for c in (*CLASSES, OTHER)}
        for key, data in graph.nodes(data=True):
            data["viz"] = {"color": _rgb(colours[view.nodes[key].cls])}
    return graph


def export_network(store: GraphStore, fmt: str) -> bytes:
    """The whole graph as GraphML or GEXF, with labels, names, classes and relations."""
    import networkx as nx

    if fmt not in NETWORK_FORMATS:
        raise InputError(f"unknown network format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")
    view = build_view(store, concepts=True)  # the whole network, concepts included, for Gephi
    graph = network_graph(view, fmt)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
