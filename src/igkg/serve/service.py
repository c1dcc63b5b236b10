"""The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` without a query)."""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from ..formats.rdf_writer import serialize_triples
from ..stores.oxigraph import OxigraphStore
from ..vocab import FORMATS, RDF, SD
from .protocol import choose, media_type

__all__ = ["service_description"]


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
    ]
    for fmt in (FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
                FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS.RDF_XML):
        triples.append(ox.Triple(service, SD.resultFormat, fmt))
    for name in sorted(g.value for g in store.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))[:1000]:
        named = ox.BlankNode()
        triples += [ox.Triple(dataset, SD.namedGraph, named), ox.Triple(named, SD.name, ox.NamedNode(name))]
    key = choose("DESCRIBE", request.headers.get("accept", ""), request.query_params.get("format"))
    return Response(serialize_triples(triples, key), media_type=media_type("DESCRIBE", key))
