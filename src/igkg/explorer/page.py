"""The explorer page: one self-contained, offline, escaped HTML file.

The page is rendered from igkg's own template (``templates/explorer.html``, autoescaped) with
vis-network's JavaScript and CSS inlined from the copy pyvis ships, so it makes no network
request (pyvis 0.3.2's own template links Bootstrap from a CDN and does not escape). The graph
goes in as JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&`` and the
line separators U+2028/U+2029 escaped; the page's script writes every text with
``textContent``. A Content-Security-Policy admits only the page's own two scripts (by hash) and
no connection at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..errors import InputError, ParameterError, QueryError
from ..namespaces import compact
from ..results import GraphResult
from ..network.layout import radial_layout
from ..network.style import CLASSES, OTHER, TOOLTIP_FACTS, tooltip
from ..network.view import DEFAULT_MAX_NODES, GraphView, build_view

if TYPE_CHECKING:
    from ..graph import Graph

__all__ = ["ExplorerPage", "render_page", "explorer_page", "PHYSICS_LIMIT"]

#: Up to this many nodes the browser relaxes the precomputed layout with physics, then stops;
#: above it the precomputed layout is drawn as is (physics off from the start).
PHYSICS_LIMIT = 700
#: Above this many nodes edges are straight and hidden while dragging or zooming.
QUIET_ABOVE = 1500
_VIS = "lib/vis-9.1.2"
_MAX_FACTS = 40
_MAX_VALUES = 12
_FIRST = {p: i for i, p in enumerate(TOOLTIP_FACTS)}
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@cache
def _asset(package: str, name: str) -> str:
    try:
        return (resources.files(package) / name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as error:
        raise InputError(f"cannot read {package}/{name} for the explorer page: {error}") from None


def _inline_script(text: str) -> str:
    """JavaScript safe to put between <script> tags (no end tag, no comment opener)."""
    text = re.sub(r"(?m)^//# sourceMappingURL=.*$", "", text)
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def _inline_style(text: str) -> str:
    text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", text)
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.I)


def json_for_script(value: Any) -> str:
    """JSON that cannot end its <script> element or be read as markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _payload(view: GraphView, physics: bool | None) -> dict[str, Any]:
    keys = list(view.nodes)
    index = {key: i for i, key in enumerate(keys)}
    pairs = [(index[e.source], index[e.target]) for e in view.edges]
    order = {c.key: i for i, c in enumerate(CLASSES)}
    focus = index.get(view.focus) if view.focus is not None else None
    positions = radial_layout(len(keys), pairs, root=focus,
                              order=[order.get(view.nodes[k].cls, 99) for k in keys])
    nodes: list[dict[str, Any]] = []
    info: list[dict[str, Any]] = []
    for i, key in enumerate(keys):
        node = view.nodes[key]
        x, y = positions[i]
        nodes.append({"id": i, "label": node.look.label, "group": node.cls,
                      "title": tooltip(node.look, key, node.facts, view.property_names), "x": x, "y": y})
        ordered = sorted(node.facts, key=lambda p: (_FIRST.get(p, len(_FIRST)), view.relation(p)))
        facts = [[view.relation(p), node.facts[p][:_MAX_VALUES]] for p in ordered][:_MAX_FACTS]
        shown = compact(key, for_display=True)
        names = sorted({node.name, shown})
        info.append({"iri": key, "name": node.name, "facts": facts, "names": names})
    edges: list[dict[str, Any]] = []
    parallel: dict[tuple[int, int], int] = {}
    for i, edge in enumerate(view.edges):
        a, b = index[edge.source], index[edge.target]
        relation = view.relation(edge.predicate)
        item: dict[str, Any] = {"id": i, "from": a, "to": b, "label": relation,
                                "title": f"{relation}\n{compact(edge.predicate)}"}
        pair = (min(a, b), max(a, b))
        seen = parallel.get(pair, 0)
        parallel[pair] = seen + 1
        if seen:  # a second edge between the same two nodes: curve it so both show
            item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * seen}
        edges.append(item)
    counts = view.class_counts()
    classes = [
        {"key": c.key, "name": c.name, "colour": c.colour, "shape": c.shape, "size": c.size, "font": c.font,
         "count": counts[c.key]}
        for c in (*CLASSES, OTHER) if c.key in counts
    ]
    use_physics = len(nodes) <= PHYSICS_LIMIT if physics is None else physics
    return {
        "title": view.title,
        "subtitle": f"{len(nodes)} nodes · {len(edges)} edges",
        "nodes": nodes, "edges": edges, "info": info, "classes": classes,
        "focus": focus, "physics": use_physics,
        "settings": {"iterations": 250 if len(nodes) > 300 else 400, "quiet_above": QUIET_ABOVE},
    }


def render_page(view: GraphView, *, physics: bool | None = None) -> str:
    """The explorer page for a view, as one HTML document."""
    import jinja2

    vis_js = _inline_script(_asset("pyvis", f"{_VIS}/vis-network.min.js"))
    vis_css = _inline_style(_asset("pyvis", f"{_VIS}/vis-network.css"))
    app_js = _inline_script(_asset("igkg.explorer", "templates/explorer.js"))
    app_css = _inline_style(_asset("igkg.explorer", "templates/explorer.css"))
    csp = ("default-src 'none'; "
           f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = environment.from_string(_asset("igkg.explorer", "templates/explorer.html"))
    return template.render(
        title=view.title, version=__version__, csp=csp, vis_js=vis_js, vis_css=vis_css,
        app_js=app_js, app_css=app_css, data_json=json_for_script(_payload(view, physics)),
    )


@dataclass
class ExplorerPage:
    """A rendered explorer page: ``save()`` it, or let Jupyter display it inline."""

    html: str
    nodes: int
    edges: int
    height: int = 640

    @classmethod
    def from_view(cls, view: GraphView, *, physics: bool | None = None) -> ExplorerPage:
        return cls(render_page(view, physics=physics), len(view.nodes), len(view.edges))

    def save(self, path: str | Path) -> Path:
        """Write the page atomically (temporary file, then rename); returns the path."""
        target = Path(path)
        tmp = target.with_name(f".{target.name}.tmp")
        try:
            tmp.write_text(self.html, encoding="utf-8")
            tmp.replace(target)
        except OSError as error:
            tmp.unlink(missing_ok=True)
            raise InputError(f"{target}: cannot write: {error.strerror or error}") from None
        return target

    def _repr_html_(self) -> str:
        # pyvis's notebook mode breaks in several frontends; an iframe whose whole document is
        # in ``srcdoc`` (attribute-escaped) works in Jupyter, JupyterLab and VS Code alike.
        # The sandbox lets the page's scripts run in an origin of its own.
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{self.height}px;border:1px solid #d0d7de" '
                f'title="igkg explorer: {self.nodes} nodes, {self.edges} edges"></iframe>')

    def __repr__(self) -> str:
        return f"<ExplorerPage: {self.nodes} nodes, {self.edges} edges, {len(self.html)} characters>"


def explorer_page(
    graph: Graph,
    *,
    focus: str | None = None,
    depth: int = 1,
    classes: Sequence[str] = (),
    query: str | None = None,
    params: Mapping[str, str] | None = None,
    physics: bool | None = None,
    title: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> ExplorerPage:
    """Build the view (whole graph, ``focus`` + ``depth``, or a CONSTRUCT ``query`` with
    ``params``) and render it."""
    if focus is not None and query is not None:
        raise ParameterError("draw a --focus neighbourhood or a --query result, not both")
    if params and query is None:
        raise ParameterError("--param applies to --query")
    result: GraphResult | None = None
    if query is not None:
        named = graph.named_query(query)
        if named.form not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError(f"query {named.name!r} is a {named.form} query; "
                             "only a CONSTRUCT or DESCRIBE result can be drawn")
        answer = graph.run(named, params or {})
        assert isinstance(answer, GraphResult)
        result = answer
        title = title or f"{named.title or named.name}"
    view = build_view(graph.store, focus=focus, depth=depth, classes=classes, result=result, title=title,
                      max_nodes=max_nodes)
    return ExplorerPage.from_view(view, physics=physics)
