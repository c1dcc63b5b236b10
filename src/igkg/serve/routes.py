"""The server's route handlers (see :mod:`igkg.serve.app` for the map). Each reads the request,
runs its query through :func:`igkg.serve.engine.run`, and answers in the negotiated format or as
a page (:mod:`igkg.serve.pages`)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from ..errors import ParameterError, QueryError
from ..formats.rdf_writer import serialize_triples
from ..namespaces import compact
from ..network.labels import label_table
from ..network.payload import view_payload
from ..network.view import build_view
from ..queries.library import NamedQuery, library
from ..queries.params import resolve_label, resolve_parameters
from ..results import GraphResult, ResultTable, Term
from ..stores.oxigraph import OxigraphStore
from . import pages
from .engine import Outcome, run
from .protocol import GRAPH_FORMATS, TABLE_FORMATS, ProtocolError, choose, media_type, read_operation, write
from .service import VOID_PATH, dataset_description, service_description

__all__ = ["ROUTES"]

_HTML = ("text/html", "application/xhtml+xml")


def _store(request: Request) -> OxigraphStore:
    store: OxigraphStore = request.app.state.store
    return store


def _wants_html(request: Request) -> bool:
    """A browser (text/html first) or a client that takes anything (no Accept, ``*/*``)."""
    accept = request.headers.get("accept", "")
    first = accept.split(",")[0].split(";")[0].strip().lower()
    return first in _HTML or first in ("", "*/*")


async def _body(request: Request) -> bytes:
    return await request.body()  # the size limit is enforced by the middleware around the app


def _answer(outcome: Outcome, key: str, *, people: bool = False, store: OxigraphStore | None = None) -> Response:
    if people and store is not None and isinstance(outcome.result, ResultTable):
        label_table(store, outcome.result)  # CSV/TSV for people: a label column after each IRI column
    headers = {"X-Igkg-Query-Ms": f"{1000 * outcome.seconds:.1f}"}
    if outcome.truncated:
        headers["X-Igkg-Truncated"] = "true"
    return Response(write(outcome.result, key, people=people), media_type=media_type(outcome.form, key),
                    headers=headers)


def _form_of(query: str) -> str:
    return NamedQuery("query", "", "", query).form


async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol endpoint."""
    body = await _body(request) if request.method == "POST" else b""
    query_string = request.url.query
    if request.method == "GET" and "query" not in request.query_params and "update" not in request.query_params:
        if _wants_html(request):
            return RedirectResponse("/", status_code=303)
        return service_description(request, _store(request))
    accept = request.headers.get("accept", "")
    if request.method == "GET" and accept.split(",")[0].split(";")[0].strip().lower() in _HTML \
            and "format" not in request.query_params:  # a person following a link: the workbench, filled in
        return RedirectResponse("/?" + urlencode({"query": request.query_params.get("query", "")}), status_code=303)
    operation = read_operation(request.method, query_string, request.headers.get("content-type", ""), body)
    fmt = request.query_params.get("format")
    settings = request.app.state.settings
    # Negotiate before running (406 costs nothing); the form decides which formats apply.
    form = _form_of(operation.query)
    key = choose(form, request.headers.get("accept", ""), fmt)
    outcome = await run(_store(request), operation.query, limits=settings.limits, dataset=operation.dataset,
                        base=str(request.url.replace(query="")))
    if outcome.form != form:  # the quick look at the text can be wrong (comments, odd spacing)
        key = choose(outcome.form, request.headers.get("accept", ""), fmt)
    return _answer(outcome, key)


_RESOLVED_LIMIT = 1024


def _bindings(request: Request, query: NamedQuery, values: dict[str, str]) -> dict[str, Term]:
    """The named query's parameters resolved as the command line resolves them. The served store
    is read-only, so a resolution holds for the server's life: the last 1,024 are kept."""
    cache: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, Term]] = request.app.state.resolved
    key = (query.name, tuple(sorted(values.items())))
    if key not in cache:
        if len(cache) >= _RESOLVED_LIMIT:
            cache.pop(next(iter(cache)))
        cache[key] = resolve_parameters(_store(request), query, values)
    return cache[key]


def _named(name: str) -> NamedQuery:
    queries = library()
    if name not in queries:
        raise ProtocolError(404, f"no named query {name!r}; /queries/ lists them")
    return queries[name]


async def queries_index(request: Request) -> Response:
    entries = list(library().values())
    if request.url.path.endswith(".json") or "application/json" in request.headers.get("accept", ""):
        return JSONResponse([pages.query_entry(q) for q in entries])
    return pages.render(request, "queries.html", title="Named queries", queries=entries)


async def named_query(request: Request) -> Response:
    name = request.path_params["name"]
    ext = None
    if "." in name:
        name, ext = name.rsplit(".", 1)
    query = _named(name)
    values = {k: v for k, v in request.query_params.items() if k != "format"}
    html = ext is None and request.query_params.get("format") is None and _wants_html(request)
    if html:
        return await _named_page(request, query, values)
    store = _store(request)
    bindings = _bindings(request, query, values)
    outcome = await run(store, query.text, bindings, limits=request.app.state.settings.limits, prologue=False)
    key = choose(outcome.form, request.headers.get("accept", ""), ext or request.query_params.get("format"))
    return _answer(outcome, key, people=True, store=store)


async def _named_page(request: Request, query: NamedQuery, values: dict[str, str]) -> Response:
    store = _store(request)
    outcome: Outcome | None = None
    error: str | None = None
    missing = [p for p in query.parameters if p.required and not values.get(p.name)]
    if not missing or not query.parameters:
        try:
            bindings = _bindings(request, query, values)
            outcome = await run(store, query.text, bindings, limits=request.app.state.settings.limits,
                                prologue=False)
        except (ParameterError, QueryError) as problem:
            error = str(problem)
    table = pages.labelled_table(store, outcome.result) if outcome and isinstance(outcome.result, ResultTable) \
        else None
    formats = TABLE_FORMATS if outcome is None or outcome.form in ("SELECT", "ASK") else GRAPH_FORMATS
    return pages.render(request, "query.html", title=query.title or query.name, query=query, values=values,
                        outcome=outcome, table=table, error=error, formats=list(formats),
                        query_string=request.url.query)


async def resource(request: Request) -> Response:
    from .resource import describe_resource, highlight, resource_triples

    text = request.query_params.get("iri", "").strip()
    if not text:
        raise ProtocolError(400, "give ?iri=… (an IRI, a prefixed name or a label)")
    store = _store(request)
    try:
        iri = resolve_label(store, "node", text).value
    except ParameterError as problem:
        raise ProtocolError(404, str(problem)) from None
    accept = request.headers.get("accept", "")
    fmt = request.query_params.get("format")
    if fmt or not _wants_html(request):
        key = choose("DESCRIBE", accept, fmt)
        triples = resource_triples(store, iri)
        return Response(serialize_triples(triples.triples, key), media_type=media_type("DESCRIBE", key))
    found = describe_resource(store, iri)
    pieces = highlight(found.text, found.spans) if found.text else []
    return pages.render(request, "resource.html", title=found.name, r=found, pieces=pieces,
                        shown=compact(iri, for_display=True))


async def ontology(request: Request) -> Response:
    """The ontology by content negotiation: its page for a browser, its triples for an RDF client."""
    from .ontology import ontology_page, ontology_triples

    fmt = request.query_params.get("format")
    if fmt or not _wants_html(request):
        key = choose("DESCRIBE", request.headers.get("accept", ""), fmt)
        return Response(serialize_triples(ontology_triples(), key), media_type=media_type("DESCRIBE", key),
                        headers={"Vary": "Accept"})
    found = ontology_page()
    response = pages.render(request, "ontology.html", title=found.title, o=found)
    response.headers["Vary"] = "Accept"
    return response


async def workbench(request: Request) -> Response:
    return pages.render(request, "workbench.html", title="igkg workbench",
                        queries=[pages.query_entry(q) for q in library().values()],
                        query=request.query_params.get("query", ""))


async def api_table(request: Request) -> Response:
    """A query's answer for the workbench: a labelled table, a boolean, or a graph to draw."""
    from urllib.parse import parse_qsl

    try:
        form = dict(parse_qsl((await _body(request)).decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8") from None
    store = _store(request)
    limits = request.app.state.settings.limits
    name = str(form.get("name", ""))
    if name:
        named = _named(name)
        values = {k[len("param."):]: str(v) for k, v in form.items() if k.startswith("param.")}
        outcome = await run(store, named.text, _bindings(request, named, values), limits=limits,
                            prologue=False)
    else:
        outcome = await run(store, str(form.get("query", "")), limits=limits)
    data: dict[str, Any] = {"form": outcome.form, "truncated": outcome.truncated,
                            "ms": round(1000 * outcome.seconds, 1)}
    if isinstance(outcome.result, ResultTable):
        data["table"] = pages.table_json(pages.labelled_table(store, outcome.result))
    elif isinstance(outcome.result, GraphResult):
        view = build_view(store, result=outcome.result, title="CONSTRUCT result")
        data["graph"] = view_payload(view)
        data["triples"] = len(outcome.result)
    else:
        data["boolean"] = outcome.result
    return Response(json.dumps(data, ensure_ascii=False), media_type="application/json")


async def api_graph(request: Request) -> Response:
    """The neighbourhood of a node as a graph to draw (``iri``, ``depth`` 0–3)."""
    store = _store(request)
    text = request.query_params.get("iri", "")
    try:
        depth = int(request.query_params.get("depth", "1"))
    except ValueError:
        raise ProtocolError(400, "depth must be a whole number") from None
    if not 0 <= depth <= 3:
        raise ProtocolError(400, "depth must be between 0 and 3")
    node = resolve_label(store, "node", text)
    view = build_view(store, focus=node.value, depth=depth, max_nodes=3000)
    return JSONResponse(view_payload(view))


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    body, kind = pages.static_file(name)
    return Response(body, media_type=kind, headers={"Cache-Control": "public, max-age=3600"})


async def favicon(request: Request) -> Response:
    return Response(status_code=204)


ROUTES: list[tuple[str, Any, list[str]]] = [
    ("/", workbench, ["GET"]),
    ("/sparql", sparql, ["GET", "POST", "PUT", "DELETE", "PATCH"]),
    ("/queries/", queries_index, ["GET"]),
    ("/queries.json", queries_index, ["GET"]),
    ("/queries/{name}", named_query, ["GET"]),
    ("/resource", resource, ["GET"]),
    ("/ontology", ontology, ["GET"]),
    ("/api/table", api_table, ["POST"]),
    ("/api/graph", api_graph, ["GET"]),
    ("/static/{name}", static, ["GET"]),
    ("/favicon.ico", favicon, ["GET"]),
    (VOID_PATH, dataset_description, ["GET"]),
]
