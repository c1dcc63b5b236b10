"""The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` without a query) and the
dataset's VoID + DCAT description (``GET /.well-known/void``, :mod:`igkg.dataset`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..dataset import DATASET, describe_dataset
from ..formats.rdf_writer import serialize_triples
from ..results import QueryResult, Term
from ..stores.oxigraph import OxigraphStore
from ..vocab import FORMATS, RDF, RDFS, SD, VOID
from .engine import Limits, run_sync
from .protocol import choose, media_type

__all__ = ["service_description", "dataset_description", "VOID_PATH"]

#: Where the dataset description is served (the well-known location of RFC 5785 that VoID names).
VOID_PATH = "/.well-known/void"
_DESCRIBE_LIMITS = Limits(timeout=120.0, row_cap=1_000_000)


class _ServedStore:
    """The server's store as :func:`~igkg.dataset.describe_dataset` reads it: queries go through
    the server's engine (threads, not the command line's worker process)."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store
        self.location = store.location
        self.triples_once = store.triples_once

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        return run_sync(self.store, sparql, bindings, limits=_DESCRIBE_LIMITS, prologue=False).result

    def quads(self) -> Iterator[ox.Quad]:
        return self.store.quads()

    def __len__(self) -> int:
        return len(self.store)


def _base(request: Request) -> str:
    return str(request.url.replace(path="", query="", fragment="")).rstrip("/")


async def dataset_description(request: Request) -> Response:
    """The VoID + DCAT description, with this server's SPARQL endpoint (computed once per
    address the server is reached at: the store does not change while it is served)."""
    store: OxigraphStore = request.app.state.store
    endpoint = _base(request) + "/sparql"
    cache: dict[str, list[ox.Triple]] = request.app.state.void
    if endpoint not in cache:
        cache[endpoint] = await run_in_threadpool(describe_dataset, _ServedStore(store), endpoint=endpoint)
    key = choose("DESCRIBE", request.headers.get("accept", ""), request.query_params.get("format"))
    return Response(serialize_triples(cache[endpoint], key), media_type=media_type("DESCRIBE", key))


def service_description(request: Request, store: OxigraphStore) -> Response:
    """The endpoint's description in Turtle (or another RDF syntax, by Accept or ``?format=``)."""
    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    graph = ox.BlankNode("default")
    endpoint = ox.NamedNode(str(request.url.replace(query="")))
    triples = [
        ox.Triple(service, RDF.type, SD.Service),
        ox.Triple(service, SD.endpoint, endpoint),
        ox.Triple(service, SD.supportedLanguage, SD.SPARQL11Query),
        ox.Triple(service, SD.feature, SD.UnionDefaultGraph),
        ox.Triple(service, SD.defaultDataset, dataset),
        ox.Triple(dataset, RDF.type, SD.Dataset),
        ox.Triple(dataset, SD.defaultGraph, graph),
        ox.Triple(graph, RDF.type, SD.Graph),
        ox.Triple(dataset, RDF.type, VOID.Dataset),
        ox.Triple(dataset, RDFS.seeAlso, DATASET),
        ox.Triple(service, RDFS.seeAlso, ox.NamedNode(_base(request) + VOID_PATH)),
    ]
    for fmt in (FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
                FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS.RDF_XML):
        triples.append(ox.Triple(service, SD.resultFormat, fmt))
    for name in sorted(g.value for g in store.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))[:1000]:
        named = ox.BlankNode()
        triples += [ox.Triple(dataset, SD.namedGraph, named), ox.Triple(named, SD.name, ox.NamedNode(name))]
    key = choose("DESCRIBE", request.headers.get("accept", ""), request.query_params.get("format"))
    return Response(serialize_triples(triples, key), media_type=media_type("DESCRIBE", key))
