"""The explorer page: one self-contained, offline, escaped HTML file.

The page is rendered from igkg's own template (``templates/explorer.html``, autoescaped) with
vis-network's JavaScript and CSS inlined from the copy pyvis ships, so it makes no network
request (pyvis 0.3.2's own template links Bootstrap from a CDN and does not escape). The graph
goes in as JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&`` and the
line separators U+2028/U+2029 escaped; the page's script writes every text with
``textContent``. A Content-Security-Policy admits only the page's own three scripts (by hash:
vis-network, the shared drawing ``igkg.network`` ``assets/graph.js``, the page's own) and no
connection at all. The drawing and its data come from :mod:`igkg.network`, which the server's
workbench uses too.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .._version import __version__
from ..errors import ParameterError, QueryError
from ..files import write_output
from ..network.assets import asset, graph_css, graph_js, inline_script, inline_style, sha256, vis_css, vis_js
from ..network.payload import PHYSICS_LIMIT, json_for_script, view_payload
from ..network.view import DEFAULT_MAX_NODES, GraphView, build_view
from ..results import GraphResult

if TYPE_CHECKING:
    from ..graph import Graph

__all__ = ["ExplorerPage", "render_page", "explorer_page", "PHYSICS_LIMIT"]



def render_page(view: GraphView, *, physics: bool | None = None) -> str:
    """The explorer page for a view, as one HTML document."""
    import jinja2

    vis = vis_js()
    drawing = graph_js()
    app_js = inline_script(asset("igkg.explorer", "templates/explorer.js"))
    app_css = inline_style(asset("igkg.explorer", "templates/explorer.css"))
    csp = ("default-src 'none'; "
           f"script-src {sha256(vis)} {sha256(drawing)} {sha256(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = environment.from_string(asset("igkg.explorer", "templates/explorer.html"))
    return template.render(
        title=view.title, version=__version__, csp=csp, vis_js=vis, vis_css=vis_css(), graph_js=drawing,
        graph_css=graph_css(), app_js=app_js, app_css=app_css,
        data_json=json_for_script(view_payload(view, physics)),
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
        """Write the page atomically (see :func:`igkg.files.write_output`); returns the path."""
        target = Path(path)
        write_output(self.html, target)
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
    concepts: bool = False,
) -> ExplorerPage:
    """Build the view (whole graph, ``focus`` + ``depth``, or a CONSTRUCT ``query`` with
    ``params``; scheme concepts as nodes with ``concepts``) with the next ring embedded for
    expanding nodes, and render it."""
    if focus is not None and query is not None:
        raise ParameterError("draw a focus neighbourhood or a query result, not both")
    if params and query is None:
        raise ParameterError("parameters apply to a query only")
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
                      max_nodes=max_nodes, concepts=concepts, reserve=True)
    return ExplorerPage.from_view(view, physics=physics)
