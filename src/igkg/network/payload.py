"""A network view as the data ``assets/graph.js`` draws: nodes with look and tooltip, edges with
relation names, details for the panel, the legend, the relations, and the not-yet-drawn ring
(``more``) that a page expands nodes from. The same payload feeds the offline explorer page and
the server's workbench (which fetches more of it from ``/api/graph``).

Everything is data for ``textContent`` and vis-network's canvas: no markup is ever produced
here, and :func:`json_for_script` makes the JSON safe inside a ``<script>`` element.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import orjson

from ..namespaces import compact
from .layout import radial_layout
from .style import CLASSES, OTHER, TOOLTIP_FACTS, tooltip
from .view import GraphView, ViewEdge, ViewNode, collector_paused

__all__ = ["view_payload", "json_for_script", "PHYSICS_LIMIT", "QUIET_ABOVE"]

#: Up to this many nodes the browser relaxes the precomputed layout with physics, then stops;
#: above it the precomputed layout is drawn as is (physics off from the start).
PHYSICS_LIMIT = 700
#: Above this many nodes edges are straight and hidden while dragging or zooming.
QUIET_ABOVE = 1500
_MAX_FACTS = 40
_MAX_VALUES = 12
_FIRST = {p: i for i, p in enumerate(TOOLTIP_FACTS)}
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(value: Any) -> str:
    """JSON that cannot end its <script> element or be read as markup."""
    # orjson writes what json.dumps(ensure_ascii=False, separators=(",", ":")) writes (UTF-8, no
    # spaces, the same escapes and float forms), three to four times as fast on a large view.
    text = orjson.dumps(value).decode("utf-8")
    for char, escape in _JSON_ESCAPES.items():  # one scan per character: few of them occur at all
        if char in text:
            text = text.replace(char, escape)
    return text


class _Names(dict[str, str]):
    """How a view names each predicate (its relation), worked out once per predicate."""

    def __init__(self, view: GraphView) -> None:
        super().__init__()
        self.view = view
        #: What a tooltip calls each of its facts (what :func:`tooltip` would look up per node).
        self.tooltip = {k: view.property_names.get(k) or compact(k) for k in TOOLTIP_FACTS}

    def __missing__(self, predicate: str) -> str:
        name = self[predicate] = self.view.relation(predicate)
        return name


def _node_entry(names: _Names, index: int, key: str, node: ViewNode, xy: tuple[float, float]) -> dict[str, Any]:
    return {"id": index, "label": node.look.label, "group": node.look.cls.key,
            "title": tooltip(node.look, key, node.facts, names.tooltip), "x": xy[0], "y": xy[1]}


def _info(names: _Names, key: str, node: ViewNode) -> dict[str, Any]:
    facts_of = node.facts
    ordered = sorted(facts_of, key=lambda p: (_FIRST.get(p, len(_FIRST)), names[p]))
    facts = [[names[p], facts_of[p][:_MAX_VALUES]] for p in ordered[:_MAX_FACTS]]
    shown = compact(key, for_display=True)
    return {"iri": key, "name": node.name, "facts": facts, "names": sorted({node.name, shown})}


def _edge_entries(names: _Names, edges: list[ViewEdge], index: dict[str, int], first: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    parallel: dict[tuple[int, int], int] = {}
    titles: dict[str, tuple[str, str]] = {}
    for i, edge in enumerate(edges, start=first):
        a, b = index[edge.source], index[edge.target]
        named = titles.get(edge.predicate)
        if named is None:
            relation = names[edge.predicate]
            named = titles[edge.predicate] = (relation, f"{relation}\n{compact(edge.predicate)}")
        item: dict[str, Any] = {"id": i, "from": a, "to": b, "label": named[0], "title": named[1]}
        pair = (a, b) if a < b else (b, a)
        seen = parallel.get(pair, 0)
        parallel[pair] = seen + 1
        if seen:  # a second edge between the same two nodes: curve it so both show
            item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * seen}
        out.append(item)
    return out


def view_payload(view: GraphView, physics: bool | None = None) -> dict[str, Any]:
    """The data ``graph.js`` draws. Node ids are indices into ``info`` (drawn nodes first, then
    the reserve); ``more`` holds the reserve's nodes and edges, drawn when a node is expanded."""
    with collector_paused():
        return _payload(view, physics)


def _payload(view: GraphView, physics: bool | None) -> dict[str, Any]:
    keys = list(view.nodes)
    spare = [k for k in view.reserve if k not in view.nodes]
    index = {key: i for i, key in enumerate(keys + spare)}
    pairs = [(index[e.source], index[e.target]) for e in view.edges]
    order = {c.key: i for i, c in enumerate(CLASSES)}
    focus = index.get(view.focus) if view.focus is not None else None
    positions = radial_layout(len(keys), pairs, root=focus,
                              order=[order.get(view.nodes[k].cls, 99) for k in keys])
    named = _Names(view)
    drawn_nodes = view.nodes
    nodes = [_node_entry(named, i, k, drawn_nodes[k], positions[i]) for i, k in enumerate(keys)]
    more_nodes = [_node_entry(named, index[k], k, view.reserve[k], (0.0, 0.0)) for k in spare]
    info = [_info(named, k, drawn_nodes[k]) for k in keys] + [_info(named, k, view.reserve[k]) for k in spare]
    edges = _edge_entries(named, view.edges, index, 0)
    more_edges = _edge_entries(named, view.reserve_edges, index, len(edges))
    counts = Counter(n.cls for n in (*view.nodes.values(), *(view.reserve[k] for k in spare)))
    drawn = view.class_counts()
    classes = [
        {"key": c.key, "name": c.name, "colour": c.colour, "shape": c.shape, "size": c.size, "font": c.font,
         "count": drawn.get(c.key, 0)}
        for c in (*CLASSES, OTHER) if counts.get(c.key)
    ]
    relations = Counter(e["label"] for e in edges)
    names = sorted({e["label"] for e in (*edges, *more_edges)})
    use_physics = len(nodes) <= PHYSICS_LIMIT if physics is None else physics
    return {
        "title": view.title,
        "subtitle": f"{len(nodes)} nodes · {len(edges)} edges",
        "nodes": nodes, "edges": edges, "info": info, "classes": classes,
        "relations": [{"name": name, "count": relations.get(name, 0)} for name in names],
        "more": {"nodes": more_nodes, "edges": more_edges},
        "focus": focus, "physics": use_physics,
        "settings": {"iterations": 250 if len(nodes) > 300 else 400, "quiet_above": QUIET_ABOVE},
    }
