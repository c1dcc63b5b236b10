"""A network view as the data ``assets/graph.js`` draws: nodes with look and tooltip, edges with
relation names, details for the panel, the legend, the relations, and the not-yet-drawn ring
(``more``) that a page expands nodes from. The same payload feeds the offline explorer page and
the server's workbench (which fetches more of it from ``/api/graph``).

Everything is data for ``textContent`` and vis-network's canvas: no markup is ever produced
here, and :func:`json_for_script` makes the JSON safe inside a ``<script>`` element.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

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
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _node_entry(view: GraphView, index: int, key: str, node: ViewNode, xy: tuple[float, float]) -> dict[str, Any]:
    return {"id": index, "label": node.look.label, "group": node.cls,
            "title": tooltip(node.look, key, node.facts, view.property_names), "x": xy[0], "y": xy[1]}


def _info(view: GraphView, key: str, node: ViewNode) -> dict[str, Any]:
    ordered = sorted(node.facts, key=lambda p: (_FIRST.get(p, len(_FIRST)), view.relation(p)))
    facts = [[view.relation(p), node.facts[p][:_MAX_VALUES]] for p in ordered][:_MAX_FACTS]
    shown = compact(key, for_display=True)
    return {"iri": key, "name": node.name, "facts": facts, "names": sorted({node.name, shown})}


def _edge_entries(view: GraphView, edges: list[ViewEdge], index: dict[str, int], first: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    parallel: dict[tuple[int, int], int] = {}
    for i, edge in enumerate(edges, start=first):
        a, b = index[edge.source], index[edge.target]
        relation = view.relation(edge.predicate)
        item: dict[str, Any] = {"id": i, "from": a, "to": b, "label": relation,
                                "title": f"{relation}\n{compact(edge.predicate)}"}
        pair = (min(a, b), max(a, b))
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
    nodes = [_node_entry(view, i, k, view.nodes[k], positions[i]) for i, k in enumerate(keys)]
    more_nodes = [_node_entry(view, index[k], k, view.reserve[k], (0.0, 0.0)) for k in spare]
    info = [_info(view, k, view.nodes[k]) for k in keys] + [_info(view, k, view.reserve[k]) for k in spare]
    edges = _edge_entries(view, view.edges, index, 0)
    more_edges = _edge_entries(view, view.reserve_edges, index, len(edges))
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
