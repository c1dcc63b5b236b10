"""The readers of `igkg extract`: the format chosen by content, what each reader gets out of real
PDF, Word and HTML files (made by ReportLab, python-docx and LibreOffice), and the one-line
errors for files it cannot use."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument

from cli_support import CliResult
from igkg.errors import InputError
from igkg.extractor.layout import prepare
from igkg.extractor.readers import read_bytes, sniff
from igkg.extractor.reading import read_source
from paths import DATA, EXTRACT_DATA

READERS = DATA / "readers"


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _gold(name: str) -> Any:
    return json.loads((EXTRACT_DATA / name).read_text(encoding="utf-8"))


# --- the format is chosen by content ---------------------------------------------------------


def test_format_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    pdf = tmp_path / "report.txt"
    pdf.write_bytes((EXTRACT_DATA / "wsis-review-input.pdf").read_bytes())
    word = tmp_path / "statement"
    word.write_bytes((EXTRACT_DATA / "civil-society-statement.docx").read_bytes())
    page = tmp_path / "page.txt"
    page.write_bytes((EXTRACT_DATA / "igf-messages.html").read_bytes())
    assert [read_source(p).format for p in (pdf, word, page)] == ["pdf", "docx", "html"]
    assert sniff(b"# Title\n\n- Encourages the IGF.\n", "draft.md") == "markdown"
    assert sniff(b"\xef\xbb\xbf<!-- saved -->\n<!DOCTYPE html><html>", "x") == "html"
    assert sniff(b"Encourages the IGF to act.", "notes.html") == "text"  # not markup, whatever the name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file (a PNG image)"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Word 97-2003 (.doc)"),
        ("memo.rtf", b"{\\rtf1\\ansi Encourages the IGF}", "Rich Text Format"),
    ],
)
def test_unsupported_binaries_are_named(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"^" + str(path).replace("\\", "\\\\") + ": .*" + message.replace("(", r"\(")
                       .replace(")", r"\)")):
        read_source(path)


def test_an_opendocument_text_is_named_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "draft.odt"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"an OpenDocument text \(\.odt\).*save it as \.docx"):
        read_source(path)


BAD_FILES = {
    "pdf-scanned-no-text.pdf": "has no text layer (a scan?): run OCR first, e.g. ocrmypdf, or copy the text",
    "encrypted.pdf": "the PDF is protected by a password",
    "damaged.docx": "a damaged Word file",
    "empty-page.html": "the web page has no content to extract",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_documents_get_one_line_naming_the_file_and_exit_2(run_cli: Callable[..., CliResult], name: str) -> None:
    path = EXTRACT_DATA / name
    result = run_cli("extract", path)
    assert result.code == 2 and result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"igkg: error: {path}: ")
    assert BAD_FILES[name] in lines[0] and "Traceback" not in result.err


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_text_layer_comes_page_by_page_with_superscripts_and_note_areas() -> None:
    source = read_source(EXTRACT_DATA / "wsis-review-input.pdf")
    assert (source.format, source.pages, source.text.count("\f")) == ("pdf", 4, 3)
    markers = [(m.marker, source.text[m.start - 9 : m.end]) for m in source.hints.markers]
    assert ("1", "Internet.1") in markers and ("4", " Compact,4") in markers
    areas = [source.text[a:b] for a, b in source.hints.note_areas]
    assert len(areas) == 3 and areas[0].startswith("1 Estimate for 2027") and "\n2 Report of" in areas[0]


def test_pdf_body_holds_every_unit_in_reading_order_without_page_furniture() -> None:
    prepared = prepare(read_source(EXTRACT_DATA / "wsis-review-input.pdf"))
    body = _collapsed(prepared.text)
    for furniture in ("Page 1 of 4", "Page 3 of 4", "March 2028", "Estimate for 2027", "Pact for the Future"):
        assert furniture not in body
    assert body.startswith("Joint input to the CSTD review of WSIS implementation Submitted by")  # the title stays
    positions = []
    for unit in _gold("wsis-review-input.gold.json")["recommendations"]:
        assert unit["text"] in body, unit["text"]
        positions.append(body.index(unit["text"]))
    assert positions == sorted(positions)  # the two-column page is read column by column
    assert [f.marker for f in prepared.footnotes] == ["1", "2", "3", "4"]
    assert prepared.footnotes[2].text.endswith("see paragraph 72 (e) of the Tunis Agenda.")
    assert [marker for _offset, marker in prepared.markers] == ["1", "2", "3", "4"]
    offset, _marker = prepared.markers[0]
    assert prepared.text[offset - 9 : offset] == "Internet."


def test_pdf_made_by_libreoffice() -> None:
    prepared = prepare(read_source(READERS / "lists-and-notes.pdf"))
    body = prepared.text
    assert "1. Encourage governments to publish connectivity targets every year;" in body
    assert "5. Request the IGF Secretariat" in body and "• A bullet point" in body
    assert [(f.marker, f.text) for f in prepared.footnotes] == [
        ("1", "As called for in paragraph 72 (g) of the Tunis Agenda."),
        ("2", "See the report of the Working Group on Improvements to the IGF."),
    ]
    assert "Tunis Agenda." not in body


# --- Word ---------------------------------------------------------------------------------------


def test_word_list_numbers_come_from_the_numbering_part() -> None:
    source = read_source(EXTRACT_DATA / "civil-society-statement.docx")
    lines = source.text.splitlines()
    assert lines[0] == "# Joint civil society statement on the future of the Internet Governance Forum"
    assert "## Participation and inclusion" in lines and "## Signatories" in lines
    numbered = [line.split(" ", 1)[0] for line in lines if line[:1].isdigit()]
    assert numbered == [f"{n}." for n in range(1, 11)]  # runs on across the headings
    assert "| Association for Progressive Communications | International |" in lines
    gold = _gold("civil-society-statement.gold.json")["recommendations"]
    for unit in gold:
        assert f"{unit['number']}. {unit['text']}" in lines


def test_word_file_made_by_libreoffice_levels_start_values_bullets_and_footnotes() -> None:
    source = read_source(READERS / "lists-and-notes.docx")
    lines = [line for line in source.text.splitlines() if line]
    assert "1. Encourage governments to publish connectivity targets1 every year;" in lines
    assert "    a. with data broken down by region;" in lines and "    b. with data broken down by gender." in lines
    assert "2. Invite the private sector to invest in community networks." in lines
    assert "5. Request the IGF Secretariat to support remote hubs." in lines  # <ol start="5">
    assert "- A bullet point about travel support." in lines
    assert [n.marker for n in source.hints.notes] == ["1", "2"]
    prepared = prepare(source)
    assert "connectivity targets every year;" in prepared.text and "criteria." in prepared.text
    assert "72 (g)" not in prepared.text and "____" not in prepared.text
    assert [f.text for f in prepared.footnotes][0] == "As called for in paragraph 72 (g) of the Tunis Agenda."
    assert [m for _o, m in prepared.markers] == ["1", "2"]


def _numbered(document: DocxDocument, text: str, num_id: int, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def test_word_numbering_restarts_start_values_and_levels(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Draft outcome", style="Title")
    numbering = document.part.numbering_part.element
    abstract = numbering.num_having_numId(int(document.styles["List Number"].element.pPr.numPr.numId.val))
    first = numbering.add_num(abstract.abstractNumId.val)
    _numbered(document, "Encourages the IGF.", first.numId)
    _numbered(document, "Invites the MAG.", first.numId)
    restarted = numbering.add_num(abstract.abstractNumId.val)
    restarted.add_lvlOverride(ilvl=0).add_startOverride(7)
    _numbered(document, "Requests the Secretariat.", restarted.numId)
    _numbered(document, "Decides to remain seized.", restarted.numId)
    document.add_paragraph("Stresses the role of civil society.", style="List Number")  # through the style
    path = tmp_path / "restarts.docx"
    document.save(str(path))
    items = [line for line in read_source(path).text.splitlines() if line[:1].isdigit()]
    assert [line.split(" ", 1)[0] for line in items] == ["1.", "2.", "7.", "8.", "9."]


def test_word_headings_tables_and_an_empty_document(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    document.add_heading("Access", level=2)
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, (("Organization", "Region"), ("APC", "International")), strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "headings.docx"
    document.save(str(path))
    expected = "## Recommendations\n\n### Access\n\n| Organization | Region |\n| APC | International |\n"
    assert read_source(path).text == expected
    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    with pytest.raises(InputError, match="the Word document has no text"):
        read_source(empty)


# --- HTML ---------------------------------------------------------------------------------------


def test_html_main_content_only_with_list_numbers_and_entities() -> None:
    source = read_source(EXTRACT_DATA / "igf-messages.html")
    text = source.text
    for chrome in ("cookies", "About the IGF", "Home", "Related", "IGF 2026 Messages", "Terms of use",
                   "Department of Economic", "Download the messages", "Workshop 42", "menu.js", ".cookie-banner",
                   "Educational, Scientific", "&amp;", "&nbsp;", "\u00a0"):
        assert chrome not in text, chrome
    assert text.startswith("# IGF 2027 Messages: Digital Trust & Inclusion\n\n")
    assert "## Trust, security & human rights" in text
    for unit in _gold("igf-messages.gold.json")["recommendations"]:
        number = f"{unit['number']}. " if unit["number"] else ""
        assert f"\n{number}{unit['text']}\n" in text, unit


def test_html_without_main_nested_reversed_and_lettered_lists() -> None:
    page = b"""<html><body><nav><a href="/">Home</a></nav><div class="share-bar">Share</div>
    <h2>Points</h2><ol reversed><li>Third<ol type="a"><li>sub one</li><li>sub two</li></ol></li><li>Second</li></ol>
    <ol start="4" type="i"><li>Fourth</li></ol><p><a href="/x">Read more</a></p>
    <footer>Contact</footer></body></html>"""
    assert read_bytes(page, "page.html").text == (
        "## Points\n\n2. Third\n\n    a. sub one\n\n    b. sub two\n\n1. Second\n\niv. Fourth\n"
    )


# --- standard input -----------------------------------------------------------------------------


def test_standard_input_is_read_by_content(monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., CliResult]) -> None:
    data = (EXTRACT_DATA / "civil-society-statement.docx").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = run_cli("extract", "-", "-q")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["source"] == "<stdin>" and len(document["recommendations"]) == 10
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    result = run_cli("extract", "-")
    assert (result.code, result.err.strip()) == (2, "igkg: error: <stdin>: the file is empty; expected a text "
                                                    "with recommendation bullets")
