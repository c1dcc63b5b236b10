"""``igkg attach-text``: a user's copy of an instrument matched to its paragraph nodes.

The instrument is synthetic (tests/data/attach/synthetic-accord.ttl, written for these tests: no
UN text); its copies are the text file, a PDF made with ReportLab (scripts/make_attach_fixtures.py)
and a Word file and a web page made here from the same text with python-docx and by hand.
Mismatched copies are the text with one thing changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

import igkg
from cli_support import RunCli
from igkg.errors import EXIT_MISMATCH, TextMismatch
from igkg.extractor.provisions import segment_provisions
from igkg.namespaces import text_graph
from igkg.results import ResultTable
from igkg.serve.app import create_app
from igkg.stores.oxigraph import OxigraphStore
from igkg.vocab import DCTERMS, IGKG, RDF
from paths import DATA

ATTACH = DATA / "attach"
ACCORD = ATTACH / "synthetic-accord.ttl"
RECOMMENDATION = ATTACH / "synthetic-recommendation.ttl"
TEXT = ATTACH / "synthetic-accord.txt"
PDF = ATTACH / "synthetic-accord.pdf"
SA = "https://w3id.org/igkg/id/instrument/synthetic-accord/"
GRAPH = text_graph("synthetic-accord")
PARTS = ["para-1", "para-2", "para-3", "para-3-a", "para-3-b", "para-3-c", "para-4", "para-5", "para-6",
         "para-6-i", "para-6-ii", "para-6-iii", "para-7", "para-8"]
WORDS_3B = "monitored by at least two operators who do not share a building;"
WORDS_4 = "Each operator keeps a log of outages and shares a summary with the other operators every quarter."
WORDS_5 = "An operator that leaves the accord hands its log to another operator before it goes."


@pytest.fixture(scope="module")
def graph() -> igkg.KnowledgeGraph:
    """The bundled graph with the synthetic accord and the recommendation citing it."""
    return igkg.load(data=[ACCORD, RECOMMENDATION])


def _texts(attached: object) -> dict[str, str]:
    texts = attached.texts  # type: ignore[attr-defined]
    assert isinstance(texts, dict)
    return {iri[len(SA):]: words for iri, words in texts.items()}


def _docx(path: Path, text: str, drop: str | None = None) -> Path:
    """A real Word file of the copy: headings in the Heading 2 style, one Word paragraph per
    numbered paragraph and per sub-item (the numbers typed, as in many official copies)."""
    import docx

    document = docx.Document()
    blocks = text.strip().split("\n\n")
    for line in blocks[0].splitlines():
        document.add_paragraph(line, style="Title" if line == blocks[0].splitlines()[0] else None)
    for block in blocks[1:]:
        lines = block.splitlines()
        if not re.match(r"\d+\. ", lines[0]):
            document.add_heading(" ".join(lines), level=2)
            continue
        opening = [line for line in lines if not line.startswith("(")]
        if drop is None or not opening[0].startswith(drop):
            document.add_paragraph(" ".join(opening))
            for line in lines:
                if line.startswith("("):
                    document.add_paragraph(line, style="List Paragraph")
    document.save(str(path))
    return path


def _html(path: Path, text: str) -> Path:
    blocks = text.strip().split("\n\n")
    body = [f"<h1>{blocks[0].splitlines()[0]}</h1>", f"<p>{' '.join(blocks[0].splitlines()[1:])}</p>"]
    for block in blocks[1:]:
        lines = block.splitlines()
        if not re.match(r"\d+\. ", lines[0]):
            body.append(f"<h2>{' '.join(lines)}</h2>")
            continue
        body.append(f"<p>{' '.join(line for line in lines if not line.startswith('('))}</p>")
        items = [line for line in lines if line.startswith("(")]
        if items:
            body.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Synthetic Accord</title></head>"
            "<body><nav><a href=\"/\">Home</a></nav><main>" + "\n".join(body) + "</main></body></html>")
    path.write_text(page, encoding="utf-8")
    return path


# --- cutting a text into paragraphs and sub-items ----------------------------------------------

def test_segmentation_reads_the_three_ways_of_writing_an_item_and_roman_numerals() -> None:
    text = ("Title\n\n1. Opening words:\n(a) first;\nb) second;\nc. third.\n\n"
            "2. Next:\n(i) one;\n(ii) two;\n(iii) three.\n\n3. Last.\n")
    found = segment_provisions(text, {1: ["a", "b", "c"], 2: ["i", "ii", "iii"], 3: []})
    assert [p.number for p in found.provisions] == [1, 2, 3]
    assert [p.labels for p in found.provisions] == [["a", "b", "c"], ["i", "ii", "iii"], []]
    assert found.provisions[0].items[1].text == "second;"
    assert found.provisions[0].text == "Opening words:\n(a) first;\n(b) second;\n(c) third."
    assert not found.problems


def test_numbers_that_only_look_like_paragraphs_stay_text() -> None:
    text = ("1. The summit of\n2005. was held in a city, as set out in paragraph\n3. of another text.\n\n"
            "2. A list:\n(a) with an item that has a nested list:\n(i) nested;\n(b) and a second item.\n")
    found = segment_provisions(text, {1: [], 2: ["a", "b"]})
    assert [p.number for p in found.provisions] == [1, 2]
    assert found.provisions[0].opening == ("The summit of 2005. was held in a city, as set out in paragraph 3. "
                                           "of another text.")
    assert found.provisions[1].labels == ["a", "b"]
    assert found.provisions[1].items[0].text == "with an item that has a nested list: (i) nested;"


def test_headings_end_a_paragraph_and_are_left_out() -> None:
    found = segment_provisions("1. Words.\n\nB. A heading\n\n2. More words.\n", None)
    assert [p.opening for p in found.provisions] == ["Words.", "More words."]


# --- a copy that fits ---------------------------------------------------------------------------

def test_a_text_copy_fills_every_paragraph_and_sub_item(graph: igkg.KnowledgeGraph) -> None:
    attached = igkg.attach_text(TEXT, "Synthetic Accord", graph=graph, read_on=date(2026, 12, 1))
    texts = _texts(attached)
    assert sorted(texts) == sorted(PARTS)
    assert texts["para-3-b"] == WORDS_3B
    assert texts["para-3"].splitlines()[0] == "The parties will maintain test networks that are:"
    assert texts["para-3"].splitlines()[2] == f"(b) {WORDS_3B}"
    assert texts["para-6-ii"] == "call a meeting when two outages happen in the same week;"
    assert "as set out in paragraph 3. of the notes" in texts["para-2"]  # a reference, not ¶3
    assert attached.paragraphs == 8 and attached.sub_items == 6
    assert attached.sha256 == hashlib.sha256(TEXT.read_bytes()).hexdigest()
    quads = attached.quads()
    assert {q.graph_name for q in quads} == {GRAPH}
    assert ox.Quad(GRAPH, RDF.type, IGKG.TextCopy, GRAPH) in quads
    assert ox.Quad(GRAPH, IGKG.sourceFile, ox.Literal("synthetic-accord.txt"), GRAPH) in quads
    assert ox.Quad(GRAPH, DCTERMS.created, ox.Literal("2026-12-01", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#date")), GRAPH) in quads


def test_pdf_word_and_web_copies_give_the_same_words_as_the_text(graph: igkg.KnowledgeGraph,
                                                                  tmp_path: Path) -> None:
    text = TEXT.read_text(encoding="utf-8")
    expected = _texts(igkg.attach_text(TEXT, "SARTN", graph=graph))
    for copy in (PDF, _docx(tmp_path / "accord.docx", text), _html(tmp_path / "accord.html", text)):
        attached = igkg.attach_text(copy, "TEST/ACC/2026/1", graph=graph)
        assert _texts(attached) == expected, copy.name
        assert attached.source == copy.name


def test_the_instrument_is_named_by_label_symbol_acronym_or_iri(graph: igkg.KnowledgeGraph) -> None:
    for name in ("Synthetic Accord on Resilient Test Networks", "TEST/ACC/2026/1", "sartn",
                 "https://w3id.org/igkg/id/instrument/synthetic-accord"):
        assert igkg.attach_text(TEXT, name, graph=graph).instrument == SA.rstrip("/")


# --- copies that do not fit: refused, one line per problem, nothing written --------------------

def _changed(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = TEXT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


MISMATCHES = [
    ("missing-paragraph.txt", f"5. {WORDS_5}\n", "", ["missing ¶5: the instrument has it, the text does not"]),
    ("extra-paragraph.txt", "8. This accord", "8. This accord takes effect.\n\n9. This accord",
     ["extra ¶9 (line 36): the text has it, the instrument does not"]),
    ("missing-sub-item.txt", f"(b) {WORDS_3B}\n", "", ["missing ¶3(b): the instrument has it, the text does not"]),
    ("extra-sub-item.txt", "(c) restored from a written plan within a working day.",
     "(c) restored from a written plan within a working day.\n(d) tested twice a year.",
     ["extra ¶3(d) (line 17): the text has it, the instrument does not"]),
    ("duplicated-number.txt", "5. An operator", "4. An operator",
     ["missing ¶5: the instrument has it, the text does not", "repeated ¶4 (line 23): numbered again, after ¶4"]),
    ("duplicated-sub-item.txt", "(iii) publish", "(ii) publish",
     ["missing ¶6(iii): the instrument has it, the text does not",
      "repeated ¶6(ii) (line 28): numbered again, after ¶6(ii)"]),
    ("number-seen-before.txt", "7. The parties review", "3. The parties review",
     ["missing ¶7: the instrument has it, the text does not", "repeated ¶3 (line 32): numbered again, after ¶6"]),
]


@pytest.mark.parametrize(("name", "old", "new", "problems"), MISMATCHES, ids=[m[0] for m in MISMATCHES])
def test_a_copy_whose_numbering_does_not_fit_is_refused_and_nothing_is_written(
        run_cli: RunCli, tmp_path: Path, name: str, old: str, new: str, problems: list[str]) -> None:
    copy = _changed(tmp_path, name, old, new)
    folder, output = tmp_path / "mydata", tmp_path / "out.ttl"
    result = run_cli("attach-text", copy, "--instrument", "Synthetic Accord", "--data", ACCORD,
                     "--into", folder, "-o", output)
    assert result.code == EXIT_MISMATCH == 5
    lines = result.err.splitlines()
    assert lines[:-1] == [f"{name}: {p}" for p in problems]
    assert lines[-1].startswith(f"igkg: error: {copy}: the numbering does not fit Synthetic Accord on Resilient")
    assert lines[-1].endswith("nothing was written") and "Traceback" not in result.err
    assert not folder.exists() and not output.exists() and result.out == ""


def test_a_paragraph_out_of_order_is_reported_as_such(graph: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    text = TEXT.read_text(encoding="utf-8")
    four, five = re.search(r"4\. Each.*?quarter\.\n", text, re.S), re.search(r"5\. An operator.*?goes\.\n", text)
    assert four is not None and five is not None
    swapped = text.replace(four.group(0), "@@").replace(five.group(0), four.group(0)).replace("@@", five.group(0))
    (tmp_path / "swapped.txt").write_text(swapped, encoding="utf-8")
    with pytest.raises(TextMismatch) as refused:
        igkg.attach_text(tmp_path / "swapped.txt", "SARTN", graph=graph)
    assert refused.value.problems == ["swapped.txt: out of order ¶4 (line 22): comes after ¶5"]


def test_a_word_copy_without_a_paragraph_is_refused(graph: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    copy = _docx(tmp_path / "short.docx", TEXT.read_text(encoding="utf-8"), drop="7. ")
    with pytest.raises(TextMismatch) as refused:
        igkg.attach_text(copy, "SARTN", graph=graph)
    assert refused.value.problems == ["short.docx: missing ¶7: the instrument has it, the text does not"]


def test_only_known_leaves_out_the_paragraphs_the_graph_lacks(graph: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    copy = _changed(tmp_path, "longer.txt", "8. This accord", "8. This accord takes effect.\n\n9. This accord")
    attached = igkg.attach_text(copy, "SARTN", graph=graph, only_known=True)
    assert attached.left_out == ["¶9"] and sorted(_texts(attached)) == sorted(PARTS)
    assert any("left out" in t.object.value for t in attached.triples() if isinstance(t.object, ox.Literal))


def test_bad_requests_are_one_line_errors(run_cli: RunCli, tmp_path: Path) -> None:
    unknown = run_cli("attach-text", TEXT, "-i", "Synthetic Acord", "--data", ACCORD)
    assert unknown.code == 2 and unknown.err.count("\n") == 1 and "did you mean 'Synthetic Accord'" in unknown.err
    nothing = run_cli("attach-text", TEXT, "-i", "A/RES/70/125")
    assert nothing.code == 5  # a resolution of the bundled data: its numbering is not the accord's
    missing = run_cli("attach-text", tmp_path / "none.txt", "-i", "SARTN", "--data", ACCORD)
    assert missing.code == 2 and missing.err.count("\n") == 1
    (tmp_path / "prose.txt").write_text("Words without any numbered paragraph.\n", encoding="utf-8")
    prose = run_cli("attach-text", tmp_path / "prose.txt", "-i", "SARTN", "--data", ACCORD)
    assert prose.code == 2 and "no numbered paragraphs found" in prose.err


# --- written into the data folder, read back, shown --------------------------------------------

@pytest.fixture(scope="module")
def attached_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy written into a data folder with the command line (``--into``)."""
    from igkg.cli import main

    folder = tmp_path_factory.mktemp("mydata")
    assert main(["attach-text", str(PDF), "--instrument", "Synthetic Accord", "--data", str(ACCORD),
                 "--into", str(folder)]) == 0
    return folder / "synthetic-accord-text.ttl"


@pytest.fixture(scope="module")
def with_words(attached_file: Path) -> Iterator[igkg.KnowledgeGraph]:
    yield igkg.load(data=[ACCORD, RECOMMENDATION, attached_file])


def test_the_copy_goes_into_a_named_graph_of_its_own(with_words: igkg.KnowledgeGraph, attached_file: Path,
                                                     run_cli: RunCli) -> None:
    assert GRAPH.value in with_words.graphs()
    rows = with_words.sparql(f"SELECT ?s ?w WHERE {{ GRAPH <{GRAPH.value}> {{ ?s igkg:provisionText ?w }} }}")
    assert isinstance(rows, ResultTable) and len(rows) == len(PARTS)
    copy = with_words.sparql("SELECT ?file ?hash ?date WHERE { ?c a igkg:TextCopy ; igkg:sourceFile ?file ; "
                             "igkg:sha256 ?hash ; dcterms:created ?date }")
    assert isinstance(copy, ResultTable)
    assert [(r["file"], r["hash"]) for r in copy] == [("synthetic-accord.pdf",
                                                       hashlib.sha256(PDF.read_bytes()).hexdigest())]
    assert with_words.validate().conforms
    trig = with_words.export("trig").decode("utf-8")
    assert f"<{GRAPH.value}> {{" in trig
    again = run_cli("attach-text", TEXT, "-i", "SARTN", "--data", ACCORD, "--into", attached_file.parent,
                    "-f", "json", "-o", attached_file.parent / "report.json")
    assert again.code == 0 and f"wrote {attached_file}" in again.err  # the earlier copy replaced
    assert json.loads((attached_file.parent / "report.json").read_text())["source"] == "synthetic-accord.txt"


def test_citation_claims_shows_the_words_once_attached(graph: igkg.KnowledgeGraph,
                                                        with_words: igkg.KnowledgeGraph) -> None:
    def claims(kg: igkg.KnowledgeGraph) -> dict[str, tuple[str, object]]:
        rows = kg.query("citation-claims")
        assert isinstance(rows, ResultTable)
        return {r["paragraph"][len(SA):]: (r["difference"], r["words"]) for r in rows
                if str(r["paragraph"]).startswith(SA)}

    assert claims(graph) == {"para-4": ("about it, but not cited", None), "para-5": ("cited, but not about it", None)}
    assert claims(with_words) == {"para-4": ("about it, but not cited", WORDS_4),
                                  "para-5": ("cited, but not about it", WORDS_5)}


def test_resource_pages_and_the_explorer_show_the_words(graph: igkg.KnowledgeGraph,
                                                         with_words: igkg.KnowledgeGraph) -> None:
    assert isinstance(with_words.store, OxigraphStore) and isinstance(graph.store, OxigraphStore)
    with TestClient(create_app(with_words.store)) as client:
        page = client.get("/resource", params={"iri": SA + "para-3-b"}).text
        assert "<h2>Words</h2>" in page and WORDS_3B in page and "synthetic-accord.pdf, read on " in page
        rec = client.get("/resource", params={"iri": "https://w3id.org/igkg/id/doc/synthetic-desk-review/rec-1"})
        assert WORDS_5 in rec.text
    with TestClient(create_app(graph.store)) as client:
        page = client.get("/resource", params={"iri": SA + "para-3-b"}).text
        assert "<h2>Words</h2>" not in page and WORDS_3B not in page
    explorer = with_words.visualize(SA + "para-4").html
    assert WORDS_4 in explorer and '["provision text",["' + WORDS_4 in explorer  # a fact of the details panel
    assert WORDS_4 not in graph.visualize(SA + "para-4").html


# --- the bundled instruments' numbering (synthetic words: never the instruments' own) ----------

def _synthetic_copy(path: Path, expected: dict[int, list[str]], numbers: range,
                    unmodelled: dict[int, list[str]] | None = None) -> Path:
    lines = ["A synthetic copy written for a test", ""]
    for number in numbers:
        lines += [f"{number}. Synthetic words standing for paragraph {number}:"]
        for label in expected.get(number) or (unmodelled or {}).get(number, []):
            lines.append(f"({label}) synthetic words for item {label} of paragraph {number};")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_the_tunis_agenda_numbering_is_filled_by_a_copy_that_follows_it(kg: igkg.KnowledgeGraph,
                                                                         tmp_path: Path) -> None:
    from igkg.extractor.attach import instrument_parts

    tunis = ox.NamedNode("https://w3id.org/igkg/id/instrument/tunis-agenda")
    parts = instrument_parts(kg, tunis)
    assert sorted(parts.paragraphs) == list(range(1, 123))
    copy = _synthetic_copy(tmp_path / "tunis-agenda.txt", parts.expected(), range(1, 123), {102: ["a", "b", "c"]})
    attached = igkg.attach_text(copy, "Tunis Agenda", graph=kg)
    assert len(attached.texts) == 122 + parts.sub_items and parts.items[72] and len(parts.items[72]) == 12
    assert attached.texts["https://w3id.org/igkg/id/instrument/tunis-agenda/para-72-g"] == \
        "synthetic words for item g of paragraph 72;"
    assert attached.unmodelled_items == ["¶102(a)-(c)"]  # igkg:subItemsNotModelled: kept in ¶102's words


def test_an_instrument_modelled_in_part_takes_only_known(kg: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    copy = _synthetic_copy(tmp_path / "geneva.txt", {49: ["a", "b", "c", "d", "e"]}, range(1, 68))
    with pytest.raises(TextMismatch) as refused:
        igkg.attach_text(copy, "Geneva Declaration of Principles", graph=kg)
    assert len(refused.value.problems) > 50 and "extra ¶1 (line 3)" in refused.value.problems[0]
    attached = igkg.attach_text(copy, "Geneva Declaration of Principles", graph=kg, only_known=True)
    known = sorted(iri.rsplit("/", 1)[-1] for iri in attached.texts)
    assert [k for k in known if "-" not in k.removeprefix("para-")] == ["para-37", "para-48", "para-49", "para-50"]
    assert len(attached.left_out) == 67 - 4


def test_igkg_serve_with_the_attached_file_shows_the_words(attached_file: Path) -> None:
    """End to end: the file attach-text wrote, given to a real `igkg serve` process with --data."""
    import urllib.parse
    import urllib.request

    from serve_support import start_server, stop_server

    server = start_server("--data", str(ACCORD), "--data", str(RECOMMENDATION), "--data", str(attached_file))
    try:
        url = server.url + "resource?" + urllib.parse.urlencode({"iri": SA + "para-4"})
        with urllib.request.urlopen(url, timeout=30) as answer:
            page = answer.read().decode("utf-8")
        assert "<h2>Words</h2>" in page and WORDS_4 in page
        query = urllib.parse.urlencode({"query": f"SELECT ?w WHERE {{ <{SA}para-5> igkg:provisionText ?w }}"})
        request = urllib.request.Request(server.sparql + "?" + query, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.read().decode("utf-8").splitlines() == ["w", WORDS_5]
        with urllib.request.urlopen(server.url + "queries/citation-claims.csv", timeout=60) as answer:
            claims = answer.read().decode("utf-8")
        assert WORDS_4 in claims and WORDS_5 in claims
    finally:
        stop_server(server)
