"""The page-layout clean-up before segmentation: each step on its own, then `prepare` on a text
copied out of a PDF, and the promise that clean texts come out unchanged."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from igkg.extractor.footnotes import glued_markers, is_rule, note_start, note_text
from igkg.extractor.furniture import furniture_lines, is_job_line, is_page_number, line_key, running_keys
from igkg.extractor.hyphenation import COMPOUNDS, compounds_of, count_words, decide
from igkg.extractor.layout import PreparedText, prepare, split_pages
from igkg.extractor.prepared import markers_in
from igkg.extractor.reading import read_source
from paths import EXTRACT_DATA, SEED_TEXT

PDF_COPY = EXTRACT_DATA / "pdf-copy-resolution.txt"

# --- pages and furniture -------------------------------------------------------------------------


def test_pages_split_at_form_feeds() -> None:
    assert split_pages("a\fb\f") == [(0, 1), (2, 3), (4, 4)]
    assert split_pages("no pages") == [(0, 8)]


@pytest.mark.parametrize("line", ["7", "7/9", " 12 / 40 ", "- 7 -", "— 3 —", "Page 4 of 12", "page 4", "iv", "xii"])
def test_page_numbers(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["1.", "IV", "civil", "Page four", "72 (g)", "2027 Agenda"])
def test_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


@pytest.mark.parametrize("line", ["26-01234 (E)    110127", "2/4        26-01234", "26-01234       3/4", "*2601234*",
                                  "GE.26-04567  (E)"])
def test_job_number_lines(line: str) -> None:
    assert is_job_line(line)


def test_a_job_number_inside_text_is_not_a_job_line() -> None:
    assert not is_job_line("Reaffirms document 26-01234 (E) of the Assembly")
    assert not is_job_line("110127")


def test_running_headers_match_across_pages_modulo_numbers_and_sides() -> None:
    assert line_key("A/RES/81/999     Internet governance") == line_key("Internet governance     A/RES/81/999")
    assert line_key("Page 3 of 9") == line_key("Page 4 of 9")
    pages = [
        ["Masthead", "", "Recalling the first thing,", "", "Page 1 of 3"],
        ["Short title   E/2027/1", "", "Noting the second thing,", "", "Page 2 of 3"],
        ["E/2027/1   Short title", "", "1. Decides the third thing.", "", "Page 3 of 3"],
    ]
    running = running_keys(pages)
    assert line_key("Short title E/2027/1") in running and line_key("Page 1 of 3") in running
    assert line_key("Masthead") not in running and line_key("Recalling the first thing,") not in running
    assert [sorted(furniture_lines(lines, running)) for lines in pages] == [[4], [0, 4], [0, 4]]


def test_a_running_header_is_removed_once_per_page_and_only_at_the_edges() -> None:
    header = "Joint input to the review"
    pages = [[header, "March 2028", header, "Body text that repeats the title."], [header, "March 2028", "Body."]]
    running = running_keys(pages)
    assert sorted(furniture_lines(pages[0], running)) == [0, 1]  # the title below the header stays
    middle = ["Recalling the first thing,", "", "7", "", "Recalling the second,", "Noting the third,",
              "Noting the fourth,", "Noting the fifth,", "Noting the sixth,"]
    assert furniture_lines(middle, set()) == set()  # a bare number in the middle of a page is text
    assert running_keys([pages[0]]) == set()  # one page has no running lines


# --- footnotes and markers ------------------------------------------------------------------------


def test_footnote_rules_and_note_starts() -> None:
    assert is_rule("               ____________________") and not is_rule("---") and not is_rule("__")
    assert note_start("               3 See A/60/687.") == ("3", 17)
    assert note_start("* Issued without formal editing.") == ("*", 2)
    assert note_start("                 by the IGF Secretariat.") is None


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("the Tunis Agenda,3", ["3"]),
        ("the work of the CSTD5 in reviewing", ["5"]),
        ("the Forum4 and", ["4"]),
        ("Principles1 and the Geneva", ["1"]),
        ("in the WSIS+20 outcome document", []),
        ("resolution A/RES/70/125, paragraph 64", []),
        ("the 2030 Agenda for Sustainable Development", []),
        ("the G20 and the G7.", []),
        ("(A/81/431/Add.3)] and Rev.1", []),
        ("Council resolution 2010/2, para. 30", []),
    ],
)
def test_glued_markers_only_where_a_note_has_that_marker(line: str, found: list[str]) -> None:
    wanted = {"1", "2", "3", "4", "5", "7", "20", "30"}
    assert [marker for _a, _b, marker, _s in glued_markers(line, wanted)] == found
    assert glued_markers(line, set()) == []


def test_note_text_joins_lines_and_hyphenation() -> None:
    counts = count_words("")
    assert note_text(["A list of the national IGF initiatives is kept", "  by the IGF Secre-", "tariat."],
                     counts) == "A list of the national IGF initiatives is kept by the IGF Secretariat."


# --- hyphenation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "document", "kept"),
    [
        ("Govern", "ments", "", False),  # a typesetter's break
        ("para", "graph", "", False),
        ("multi", "stakeholder", "", True),  # a known compound
        ("multi", "stakeholder", "a multistakeholder forum", False),  # the document writes it closed
        ("multi", "stakeholder", "the Multistakeholder Advisory Group", True),  # a name says nothing of the word
        ("stake", "holders", "stake-holders and stake-holders", True),  # the document writes it hyphenated
        ("ma", "chine-readable", "", False),
        ("Secretary", "General", "", True),  # a capital after the hyphen
        ("ICT", "related", "", True),  # an acronym before it
        ("69", "71", "", True),  # a range of numbers
        ("follow", "up", "", True),
    ],
)
def test_hyphenation_decisions(left: str, right: str, document: str, kept: bool) -> None:
    assert decide(left, "-", right, count_words(document)) is kept


def test_a_soft_hyphen_always_joins_and_labels_add_compounds() -> None:
    assert decide("multi", "\u00ad", "stakeholder", Counter()) is False
    compounds = COMPOUNDS | compounds_of(["Internet-related public policy issues", "IGF"])
    assert decide("Internet", "-", "related", Counter(), compounds) is True
    assert decide("policy", "-", "related", Counter(), compounds) is False


# --- prepare: a text copied out of a PDF ----------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_copy() -> PreparedText:
    return prepare(read_source(PDF_COPY))


def test_prepare_removes_headers_page_and_job_numbers_and_form_feeds(pdf_copy: PreparedText) -> None:
    text = pdf_copy.text
    for furniture in ("\f", "26-01234", "*2601234*", "2/4", "3/4", "- 4 -", "A/RES/81/999          Internet",
                      "Forum          A/RES/81/999", "____"):
        assert furniture not in text, furniture
    assert text.startswith("United Nations ")  # page 1's masthead is no running header
    assert pdf_copy.pages == 4


def test_prepare_keeps_the_footnotes_apart(pdf_copy: PreparedText) -> None:
    gold = json.loads((EXTRACT_DATA / "pdf-copy-resolution.gold.json").read_text(encoding="utf-8"))
    footnotes = pdf_copy.footnotes
    assert [{"marker": f.marker, "text": f.text} for f in footnotes] == gold["footnotes"]
    original = pdf_copy.original
    assert original[footnotes[4].start : footnotes[4].end].startswith("5 See Economic and Social Council")
    assert "See A/60/687" not in pdf_copy.text and "para. 30" not in pdf_copy.text


def test_prepare_cuts_glued_markers_and_says_where(pdf_copy: PreparedText) -> None:
    text = pdf_copy.text
    before = [text[offset - 12 : offset] for offset, _marker in pdf_copy.markers]
    assert [m for _o, m in pdf_copy.markers] == ["1", "2", "3", "4", "5", "6"]
    assert [b[-6:] for b in before] == ["ciples", "ction,", "genda,", "atives", "e CSTD", "he IGF"]
    assert "WSIS+20" in text and "(A/81/431/Add.3)" in text


def test_prepare_keeps_paragraphs_whole_across_page_breaks(pdf_copy: PreparedText) -> None:
    text = pdf_copy.text
    assert "World Summit on the\n               Information Society, and of the contributions" in text
    assert "every year;\n\n                      2.   Calls upon Member States" in text
    gold = json.loads((EXTRACT_DATA / "pdf-copy-resolution.gold.json").read_text(encoding="utf-8"))
    body = " ".join(text.split())
    for unit in gold["recommendations"]:
        assert unit["text"] in body, unit["text"]


def test_prepare_joins_and_keeps_hyphens(pdf_copy: PreparedText) -> None:
    body = " ".join(pdf_copy.text.split())
    assert "of Governments to an inclusive" in body and "in particular paragraph 72 thereof" in body
    assert "the Multistakeholder Advisory Group, the IGF" in body
    assert "transparent multi-stakeholder approach" in body


def test_every_offset_maps_back_into_the_original(pdf_copy: PreparedText) -> None:
    text, original = pdf_copy.text, pdf_copy.original
    mapped = [pdf_copy.to_original(i) for i in range(len(text) + 1)]
    assert mapped == sorted(mapped) and mapped[-1] <= len(original)
    for i, char in enumerate(text):
        if not char.isspace():
            assert original[mapped[i]] == char, (i, text[i - 10 : i + 10])
    start = text.index("Governments")
    assert original[pdf_copy.to_original(start) : pdf_copy.to_original(start) + 8] == "Govern-\n"


# --- clean texts come out unchanged ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        SEED_TEXT,
        # the copies out of PDFs (pages separated by form feeds) are not clean texts
        *(p for p in sorted(EXTRACT_DATA.glob("*.txt")) if "\f" not in p.read_text(encoding="utf-8")),
        *sorted(EXTRACT_DATA.glob("*.md")),
    ],
    ids=lambda p: p.name,
)
def test_clean_texts_come_out_unchanged(path: Path) -> None:
    prepared = prepare(read_source(path))
    assert prepared.text == prepared.original and prepared.footnotes == () and prepared.markers == ()
    assert prepared.to_original(17) == 17


def test_markers_stay_without_notes_and_single_pages_keep_their_numbers() -> None:
    text = "Welcomes the work of the CSTD5 and of the G20.\n\n7\n\n(a) Requests the IGF;\n"
    prepared = prepare(read_source(text=text))
    assert prepared.text == text


def test_footnote_markers_of_a_unit_come_from_its_own_document() -> None:
    """The markers of each document are sorted once and kept for its units: a unit gets the
    markers removed inside its ranges, in order, once each, and the next document its own."""
    first = PreparedText("", "", markers=((40, "3"), (5, "1"), (20, "2"), (22, "2")))
    second = PreparedText("", "", markers=((5, "a"),))
    assert markers_in(first, [(0, 10), (18, 30)]) == ["1", "2"]
    assert markers_in(first, [(30, 50)]) == ["3"]
    assert markers_in(second, [(0, 10)]) == ["a"]
    assert markers_in(first, [(0, 100)]) == ["1", "2", "3"]
