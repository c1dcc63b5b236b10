"""An extracted document in the graph: found by the named queries, valid against the shapes,
with evidence (Web Annotation selectors, PROV) for every link."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import CliResult
from extract_rdf_reference import reference_triples
from extract_support import EXTRACT_DATA, SEED_TEXT, gold_documents
from igkg.vocab import XSD

DOC = "https://w3id.org/igkg/id/doc/two-verbs-all-references"
TEXT = EXTRACT_DATA / "two-verbs-all-references.txt"


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test document written with --into a temporary data folder."""
    from igkg.cli import main

    folder = tmp_path_factory.mktemp("data") / "recommendations"
    assert main(["extract", str(TEXT), "--into", str(folder), "--quiet"]) == 0
    return folder / "two-verbs-all-references.ttl"


def test_into_writes_slug_ttl(added: Path) -> None:
    assert added.is_file()
    head = added.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# Enhanced cooperation: a contribution to the second WGEC: 9 recommendations")
    assert not list(added.parent.glob(".*.tmp"))


def test_found_by_citing_paragraph_addressed_to_and_mentions(added: Path, run_cli: Callable[..., CliResult]) -> None:
    def rows(*args: str) -> list[dict[str, str]]:
        result = run_cli("query", *args, "--data", added, "--format", "json")
        assert result.code == 0, result.err
        bindings = json.loads(result.out)["results"]["bindings"]
        return [{k: v["value"] for k, v in b.items()} for b in bindings if b["document"]["value"] == DOC]

    cited = rows("citing-paragraph", "-p", "instrument=Tunis Agenda", "-p", "paragraph=72(g)")
    assert [r["position"] for r in cited] == ["6"]
    assert cited[0]["asWritten"] == "para 72(g) of the Tunis Agenda"
    seventy = rows("citing-paragraph", "-p", "instrument=Tunis Agenda", "-p", "paragraph=70")
    assert sorted(int(r["position"]) for r in seventy) == [2, 3, 8]
    addressed = rows("addressed-to", "-p", "agent=CSTD")
    assert [(r["position"], r["verb"]) for r in addressed] == [("3", "encourages")]
    mentioned = rows("mentions", "-p", "agent=UNESCO")
    assert [r["position"] for r in mentioned] == ["9"]


def test_passes_validation(added: Path, run_cli: Callable[..., CliResult]) -> None:
    assert igkg.load(data=[added]).validate().conforms
    result = run_cli("validate", "--data", added)
    assert result.code == 0 and result.out.startswith("Conforms"), result.out


def test_seed_extraction_also_validates_next_to_the_gold(tmp_path: Path) -> None:
    path = tmp_path / "seed.ttl"
    path.write_bytes(igkg.extract(SEED_TEXT).serialize("ttl"))
    kg = igkg.load(data=[path])
    report = kg.validate()
    assert report.conforms, report.text()
    rows = kg.query("citing-paragraph", instrument="Geneva Declaration", paragraph="49")
    assert sorted(r["document"].rsplit("/", 1)[-1] for r in rows) == ["seed-wgec-second-take", "wgec-second-take"]


def test_refuses_to_overwrite_without_force(added: Path, run_cli: Callable[..., CliResult]) -> None:
    before = added.read_bytes()
    result = run_cli("extract", TEXT, "--into", added.parent)
    assert result.code == 2 and f"{added}: already exists" in result.err
    taken = run_cli("extract", SEED_TEXT, "--into", added.parent, "--slug", "wgec-second-take")
    assert taken.code == 2
    assert "https://w3id.org/igkg/id/doc/wgec-second-take is already in the graph" in taken.err
    assert not (added.parent / "wgec-second-take.ttl").exists()
    forced = run_cli("extract", TEXT, "--into", added.parent, "--force", "--quiet")
    assert forced.code == 0 and added.read_bytes() == before  # same text, same triples


def test_every_link_has_evidence_with_its_words_and_the_extractor_version(added: Path) -> None:
    kg = igkg.load(data=[added])
    source = TEXT.read_text(encoding="utf-8")
    spans = kg.sparql(f"""SELECT ?s ?p ?o ?start ?end ?exact ?version WHERE {{
        ?a a oa:Annotation ; oa:hasBody ?st ; oa:hasTarget ?t ; prov:wasGeneratedBy ?run .
        ?run a igkg:Extraction ; igkg:extractorVersion ?version .
        ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        ?t oa:hasSource ?src ; oa:hasSelector ?pos , ?quote .
        ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
        FILTER (STRSTARTS(STR(?a), "{DOC}/")) }}""")
    assert isinstance(spans, igkg.ResultTable) and len(spans) > 50
    for row in spans:
        assert source[row["start"] : row["end"]] == row["exact"], row
        assert row["version"] == f"igkg {igkg.__version__}"
    evidenced = {(r["s"], r["p"], r["o"]) for r in spans}
    links = kg.sparql(f"""SELECT ?s ?p ?o WHERE {{
        {{ ?s eli:is_part_of <{DOC}> ; ?p ?o . VALUES ?p {{ igkg:mentions eli:cites dcterms:subject eli:is_part_of }} }}
        UNION {{ ?r eli:is_part_of <{DOC}> ; igkg:hasAction ?s . ?s ?p ?o . VALUES ?p {{ igkg:verb igkg:addressee }} }}
    }}""")
    assert isinstance(links, igkg.ResultTable) and len(links) > 40
    missing = [(r["s"], r["p"], r["o"]) for r in links if (r["s"], r["p"], r["o"]) not in evidenced]
    assert missing == []


def test_formats_hold_the_same_triples(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    counts = {}
    for fmt in ("ttl", "jsonld", "nt"):
        out = tmp_path / f"doc.{fmt}"
        result = run_cli("extract", TEXT, "--format", fmt, "-o", out, "--quiet")
        assert result.code == 0 and result.out == ""
        syntax = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}[fmt]
        counts[fmt] = len(list(ox.parse(path=out, format=syntax)))
    assert counts["ttl"] == counts["jsonld"] == counts["nt"] == len(igkg.extract(TEXT).to_graph())


# quotation marks, a backslash and Windows line ends inside the words and contexts of the evidence
AWKWARD = 'Quotes\r\n\r\n- Encourages the "IGF" to act on C:\\drafts\\x.\r\n- Invites the ITU to say "yes".\r\n'


@pytest.mark.parametrize(
    "source", [*[text for text, _gold in gold_documents()], None], ids=lambda p: p.name if p else "awkward"
)
def test_turtle_is_the_same_graph_as_the_triples(source: Path | None, kg: igkg.KnowledgeGraph) -> None:
    """The evidence annotations are written to Turtle from a template of their own: the Turtle
    must parse to exactly the triples ``to_graph`` gives (and N-Triples hold)."""
    document = igkg.extract(text=AWKWARD, graph=kg) if source is None else igkg.extract(source, graph=kg)
    triples = document.to_graph()
    turtle = {q.triple for q in ox.parse(document.serialize("ttl"), format=ox.RdfFormat.TURTLE)}
    assert turtle == set(triples) and len(triples) == len(set(triples))
    if source is None:  # the contexts of the evidence hold every character Turtle must escape
        words = [t.object.value for t in triples if isinstance(t.object, ox.Literal)]
        assert all(any(char in w for w in words) for char in ('"', "\\", "\r", "\n"))


@pytest.mark.parametrize(
    "source", [*[text for text, _gold in gold_documents()], SEED_TEXT, None], ids=lambda p: p.name if p else "awkward"
)
def test_triples_are_the_reference_writers(source: Path | None, kg: igkg.KnowledgeGraph) -> None:
    """The document's RDF is written from strings (``igkg.extractor.turtle_text``): its triples
    are exactly, in the same order, those of the triple-by-triple writer it replaced
    (``tests/extract_rdf_reference.py``), and its Turtle holds them all."""
    document = igkg.extract(text=AWKWARD, graph=kg) if source is None else igkg.extract(source, graph=kg)
    reference = reference_triples(document)
    assert document.to_graph() == reference
    assert {q.triple for q in ox.parse(document.serialize("ttl"), format=ox.RdfFormat.TURTLE)} == set(reference)


def test_added_triples_of_every_kind_are_written(kg: igkg.KnowledgeGraph) -> None:
    """Triples another step adds (the revision record of ``--version-of``) hold terms of any
    kind: dates, integers, strings with quotes, other languages, IRIs with no prefix, a blank
    node; the Turtle carries each, and a duplicate of the document's own triples once."""
    document = igkg.extract(TEXT, graph=kg)
    doc = ox.NamedNode(document.iri)
    added = [
        ox.Triple(doc, ox.NamedNode("http://purl.org/dc/terms/date"), ox.Literal("2026-12-01", datatype=XSD.date)),
        ox.Triple(doc, ox.NamedNode("https://example.org/count"), ox.Literal("007", datatype=XSD.integer)),
        ox.Triple(doc, ox.NamedNode("https://example.org/said"), ox.Literal('"Oui"\n', language="fr")),
        ox.Triple(doc, ox.NamedNode("https://example.org/-odd"), ox.Literal("x\\y")),
        ox.Triple(ox.BlankNode("b1"), ox.NamedNode("https://example.org/of"), doc),
        document.to_graph()[0],
    ]
    document.extra_triples.extend(added)
    triples = document.to_graph()
    assert triples == reference_triples(document) and len(triples) == len(set(triples))
    turtle = [q.triple for q in ox.parse(document.serialize("ttl"), format=ox.RdfFormat.TURTLE)]
    assert len(turtle) == len(triples)
    assert set(added[:4]) <= set(turtle)
    assert any(t.object == doc and isinstance(t.subject, ox.BlankNode) for t in turtle)


PONDERS = "A draft\n\n- Encourages the IGF to act.\n- Ponders the role of the ITU, and urges the CSTD to report.\n"


def test_warnings_go_to_stderr_and_quiet_silences_them(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    text = tmp_path / "ponders.txt"
    text.write_text(PONDERS, encoding="utf-8")
    loud = run_cli("extract", text)
    assert loud.code == 0
    assert f"igkg: warning: {text}: recommendation 2 opens with 'Ponders'" in loud.err
    assert json.loads(loud.out)["unknown_verbs"] == [{"position": 2, "as_written": "Ponders"}]
    assert run_cli("extract", text, "-q").err == ""


def test_a_document_that_would_not_conform_is_not_added(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """A bullet whose only verb is not in the scheme has no action, which the shapes forbid:
    --into refuses to put such a document where the graph's data lives, unless --force."""
    text = tmp_path / "ponders.txt"
    text.write_text("A draft\n\n- Encourages the IGF to act.\n- Ponders the role of the ITU.\n", encoding="utf-8")
    folder = tmp_path / "recommendations"
    refused = run_cli("extract", text, "--into", folder, "--quiet")
    assert refused.code == 1
    assert "not written: the document does not conform to the shapes" in refused.err
    assert "operative action" in refused.err  # the shapes' own message, from the report
    assert not folder.exists() or not any(folder.iterdir())
    forced = run_cli("extract", text, "--into", folder, "--quiet", "--force")
    assert forced.code == 0 and (folder / "ponders.ttl").is_file()
    assert run_cli("validate", folder / "ponders.ttl").code == 1


def test_the_warning_says_when_a_later_verb_became_the_action(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    text = tmp_path / "ponders.txt"
    text.write_text(PONDERS, encoding="utf-8")
    loud = run_cli("extract", text)
    assert "recommendation 2 opens with 'Ponders', which is not an operative verb of the scheme" in loud.err
    assert "only its later verb became actions" in loud.err


def test_into_validates_with_the_data_files_the_extraction_used(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    """An addressee known only from a --data file is an agent of the graph the user works with:
    --into must validate the document with that file, not against the bundled graph alone."""
    org = tmp_path / "org.ttl"
    org.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix org: <http://www.w3.org/ns/org#> .\n"
        '<https://example.org/drw> a org:Organization ; skos:prefLabel "Digital Rights Watch"@en .\n',
        encoding="utf-8",
    )
    text = tmp_path / "drw.txt"
    text.write_text("A draft\n\n- Invites Digital Rights Watch to report.\n", encoding="utf-8")
    result = run_cli("extract", text, "--data", org, "--into", tmp_path / "recs", "--quiet")
    assert result.code == 0, result.err
    assert (tmp_path / "recs" / "drw.ttl").is_file()
