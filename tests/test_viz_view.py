"""What the explorer draws, checked against independent SPARQL counts, and its layout."""

from __future__ import annotations

import math

import pytest

import igkg
from igkg.errors import InputError, ParameterError, QueryError
from igkg.explorer.page import explorer_page
from igkg.network.layout import radial_layout
from igkg.network.view import RDF_TYPE, build_view, parse_classes

IGF = "https://w3id.org/igkg/id/actor/igf"
TERMS = "owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty owl:FunctionalProperty " \
        "owl:Ontology rdfs:Class rdf:Property"
SCHEMA = f"VALUES ?t {{ {TERMS} }}"
#: Scheme concepts are properties of the nodes that point at them, not nodes (unless asked for).
SCHEMA_AND_CONCEPTS = f"VALUES ?t {{ {TERMS} skos:Concept skos:ConceptScheme }}"


def _count(kg: igkg.KnowledgeGraph, sparql: str) -> int:
    result = kg.sparql(sparql)
    assert isinstance(result, igkg.ResultTable)
    return int(next(iter(result))["n"])


def _resources_and_links(kg: igkg.KnowledgeGraph, left_out: str) -> tuple[int, int]:
    links = _count(kg, f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
        ?s ?p ?o . FILTER (?p != rdf:type && !isLiteral(?o))
        FILTER NOT EXISTS {{ ?s a ?t . {left_out} }} FILTER NOT EXISTS {{ ?o a ?t . {left_out} }} }} }}""")
    resources = _count(kg, f"""SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{
        {{ ?r ?p ?o }} UNION {{ ?s ?p ?r . FILTER (?p != rdf:type && !isLiteral(?r))
                               FILTER NOT EXISTS {{ ?s a ?t . {SCHEMA} }} }}
        FILTER NOT EXISTS {{ ?r a ?t . {left_out} }} }}""")
    return resources, links


def test_whole_view_has_every_resource_and_link_but_no_literal_type_or_schema(kg: igkg.KnowledgeGraph) -> None:
    view = build_view(kg.store)
    assert (len(view.nodes), len(view.edges)) == _resources_and_links(kg, SCHEMA_AND_CONCEPTS)
    with_concepts = build_view(kg.store, concepts=True)
    assert (len(with_concepts.nodes), len(with_concepts.edges)) == _resources_and_links(kg, SCHEMA)
    # A link to a concept is a property of the node, valued by the concept's label.
    igf = view.nodes[IGF]
    assert igf.facts["https://w3id.org/igkg/ontology#verificationStatus"] == ["verified"]
    assert not any(n.cls == "concept" for n in view.nodes.values())
    assert all(edge.predicate != RDF_TYPE for edge in view.edges)
    assert "https://w3id.org/igkg/ontology#Recommendation" not in view.nodes
    assert view.nodes[IGF].cls == "organization" and view.nodes[IGF].look.label == "IGF"
    rec4 = view.nodes["https://w3id.org/igkg/id/doc/wgec-second-take/rec-4"]
    assert rec4.look.label == "WGEC #4" and rec4.facts["https://w3id.org/igkg/ontology#text"][0].startswith(
        "Acknowledges that Enhanced Cooperation")
    assert view.nodes["https://w3id.org/igkg/id/instrument/tunis-agenda/para-72"].look.label == "TA ¶72"
    assert view.relation("http://data.europa.eu/eli/ontology#cites") == "cites"


def test_focus_view_is_the_neighbourhood(kg: igkg.KnowledgeGraph) -> None:
    view = build_view(kg.store, focus="IGF", depth=1)
    around = _count(kg, f"""SELECT (COUNT(DISTINCT ?n) AS ?n) WHERE {{
        {{ actor:igf ?p ?n }} UNION {{ ?n ?p actor:igf }}
        FILTER (?p != rdf:type && !isLiteral(?n)) FILTER NOT EXISTS {{ ?n a ?t . {SCHEMA_AND_CONCEPTS} }} }}""")
    assert len(view.nodes) == around + 1
    assert view.focus == IGF and view.title.startswith("Internet Governance Forum")
    # Every node is the focus or linked to it; edges among the neighbours are drawn too.
    linked = {e.source for e in view.edges if e.target == IGF} | {e.target for e in view.edges if e.source == IGF}
    assert set(view.nodes) == linked | {IGF}
    wider = build_view(kg.store, focus="IGF", depth=2)
    assert set(view.nodes) < set(wider.nodes)
    assert len(build_view(kg.store, focus="IGF", depth=0).nodes) == 1


def test_focus_and_depth_follow_meaningful_links_only(kg: igkg.KnowledgeGraph) -> None:
    # Through the "verified" concept, depth 2 reached 142 nodes, 73 of them paragraphs that
    # only share a verification status with the IGF; along meaningful links it is the IGF's
    # mandate (TA ¶72 and its items), its bodies, the recommendations that address it.
    view = build_view(kg.store, focus="IGF", depth=2)
    through_concepts = build_view(kg.store, focus="IGF", depth=2, concepts=True)
    assert "https://w3id.org/igkg/concept/verification/verified" in through_concepts.nodes
    assert not any(n.cls == "concept" for n in view.nodes.values())
    paragraphs = [n for n in view.nodes.values() if n.cls == "paragraph"]
    assert len(paragraphs) < 30 < len([n for n in through_concepts.nodes.values() if n.cls == "paragraph"])
    assert "https://w3id.org/igkg/id/instrument/tunis-agenda/para-72-g" in view.nodes
    # The next ring travels with the view for expanding, and is not drawn.
    ring = build_view(kg.store, focus="IGF", depth=1, reserve=True)
    assert ring.reserve and not set(ring.reserve) & set(ring.nodes)
    assert set(ring.reserve) <= set(view.nodes)
    assert all(e.source in ring.reserve or e.target in ring.reserve for e in ring.reserve_edges)
    # A concept in focus is drawn with what points at it.
    verified = build_view(kg.store, focus="verif:verified", depth=1)
    assert verified.nodes["https://w3id.org/igkg/concept/verification/verified"].cls == "concept"


def test_classes_keep_only_those_classes(kg: igkg.KnowledgeGraph) -> None:
    view = build_view(kg.store, classes=["recommendation,paragraph"])
    assert {n.cls for n in view.nodes.values()} == {"recommendation", "paragraph"}
    assert len([n for n in view.nodes.values() if n.cls == "recommendation"]) == len(kg.query("recommendations"))
    assert all(e.source in view.nodes and e.target in view.nodes for e in view.edges)
    with pytest.raises(ParameterError, match="unknown class 'instruments'"):
        parse_classes(["instruments"])
    assert parse_classes(["Stakeholder group", "concept,paragraph"]) == ["stakeholder-group", "concept", "paragraph"]


def test_construct_result_is_drawn(kg: igkg.KnowledgeGraph) -> None:
    result = kg.query("neighbourhood", node="ta:para-72", depth="1")
    assert isinstance(result, igkg.GraphResult)
    view = build_view(kg.store, result=result)
    link_triples = {(str(t.subject.value), t.predicate.value, str(t.object.value)) for t in result
                    if t.predicate.value != RDF_TYPE and not hasattr(t.object, "language")}
    assert {(e.source, e.predicate, e.target) for e in view.edges} <= link_triples
    assert "https://w3id.org/igkg/id/instrument/tunis-agenda/para-72-g" in view.nodes
    assert view.nodes["https://w3id.org/igkg/id/instrument/tunis-agenda/para-72-g"].look.label == "TA ¶72(g)"


def test_bad_requests_are_refused(kg: igkg.KnowledgeGraph) -> None:
    with pytest.raises(ParameterError, match="no resource is called"):
        build_view(kg.store, focus="Internet Governance Forun")
    with pytest.raises(InputError, match="more than 10 nodes"):
        build_view(kg.store, focus="IGF", depth=2, max_nodes=10)
    with pytest.raises(QueryError, match="SELECT query"):
        explorer_page(kg, query="recommendations")
    with pytest.raises(ParameterError, match="not both"):
        explorer_page(kg, focus="IGF", query="neighbourhood")


def test_layout_puts_rings_around_the_root() -> None:
    # A star of 40 leaves, a tail of two, and a separate pair.
    edges = [(0, i) for i in range(1, 41)] + [(1, 41), (41, 42), (43, 44)]
    positions = radial_layout(45, edges, root=0)
    assert len(positions) == 45 and len(set(positions)) == 45
    assert positions == radial_layout(45, edges, root=0)  # deterministic
    cx, cy = positions[0]
    ring = {round(math.hypot(x - cx, y - cy)) for x, y in positions[1:41]}
    assert len(ring) == 1  # the leaves share one ring
    r1 = ring.pop()
    assert r1 < math.hypot(positions[41][0] - cx, positions[41][1] - cy) < math.hypot(
        positions[42][0] - cx, positions[42][1] - cy)
    # Neighbours on a ring are at least the wanted spacing apart.
    step = 2 * math.pi * r1 / 40
    assert step >= 45
    assert radial_layout(0, []) == []
