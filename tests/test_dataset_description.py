"""The VoID + DCAT description of the dataset: what it says (licence, publisher, version, triples
per graph, classes and properties with counts, the endpoint when served), that the shapes check
its required properties, that the build writes it and the server answers it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from starlette.testclient import TestClient

import igkg
from igkg.dataset import DATASET, LICENCE, TITLE
from igkg.formats.rdf_writer import serialize_triples
from igkg.namespaces import GRAPH_NS
from igkg.serve.app import create_app
from igkg.stores.oxigraph import OxigraphStore
from igkg.validation import description_report
from igkg.vocab import DCAT, DCTERMS, RDF, VOID

ORGANIZATION = ox.NamedNode("http://www.w3.org/ns/org#Organization")


def _store(triples: list[ox.Triple]) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store


def _one(store: ox.Store, query: str) -> object:
    rows = list(store.query("PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcterms: <http://purl.org/dc/terms/> "
                            "PREFIX dcat: <http://www.w3.org/ns/dcat#> " + query))
    assert len(rows) == 1, query
    term = rows[0][0]
    return int(term.value) if isinstance(term, ox.Literal) and term.datatype.value.endswith("integer") else term


def test_the_description_counts_the_graph_and_names_licence_publisher_version(kg: igkg.KnowledgeGraph) -> None:
    store = _store(kg.describe())
    assert ox.Quad(DATASET, RDF.type, VOID.Dataset) in store and ox.Quad(DATASET, RDF.type, DCAT.Dataset) in store
    assert ox.Quad(DATASET, DCTERMS.license, LICENCE) in store
    assert ox.Quad(DATASET, DCTERMS.title, ox.Literal(TITLE, language="en")) in store
    assert len(list(store.quads_for_pattern(DATASET, DCTERMS.publisher, None))) == 1
    assert _one(store, "SELECT ?v WHERE { ?d dcat:version ?v }") == ox.Literal(igkg.__version__)
    assert _one(store, "SELECT ?n WHERE { ?d a dcat:Dataset ; void:triples ?n }") == len(kg)
    per_graph = {str(r[0].value): int(r[1].value) for r in store.query(
        "PREFIX void: <http://rdfs.org/ns/void#> SELECT ?g ?n WHERE { ?d void:subset ?g . ?g void:triples ?n }")}
    assert sorted(per_graph) == kg.graphs() and sum(per_graph.values()) == kg.stats().quads
    assert per_graph[GRAPH_NS + "doc/wgec-second-take"] == 271
    classes = dict(kg.stats().classes)
    assert _one(store, f"SELECT ?n WHERE {{ ?d void:classPartition [ void:class <{ORGANIZATION.value}> ; "
                       f"void:entities ?n ] }}") == classes[ORGANIZATION.value]
    assert _one(store, "SELECT ?n WHERE { ?d void:propertyPartition [ void:property "
                       "<https://w3id.org/igkg/ontology#position> ; void:triples ?n ] }") == 14
    assert _one(store, "SELECT ?n WHERE { ?d a dcat:Dataset ; void:classes ?n }") == len(classes)
    assert not list(store.quads_for_pattern(DATASET, VOID.sparqlEndpoint, None))  # not served: no endpoint


def test_the_shapes_check_the_required_properties(kg: igkg.KnowledgeGraph) -> None:
    description = kg.describe("http://127.0.0.1:8000/sparql")
    assert description_report(description).conforms
    for missing in (DCTERMS.license, DCTERMS.publisher, DCAT.version, VOID.triples, VOID.subset):
        report = description_report([t for t in description if not (t.subject == DATASET and t.predicate == missing)])
        assert not report.conforms and any(f.path.endswith(missing.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
                                           for f in report.violations), missing


def test_the_build_writes_the_description(tmp_path: Path) -> None:
    from igkg.build import build

    lines: list[str] = []
    summary = build(tmp_path, echo=lines.append)
    assert summary.conforms and tmp_path / "void.ttl" in summary.outputs and tmp_path / "igkg.trig" in summary.outputs
    written = list(ox.parse(path=str(tmp_path / "void.ttl")))
    assert ox.Quad(DATASET, DCTERMS.license, LICENCE) in written
    assert any("Described the dataset" in line and "checked" in line for line in lines)


def test_the_server_answers_the_description_with_its_endpoint(kg: igkg.KnowledgeGraph) -> None:
    assert isinstance(kg.store, OxigraphStore)
    client = TestClient(create_app(kg.store))
    answer = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    store = ox.Store()
    store.load(answer.content, format=ox.RdfFormat.TURTLE)
    endpoint = ox.NamedNode("http://testserver/sparql")
    assert ox.Quad(DATASET, VOID.sparqlEndpoint, endpoint) in store
    assert ox.Quad(endpoint, DCAT.servesDataset, DATASET) in store
    assert client.get("/.well-known/void?format=nt").headers["content-type"].startswith("application/n-triples")
    service = client.get("/sparql", headers={"Accept": "text/turtle"}).text
    assert "http://testserver/.well-known/void" in service and DATASET.value in service
    assert serialize_triples(kg.describe(), "ttl").startswith(b"@prefix")
