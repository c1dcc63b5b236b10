"""The server's HTML pages (Jinja2 templates with autoescaping: every value from the graph is
escaped) and its static files: the workbench's script and style, and the drawing shared with the
explorer (vis-network from pyvis's copy, ``igkg.network``'s ``graph.js``), all served by igkg."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse

from .._version import __version__
from ..namespaces import PREFIXES, compact
from ..network.assets import asset, graph_css, graph_js, vis_css, vis_js
from ..network.labels import names_for
from ..queries.library import NamedQuery
from ..results import ResultTable, python_value
from ..stores.oxigraph import OxigraphStore
from .protocol import ProtocolError

__all__ = ["render", "query_entry", "labelled_table", "table_json", "static_file", "Cell"]

_LONG = 40


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("igkg.serve", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def render(request: Request, template: str, **values: Any) -> HTMLResponse:
    page = _environment().get_template(template).render(version=__version__, **values)
    return HTMLResponse(page)


def query_entry(query: NamedQuery) -> dict[str, Any]:
    """What the workbench and ``/queries.json`` say about a named query."""
    return {"name": query.name, "title": query.title, "description": query.description, "form": query.form,
            "text": query.text,
            "parameters": [{"name": p.name, "type": p.type, "description": p.description,
                            "example": p.example, "default": p.default, "required": p.required}
                           for p in query.parameters]}


class Cell:
    """One table cell as pages show it: text (the label for an IRI), the IRI, whether it repeats."""

    __slots__ = ("text", "iri", "repeated", "kind")

    def __init__(self, text: str, iri: str | None, repeated: bool, kind: str) -> None:
        self.text, self.iri, self.repeated, self.kind = text, iri, repeated, kind


def labelled_table(store: OxigraphStore, table: ResultTable) -> dict[str, Any]:
    iris = {t.value for row in table.rows for t in row if isinstance(t, ox.NamedNode)}
    names = names_for(store, iris)
    rows: list[list[Cell]] = []
    previous: list[str] = []
    for terms in table.rows:
        cells: list[Cell] = []
        texts: list[str] = []
        for i, term in enumerate(terms):
            if isinstance(term, ox.NamedNode):
                label = names[term.value][0] if term.value in names else compact(term.value, for_display=True)
                cells.append(Cell(label, term.value, False, "iri"))
                texts.append(term.value)
                continue
            text = "" if term is None else (f"_:{term.value}" if isinstance(term, ox.BlankNode)
                                             else str(python_value(term)))
            repeated = bool(previous) and len(text) >= _LONG and previous[i] == text
            cells.append(Cell(text, None, repeated, "literal" if term is not None else "unbound"))
            texts.append(text)
        previous = texts
        rows.append(cells)
    return {"variables": table.variables, "rows": rows, "count": len(table.rows)}


def table_json(table: dict[str, Any]) -> dict[str, Any]:
    return {"variables": table["variables"], "count": table["count"],
            "rows": [[{"text": c.text, "iri": c.iri, "repeated": c.repeated} for c in row] for row in table["rows"]]}


def _prefixes_js() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


_STATIC: dict[str, tuple[str, str]] = {
    "vis-network.min.js": ("vis", "text/javascript"),
    "vis-network.css": ("vis-css", "text/css"),
    "graph.js": ("graph", "text/javascript"),
    "graph.css": ("graph-css", "text/css"),
    "workbench.js": ("igkg.serve:static/workbench.js", "text/javascript"),
    "page.css": ("igkg.serve:static/page.css", "text/css"),
}


@cache
def static_file(name: str) -> tuple[bytes, str]:
    """A static file's bytes and media type; unknown names are 404."""
    if name not in _STATIC:
        raise ProtocolError(404, f"no static file {name!r}")
    source, kind = _STATIC[name]
    if source == "vis":
        text = vis_js()
    elif source == "vis-css":
        text = vis_css()
    elif source == "graph":
        text = graph_js()
    elif source == "graph-css":
        text = graph_css()
    else:
        package, path = source.split(":")
        text = asset(package, path)
    return text.encode("utf-8"), kind + "; charset=utf-8"


def prefixes() -> str:
    """The PREFIX lines the workbench shows as predeclared."""
    return _prefixes_js()
