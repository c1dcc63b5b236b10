"""Paragraphs across page breaks, in PDFs and in text copies of PDFs: a paragraph that starts at the
foot of a page, above its footnotes, and runs on after the next page's running header is one unit,
whole and in order; a heading on the line above a numbered paragraph stays a heading. Each rule
on a small text or on text boxes written for the test."""

from __future__ import annotations

import igkg
from extract_support import ID
from igkg.extractor.furniture import is_symbol_line
from igkg.extractor.layout import prepare
from igkg.extractor.pages import pages_of
from igkg.extractor.readers.pdf import _Box, _Line, paragraph_boxes
from igkg.extractor.reading import read_source

CSTD = ID + "actor/cstd"


def _box(text: str, x0: float, top: float, *, size: float = 12.0, leading: float = 16.0) -> _Box:
    """A text box whose lines start at ``x0`` from ``top`` down, ``size`` / 2 points a character."""
    lines = []
    for k, line in enumerate(text.split("\n")):
        y1 = top - k * leading
        if line:  # an empty line: a line's height of space, as pdfminer leaves no line there
            lines.append(_Line(line, size, [], x0, y1 - size, y1, x0 + len(line) * size / 2))
    width = max(len(line.text) for line in lines) * size / 2
    return _Box(lines, size, lines[-1].y0, top, x0, x0 + width)


def test_hanging_numbers_join_the_text_beside_them_even_when_listed_first() -> None:
    boxes = [
        _box("5.", 74, 700),
        _box("6.", 74, 640),
        _box("The CSTD is invited to act on the\nfindings of the review.", 98, 700),
        _box("The ITU is invited to report.", 98, 640),
    ]
    merged = paragraph_boxes(boxes)
    assert [[line.text for line in box.lines] for box in merged] == [
        ["5. The CSTD is invited to act on the", "findings of the review."],
        ["6. The ITU is invited to report."],
    ]


def test_a_box_that_continues_the_one_above_joins_it() -> None:
    first = _box("2. We oppose any fee for taking part in the", 74, 312)
    rest = _box("Forum, and reject every charge.", 98, 296)  # one line's gap: the same paragraph
    heading = _box("II. Participation", 74, 250, size=12.5)
    after = _box("3. We welcome the review.", 74, 226)  # a paragraph's gap and a sentence end
    merged = paragraph_boxes([first, rest, heading, after])
    assert [" ".join(line.text for line in box.lines) for box in merged] == [
        "2. We oppose any fee for taking part in the Forum, and reject every charge.",
        "II. Participation",
        "3. We welcome the review.",
    ]


def test_a_symbol_alone_on_an_edge_line_is_furniture() -> None:
    assert is_symbol_line("E/CN.16/2031/CRP.7") and is_symbol_line("A/RES/82/123      3")
    assert not is_symbol_line("United Nations      E/CN.16/2031/CRP.7") and not is_symbol_line("and/or")


PAGE_1 = """\
United Nations                                             E/CN.16/2031/CRP.7
Economic and Social Council                                Distr.: General

Thirty-fourth session

          Summary of the open consultation on data

Recommendations

      1.  The CSTD should publish the survey results every year.

      2.  The CSTD is invited to compare the indicators of the agencies,1 to
      set out where they differ and to propose, with the help of national

      ____________
      1 The agencies are listed in annex I.

31-01234 (E)
"""
PAGE_2 = """\
E/CN.16/2031/CRP.7

      statistical offices, a common method for measuring access;

Closing observations
      3.  The CSTD should report back at its next session.
"""


def test_a_two_page_copy_keeps_the_paragraph_whole_and_in_order(kg: igkg.KnowledgeGraph) -> None:
    data = igkg.extract(text=PAGE_1 + "\f" + PAGE_2, graph=kg).to_dict()
    units = data["recommendations"]
    assert data["title"] == "Summary of the open consultation on data"  # not the symbol lines
    assert [u["text"] for u in units] == [
        "The CSTD should publish the survey results every year.",
        "The CSTD is invited to compare the indicators of the agencies, to set out where they differ and to "
        "propose, with the help of national statistical offices, a common method for measuring access;",
        "The CSTD should report back at its next session.",
    ]
    assert [u["footnotes"] for u in units] == [[], ["1"], []]
    # a heading on the line right above a numbered paragraph is a heading, not the paragraph's text
    assert [(s["label"], s["number"]) for s in data["sections"]] == [
        ("Recommendations", None),
        ("Closing observations", None),
    ]
    assert [u["section"] for u in units] == ["Recommendations", "Recommendations", "Closing observations"]


def test_a_copy_without_form_feeds_is_split_after_its_footnotes(kg: igkg.KnowledgeGraph) -> None:
    """A copy made in a PDF viewer: the same pages with no form feed between them."""
    text = PAGE_1 + PAGE_2
    pages = pages_of(text)
    assert len(pages) == 2 and text[pages[0][1] :].lstrip("\n").startswith("31-01234 (E)")
    prepared = prepare(read_source(text=text))
    assert [n.marker for n in prepared.footnotes] == ["1"]
    assert "E/CN.16/2031/CRP.7\n" not in prepared.text[100:] and "31-01234" not in prepared.text
    with_form_feed = igkg.extract(text=PAGE_1 + "\f" + PAGE_2, graph=kg).to_dict()
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert [u["text"] for u in data["recommendations"]] == [u["text"] for u in with_form_feed["recommendations"]]
    assert data["sections"] == with_form_feed["sections"] and data["title"] == with_form_feed["title"]


def test_one_page_without_notes_or_form_feeds_stays_one_page() -> None:
    text = "Title\n\n1. Governments should act.\n\n_____\n\nNot a note.\n"
    assert pages_of(text) == [(0, len(text))]


def test_sub_item_letters_grouped_with_the_next_paragraph_go_to_their_own_lines() -> None:
    """pdfminer puts "(a)" and "(b)", set in the margin of a paragraph's sub-items, in the box of the
    paragraph that follows them (they share its left edge), and the next paragraph's number "4."
    in a column of numbers: every marker joins the line on its baseline, and the box is cut there."""
    numbers = _box("3.\n\n\n4.", 63, 720, leading=12)  # "3." at 720, "4." at 684
    invites = _box("Invites the CSTD to continue its work:", 91, 720)
    items = _box("to consult all stakeholders;\nto report to the Council;", 119, 708, leading=12)
    grouped = _box("(a)\n(b)\nEncourages Member States to act;", 91, 708, leading=12)
    merged = paragraph_boxes([numbers, invites, items, grouped])
    assert [[line.text for line in box.lines] for box in merged] == [
        ["3. Invites the CSTD to continue its work:"],
        ["(a) to consult all stakeholders;"],
        ["(b) to report to the Council;"],
        ["4. Encourages Member States to act;"],
    ]


def test_one_line_boxes_on_one_baseline_are_one_line_with_a_wide_gap() -> None:
    symbol = _box("A/RES/80/321", 57, 800)
    title = _box("Digital cooperation for development", 267, 800)
    body = _box("2. Requests the Secretary-General to report.", 57, 760)
    merged = paragraph_boxes([symbol, title, body])
    assert [line.text for box in merged for line in box.lines] == [
        "A/RES/80/321     Digital cooperation for development",
        "2. Requests the Secretary-General to report.",
    ]


def test_a_symbol_beside_a_running_title_heads_every_page_but_the_first() -> None:
    from igkg.extractor.furniture import furniture_lines, is_symbol_header

    header = "A/RES/80/321     Digital cooperation for sustainable development"
    assert is_symbol_header(header) and is_symbol_header("Digital cooperation      A/RES/80/321")
    assert not is_symbol_header("Recalling resolution A/RES/70/125      of 16 December 2015,")
    page = [header, "", "2. Requests the Secretary-General to report."]
    assert furniture_lines(page, set(), first_page=False) == {0}
    assert furniture_lines(page, set(), first_page=True) == set()  # page 1's title block stays


def test_a_two_column_page_is_read_left_column_first_whatever_order_pdfminer_gives() -> None:
    header = _box("Submission of the Network to the consultation, 2027", 62, 800)
    right_heading = _box("2.4 Financing", 309, 768)
    right = _box("12. We recommend that the\nSecretary-General present options.", 309, 750)
    left = _box("6. Governments should involve\ncivil society in their positions.", 62, 768)
    left_heading = _box("2.3 Human rights online", 62, 700)
    after = _box("8. Human rights must be the\nframe of every discussion.", 62, 680)
    boxes = [header, right_heading, right, left, left_heading, after]  # pdfminer's order on such a page
    firsts = [box.lines[0].text[:10] for box in paragraph_boxes(boxes)]
    assert firsts == ["Submission", "6. Governm", "2.3 Human ", "8. Human r", "2.4 Financ", "12. We rec"]


def test_a_single_column_page_and_a_table_of_one_line_cells_keep_their_order() -> None:
    table = [_box("Organization", 62, 700), _box("Country", 309, 700), _box("Open Alliance", 62, 684),
             _box("Chile", 309, 684)]
    lines = [line.text for box in paragraph_boxes(table) for line in box.lines]
    assert lines == ["Organization     Country", "Open Alliance     Chile"]  # row by row


def test_a_numbered_heading_of_its_own_is_a_section(kg: igkg.KnowledgeGraph) -> None:
    text = "Submission\n\n1 About this submission\n\nWe wrote it.\n\n2 Recommendations\n\n1. We urge the IGF.\n"
    sections = [(s["label"], s["number"]) for s in igkg.extract(text=text, graph=kg).to_dict()["sections"]]
    assert sections == [("About this submission", "1"), ("Recommendations", "2")]
