"""Publishing a graph to a triple store (``igkg push``): in one request, verified by counting.

Two ways to write, chosen from the URL (or ``protocol=``):

* **Graph Store Protocol** (``gsp``): one ``PUT`` (``--replace``) or ``POST`` (add) of N-Triples
  to ``URL?graph=IRI`` or ``URL?default``. Oxigraph ``/store``, Fuseki ``/DATASET/data``,
  Virtuoso ``/sparql-graph-crud(-auth)``, GraphDB ``/repositories/ID/rdf-graphs/service``.
* **SPARQL Update** (``update``): one request ``CLEAR SILENT GRAPH <IRI> ; INSERT DATA { GRAPH
  <IRI> { … } }`` (without ``CLEAR`` when adding). Oxigraph ``/update``, Fuseki ``/DATASET/update``,
  Virtuoso ``/sparql`` or ``/sparql-auth``, GraphDB ``/repositories/ID/statements``.

Atomic from the user's point of view: everything is sent in one request, which a transactional
server (Oxigraph ≥ 0.4 for both ways, tested against Oxigraph 0.5) applies entirely or not at
all. Before writing (and after :meth:`igkg.graph.Graph.push` has validated the graph against
the SHACL shapes), the remote graph's triples are counted through the query URL; afterwards
they are counted again: with ``replace`` the remote graph must hold exactly the triples sent.
When a push fails, the count is taken again and the message says whether the remote graph is
unchanged.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import EndpointError, EndpointTimeout, InputError
from .base import GraphStore
from .binding import term_to_sparql
from .endpoint import Endpoint, EndpointSettings, SparqlEndpointStore

__all__ = ["PushReport", "push", "send_graph", "guess_protocol", "guess_query_url", "PROTOCOLS"]

PROTOCOLS = ("gsp", "update")
_UPDATE_SEGMENTS = {"update", "statements", "sparql", "sparql-auth"}
_GSP_SEGMENTS = {"store", "data", "service", "sparql-graph-crud", "sparql-graph-crud-auth"}


@dataclass
class PushReport:
    url: str
    protocol: str
    graph: str | None  # None: the default graph
    replaced: bool
    sent: int
    before: int
    after: int
    seconds: float

    def to_dict(self) -> dict[str, object]:
        """JSON-ready summary of the push."""
        return {"url": self.url, "protocol": self.protocol, "graph": self.graph, "replaced": self.replaced,
                "sent": self.sent, "before": self.before, "after": self.after, "seconds": round(self.seconds, 3)}


def _last_segment(url: str) -> str:
    return urllib.parse.urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].lower()


def guess_protocol(url: str) -> str:
    """``gsp`` or ``update`` from the last segment of the URL's path."""
    segment = _last_segment(url)
    if segment in _UPDATE_SEGMENTS:
        return "update"
    if segment in _GSP_SEGMENTS:
        return "gsp"
    raise InputError(
        f"cannot tell whether {url} is a Graph Store or a SPARQL Update URL: choose the protocol "
        f"(gsp or update)"
    )


def guess_query_url(url: str) -> str:
    """The query URL of the same server: Oxigraph and Fuseki ``…/query``, GraphDB the repository,
    Virtuoso ``/sparql``; an update endpoint that also answers queries is its own query URL."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    head, _, segment = path.rpartition("/")
    segment = segment.lower()
    if segment in ("store", "update", "data"):
        path = f"{head}/query"
    elif segment == "statements":
        path = head
    elif segment == "service" and head.endswith("/rdf-graphs"):
        path = head[: -len("/rdf-graphs")]
    elif segment in ("sparql-graph-crud", "sparql-graph-crud-auth"):
        path = f"{head}/sparql"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path or "/", "", ""))


def _graph_term(graph: str | None) -> str | None:
    if graph is None:
        return None
    try:
        return term_to_sparql(ox.NamedNode(graph))
    except ValueError:
        raise InputError(f"the graph name {graph!r} is not a valid IRI") from None


def _count_query(graph: str | None) -> str:
    term = _graph_term(graph)
    pattern = f"GRAPH {term} {{ ?s ?p ?o }}" if term else "?s ?p ?o"
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"


def _source_triples(store: GraphStore, source_graph: str | None) -> list[ox.Triple]:
    """Every triple of the store, or of its named graph ``source_graph`` (read with a query, so a
    store on disk reads that graph only)."""
    if source_graph is None:
        return [q.triple for q in store.quads()]
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_graph_term(source_graph)} {{ ?s ?p ?o }} }}")
    return list(getattr(result, "triples", []))


def send_graph(
    url: str, ntriples: bytes, *, protocol: str, graph: str | None = None, replace: bool = False,
    settings: EndpointSettings | None = None,
) -> None:
    """Send N-Triples to the graph in one request (PUT/POST, or one SPARQL Update)."""
    endpoint = Endpoint(url, settings)
    if protocol == "gsp":
        target = urllib.parse.urlencode({"graph": graph}) if graph else "default"
        base = url.strip()
        address = f"{base}{'&' if urllib.parse.urlsplit(base).query else '?'}{target}"
        endpoint.request("PUT" if replace else "POST", address, ntriples, "application/n-triples",
                         idempotent=replace)
    elif protocol == "update":
        term = _graph_term(graph)
        clear = (f"CLEAR SILENT GRAPH {term} ;\n" if term else "CLEAR SILENT DEFAULT ;\n") if replace else ""
        body = ntriples.decode("utf-8")
        data = f"GRAPH {term} {{\n{body}}}" if term else body
        endpoint.update(f"{clear}INSERT DATA {{\n{data}\n}}", idempotent=replace)
    else:
        raise InputError(f"unknown protocol {protocol!r}; use one of {', '.join(PROTOCOLS)}")


def push(
    store: GraphStore,
    url: str,
    *,
    graph: str | None = None,
    replace: bool = False,
    protocol: str = "auto",
    query_url: str | None = None,
    settings: EndpointSettings | None = None,
    source_graph: str | None = None,
) -> PushReport:
    """Send all the triples of ``store`` (the union of its graphs, each triple once; or only
    those of its named graph ``source_graph``) to ``graph`` (default: the default graph) at
    ``url`` in one request, and check the result by counting through ``query_url``."""
    started = time.perf_counter()
    chosen = guess_protocol(url) if protocol == "auto" else protocol
    if chosen not in PROTOCOLS:
        raise InputError(f"unknown protocol {protocol!r}; use auto, {', '.join(PROTOCOLS)}")
    settings = settings or EndpointSettings.from_environment()
    counter = SparqlEndpointStore(query_url or guess_query_url(url), settings)
    count = _count_query(graph)
    triples = set(_source_triples(store, source_graph))
    payload = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    before = counter.count(count)
    try:
        send_graph(url, payload, protocol=chosen, graph=graph, replace=replace, settings=settings)
    except EndpointError as error:
        try:
            now = counter.count(count)
        except EndpointError:
            raise EndpointError(f"{error}; the remote graph could not be checked afterwards") from None
        state = (f"the remote graph is unchanged ({now} triples)" if now == before else
                 f"the remote graph CHANGED from {before} to {now} triples: the server did not roll back")
        if isinstance(error, EndpointTimeout):  # one transaction of a large graph: the server's time
            state += (f"; {len(triples):,} triples in one request: --strategy versioned sends them faster, "
                      f"still all-or-nothing (docs/push.md), or raise IGKG_ENDPOINT_TIMEOUT")
        raise EndpointError(f"{error}; {state}") from None
    after = counter.count(count)
    expected_ok = after == len(triples) if replace else after >= max(before, len(triples))
    if not expected_ok:
        raise EndpointError(
            f"{counter.location}: after the push the remote graph has {after} triples, expected "
            f"{'exactly ' if replace else 'at least '}{len(triples) if replace else max(before, len(triples))} "
            f"(is the query URL's default graph the union of all graphs? name the graph to write)")
    return PushReport(url=url, protocol=chosen, graph=graph, replaced=replace, sent=len(triples),
                      before=before, after=after, seconds=time.perf_counter() - started)
