"""The hand-modelled seed document: what the gold standard must contain."""

from __future__ import annotations

import re

import pyoxigraph as ox

import igkg
from paths import SEED_RECOMMENDATIONS, SEED_TEXT

W = "https://w3id.org/igkg/id/doc/wgec-second-take/"
TA = "https://w3id.org/igkg/id/instrument/tunis-agenda/"
GD = "https://w3id.org/igkg/id/instrument/geneva-declaration/"


def _select(kg: igkg.KnowledgeGraph, text: str) -> igkg.ResultTable:
    result = kg.sparql(text)
    assert isinstance(result, igkg.ResultTable)
    return result


def test_seed_has_14_recommendations_in_order(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("recommendations")
    assert isinstance(rows, igkg.ResultTable)
    seed = [r for r in rows if r["document"].endswith("/doc/wgec-second-take")]
    assert [r["position"] for r in seed] == list(range(1, 15))
    assert seed[3]["text"].startswith("Acknowledges that Enhanced Cooperation is well underway")
    assert seed[13]["actions"] == "reinforces, encourages"


def test_every_text_is_verbatim_from_the_source(kg: igkg.KnowledgeGraph) -> None:
    source = " ".join(SEED_TEXT.read_text(encoding="utf-8").split())
    texts = _select(kg, "SELECT ?t WHERE { ?r eli:is_part_of doc:wgec-second-take ; igkg:text ?t }")
    assert len(texts) == SEED_RECOMMENDATIONS
    for text in texts.column("t"):
        assert text in source, text


def test_bullet_4_keeps_the_range_as_written_and_resolves_nine_paragraphs(kg: igkg.KnowledgeGraph) -> None:
    rows = _select(kg, f"""SELECT ?written ?p WHERE {{
        <{W}rec-4> igkg:qualifiedCitation ?c . ?c igkg:asWritten ?written ; igkg:citedProvision ?p }}""")
    assert set(rows.column("written")) == {"Tunis Agenda paragraphs 67 through 75"}
    assert sorted(rows.column("p")) == sorted(f"{TA}para-{n}" for n in range(67, 76))
    cites = _select(kg, f"SELECT ?p WHERE {{ <{W}rec-4> eli:cites ?p }}")
    assert len(cites) == 9


def test_bullets_2_8_10_cite_what_the_issue_asks(kg: igkg.KnowledgeGraph) -> None:
    def cited(position: int) -> set[str]:
        return set(_select(kg, f"SELECT ?x WHERE {{ <{W}rec-{position}> eli:cites ?x }}").column("x"))

    assert cited(2) == {f"{TA}para-35", f"{GD}para-49"}
    assert cited(8) == {f"{TA}para-{n}" for n in range(72, 79)}  # the IGF's mandate, ¶72-78 (A/RES/70/125 ¶63)
    assert cited(10) == {"https://w3id.org/igkg/id/instrument/cstd-wg-igf-improvements-report"}
    assert cited(1) == {"https://w3id.org/igkg/id/instrument/tunis-agenda"}


def test_inferred_citations_say_so(kg: igkg.KnowledgeGraph) -> None:
    rows = _select(kg, """SELECT ?c ?note WHERE {
        ?c igkg:resolution cres:inferred ; skos:editorialNote ?note .
        ?r igkg:qualifiedCitation ?c ; eli:is_part_of doc:wgec-second-take }""")
    assert len(rows) == 3  # bullet 2 (two citations) and bullet 8


def test_bullet_14_has_two_actions_and_only_the_second_has_an_addressee(kg: igkg.KnowledgeGraph) -> None:
    rows = _select(kg, f"""SELECT ?pos ?verb ?who WHERE {{
        <{W}rec-14> igkg:hasAction ?a . ?a igkg:actionPosition ?pos ; igkg:verb ?verb .
        OPTIONAL {{ ?a igkg:addressee ?who }} }} ORDER BY ?pos""")
    assert [(r["verb"].rsplit("/", 1)[-1], r.get("who")) for r in rows] == [
        ("reinforces", None),
        ("encourages", "https://w3id.org/igkg/id/actor/all-stakeholders"),
    ]


def test_every_linked_resource_exists_in_the_reference_data(kg: igkg.KnowledgeGraph) -> None:
    """No dangling links: every object the seed points to has a type somewhere in the graph."""
    rows = _select(kg, """SELECT DISTINCT ?o WHERE {
        ?s ?p ?o . FILTER (isIRI(?o) && STRSTARTS(STR(?s), "https://w3id.org/igkg/id/doc/"))
        FILTER (?p != igkg:sourceFile && ?p != rdf:type && ?p != prov:used)
        FILTER NOT EXISTS { ?o a ?type } }""")
    assert rows.column("o") == []


def test_verbs_as_written_match_the_text(kg: igkg.KnowledgeGraph) -> None:
    rows = _select(kg, """SELECT ?text ?written WHERE {
        ?r eli:is_part_of doc:wgec-second-take ; igkg:text ?text ; igkg:hasAction/igkg:verbAsWritten ?written }""")
    for row in rows:
        assert re.search(rf"\b{re.escape(row['written'])}\b", row["text"]), row


def test_bundled_graph_counts(kg: igkg.KnowledgeGraph) -> None:
    counts = dict(kg.stats().classes)
    ns = "https://w3id.org/igkg/ontology#"
    assert counts[ns + "Recommendation"] >= SEED_RECOMMENDATIONS
    assert counts[ns + "Paragraph"] >= 122 + 4  # every TA paragraph, GD 37 and 48-50
    assert counts.get("http://www.w3.org/ns/org#Organization", 0) >= 30
    assert counts[ns + "StakeholderGroup"] >= 6
    assert ox.NamedNode(TA + "para-122")  # the IRI is well-formed
