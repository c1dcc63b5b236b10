"""The structure of extracted real layouts in RDF: sections, preambular / operative paragraphs,
sub-items and footnotes; the documents validate, and every named query runs on them."""

from __future__ import annotations

import pytest

import igkg
from extract_support import EXTRACT_DATA
from igkg.queries.library import library

DOCUMENTS = ["cstd-draft-resolution.txt", "outcome-we-paragraphs.md", "pdf-copy-resolution.txt"]
DOC = "https://w3id.org/igkg/id/doc/"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> igkg.KnowledgeGraph:
    folder = tmp_path_factory.mktemp("structure")
    files = []
    for name in DOCUMENTS:
        document = igkg.extract(EXTRACT_DATA / name)
        path = folder / f"{document.slug}.ttl"
        path.write_bytes(document.serialize("ttl"))
        files.append(path)
    return igkg.load(data=files)


def _rows(kg: igkg.KnowledgeGraph, query: str) -> list[dict[str, object]]:
    result = kg.sparql(query)
    assert isinstance(result, igkg.ResultTable)
    return result.to_dicts()


def test_the_documents_conform_to_the_shapes(graph: igkg.KnowledgeGraph) -> None:
    report = graph.validate()
    assert report.conforms, report.text()


def test_sections_and_the_units_in_them(graph: igkg.KnowledgeGraph) -> None:
    rows = _rows(
        graph,
        f"""SELECT ?position ?label ?number WHERE {{
        ?rec eli:is_part_of <{DOC}outcome-we-paragraphs> ; igkg:position ?position ; igkg:inDocumentSection ?s .
        ?s a igkg:DocumentSection ; skos:prefLabel ?label ; eli:number ?number }} ORDER BY ?position""",
    )
    assert (rows[7]["position"], rows[7]["label"], rows[7]["number"]) == (8, "Enhanced cooperation", "3.2")
    assert len(rows) == 13


def test_preambular_and_operative_paragraphs(graph: igkg.KnowledgeGraph) -> None:
    rows = _rows(
        graph,
        f"""SELECT ?kind (COUNT(?rec) AS ?n) WHERE {{
        ?rec eli:is_part_of <{DOC}cstd-draft-resolution> ; igkg:paragraphKind ?kind }} GROUP BY ?kind""",
    )
    counts = {str(r["kind"]).rsplit("/", 1)[-1]: r["n"] for r in rows}
    assert counts == {"preambular": 11, "operative": 12}


def test_sub_items_belong_to_their_paragraph(graph: igkg.KnowledgeGraph) -> None:
    rows = _rows(
        graph,
        f"""SELECT ?number ?letter WHERE {{
        ?item a igkg:RecommendationSubItem ; eli:is_part_of ?rec ; eli:number ?letter .
        ?rec eli:is_part_of <{DOC}cstd-draft-resolution> ; eli:number ?number }} ORDER BY ?number ?letter""",
    )
    assert [(r["number"], r["letter"]) for r in rows] == [("3", "a"), ("3", "b"), ("3", "c"), ("8", "a"), ("8", "b")]


def test_a_citation_in_a_footnote_is_the_footnotes(graph: igkg.KnowledgeGraph) -> None:
    rows = _rows(
        graph,
        f"""SELECT ?marker ?provision ?carrier WHERE {{
        ?note a igkg:Footnote ; eli:is_part_of <{DOC}pdf-copy-resolution> ; eli:number ?marker ; eli:cites ?provision .
        OPTIONAL {{ ?carrier igkg:hasFootnote ?note }} }}""",
    )
    cited = {(r["marker"], str(r["provision"]).split("/instrument/")[1]) for r in rows}
    assert cited == {
        ("5", "ecosoc-res-2010-2/para-30"),
        ("5", "a-res-67-195/para-20"),
        ("6", "cstd-wg-igf-improvements-report"),  # "A/67/65-E/2012/48.": the report's symbol
    }
    assert {str(r["carrier"]).rsplit("/", 1)[-1] for r in rows} == {"rec-6", "rec-11"}


def test_every_named_query_runs(graph: igkg.KnowledgeGraph) -> None:
    for query in library().values():
        params = {p.name: p.example for p in query.parameters if p.example}
        assert graph.query(query.name, **params) is not None, query.name
    strongest = graph.query("verb-strength")
    assert isinstance(strongest, igkg.ResultTable)
    assert any("recognizes" in str(r["verbs"]) for r in strongest.to_dicts())
    addressed = graph.query("addressed-to", agent="CSTD")
    assert isinstance(addressed, igkg.ResultTable)
    assert any(str(r["recommendation"]).endswith("outcome-we-paragraphs/rec-8") for r in addressed.to_dicts())


def test_the_json_keeps_footnote_citations_apart() -> None:
    data = igkg.extract(EXTRACT_DATA / "pdf-copy-resolution.txt").to_dict()
    unit = next(r for r in data["recommendations"] if r["footnotes"] == ["5"])
    assert unit["references"] == []
    note = next(f for f in data["footnotes"] if f["marker"] == "5")
    assert {(r["instrument"]["iri"].rsplit("/", 1)[-1], r["paragraph"]) for r in note["references"]} == {
        ("ecosoc-res-2010-2", "30"),
        ("a-res-67-195", "20"),
    }
