"""The dataset's description in VoID and DCAT: what the graph is, who publishes it under which
licence, which version, how many triples each named graph holds, which classes and properties
it uses and how often, and (when served) its SPARQL endpoint.

``igkg build`` writes it to ``build/void.ttl``; ``igkg serve`` answers it at ``/.well-known/void``;
from Python, ``kg.describe()``. The shapes of ``ontology/shapes.ttl`` check that its required
properties are there (``igkgsh:DatasetDescriptionShape``). Counts are of distinct triples: a
triple held by two graphs is one triple of the dataset, and one of each graph's subset.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ._version import __version__
from .namespaces import DATA_LICENCE_IRI, DATASET_IRI, GRAPH_NS, ID_NS, PUBLISHER_IRI
from .results import ResultTable
from .stores.base import GraphStore, count_triples
from .vocab import DCAT, DCTERMS, ELI, FOAF, IGKG, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

__all__ = ["describe_dataset", "DATASET", "LICENCE", "TITLE"]

DATASET = ox.NamedNode(DATASET_IRI)
PUBLISHER = ox.NamedNode(PUBLISHER_IRI)
LICENCE = ox.NamedNode(DATA_LICENCE_IRI)
TITLE = "igkg: the Internet-governance knowledge graph"
DESCRIPTION = ("Internet-governance recommendation documents (WSIS, IGF, CSTD processes) as linked data, "
               "linked to the paragraphs of the instruments they cite (the Tunis Agenda, the Geneva "
               "Declaration, UN resolutions), the stakeholder roles those instruments define and the "
               "organizations involved; with the ontology and concept schemes they use.")
KEYWORDS = ("Internet governance", "WSIS", "Internet Governance Forum", "CSTD", "Tunis Agenda",
            "recommendations", "linked data")
#: The vocabularies whose terms the data uses (void:vocabulary).
VOCABULARIES = (IGKG.NS, ELI.NS, SKOS.NS, DCTERMS.NS, ORG.NS, PROV.NS, FOAF.NS, RDFS.NS, OWL.NS)

_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY ?c"
_PROPERTIES = """SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }
GROUP BY ?p ORDER BY ?p"""
_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
_ENTITIES = f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_NS}")) }}"""


def _rows(store: GraphStore, query: str) -> list[tuple[ox.NamedNode, int]]:
    result = store.query(query)
    assert isinstance(result, ResultTable)
    found = []
    for row in result.rows:
        name, count = row
        if isinstance(name, ox.NamedNode) and isinstance(count, ox.Literal):
            found.append((name, int(count.value)))
    return found


def _number(store: GraphStore, query: str) -> int:
    result = store.query(query)
    assert isinstance(result, ResultTable)
    value = next(iter(result))["n"] if len(result) else 0
    return value if isinstance(value, int) else 0


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _graph_title(iri: str) -> str:
    """``…/graph/data/instruments/tunis-agenda`` → ``data/instruments/tunis-agenda``."""
    return iri[len(GRAPH_NS):] if iri.startswith(GRAPH_NS) else iri


def describe_dataset(store: GraphStore, *, endpoint: str | None = None,
                     version: str = __version__) -> list[ox.Triple]:
    """The VoID + DCAT description of the graph in ``store`` (``endpoint``: the SPARQL endpoint
    it is served at, if any)."""
    d = DATASET
    triples = [
        ox.Triple(d, RDF.type, VOID.Dataset), ox.Triple(d, RDF.type, DCAT.Dataset),
        ox.Triple(d, DCTERMS.title, _en(TITLE)), ox.Triple(d, DCTERMS.description, _en(DESCRIPTION)),
        ox.Triple(d, DCTERMS.license, LICENCE), ox.Triple(d, DCTERMS.publisher, PUBLISHER),
        ox.Triple(d, DCAT.version, ox.Literal(version)), ox.Triple(d, OWL.versionInfo, ox.Literal(version)),
        ox.Triple(d, VOID.uriSpace, ox.Literal(ID_NS)),
        ox.Triple(PUBLISHER, RDF.type, FOAF.Organization),
        ox.Triple(PUBLISHER, FOAF.name, _en("the igkg developers")),
    ]
    triples += [ox.Triple(d, DCAT.keyword, _en(k)) for k in KEYWORDS]
    triples += [ox.Triple(d, VOID.vocabulary, ox.NamedNode(ns)) for ns in VOCABULARIES]
    classes = _rows(store, _CLASSES)
    properties = _rows(store, _PROPERTIES)
    triples += [
        ox.Triple(d, VOID.triples, _integer(count_triples(store))),
        ox.Triple(d, VOID.entities, _integer(_number(store, _ENTITIES))),
        ox.Triple(d, VOID.distinctSubjects, _integer(_number(store, _SUBJECTS))),
        ox.Triple(d, VOID.classes, _integer(len(classes))),
        ox.Triple(d, VOID.properties, _integer(len(properties))),
    ]
    triples += _partitions(d, classes, VOID.classPartition, VOID.class_, VOID.entities, "class")
    triples += _partitions(d, properties, VOID.propertyPartition, VOID.property, VOID.triples, "property")
    for graph, count in _rows(store, _PER_GRAPH):
        triples += [ox.Triple(d, VOID.subset, graph), ox.Triple(graph, RDF.type, VOID.Dataset),
                    ox.Triple(graph, DCTERMS.title, ox.Literal(_graph_title(graph.value))),
                    ox.Triple(graph, VOID.triples, _integer(count))]
    if endpoint is not None:
        service = ox.NamedNode(endpoint)
        triples += [ox.Triple(d, VOID.sparqlEndpoint, service), ox.Triple(service, RDF.type, DCAT.DataService),
                    ox.Triple(service, DCAT.endpointURL, service), ox.Triple(service, DCAT.servesDataset, d)]
    return triples


def _partitions(dataset: ox.NamedNode, counts: Iterable[tuple[ox.NamedNode, int]], link: ox.NamedNode,
                key: ox.NamedNode, measure: ox.NamedNode, kind: str) -> list[ox.Triple]:
    triples = []
    for index, (term, count) in enumerate(counts, start=1):
        part = ox.BlankNode(f"{kind}{index}")
        triples += [ox.Triple(dataset, link, part), ox.Triple(part, key, term),
                    ox.Triple(part, measure, _integer(count))]
    return triples
