"""Make the binary test documents of tests/data/extract/ (Word, PDF and bad-input files).

The documents for `igkg extract` in tests/data/extract/ are committed; this script is how the
binary ones were made, from the text held below, so that they can be made again (after a change
of wording, say) and reviewed as text. It is a commit-time fixture maker: the tests do not run
it, and the package does not depend on what it imports. The gold annotations (`*.gold.json`)
are written by hand from what a reader sees in the result; after changing a text here, check
them against it (`pdftotext -layout FILE.pdf -` from poppler-utils, or open the .docx).

Writes, in tests/data/extract/:

- civil-society-statement.docx: a Word file whose list numbers come from the "List Number"
  style (word/numbering.xml), not from the paragraph text; headings; a chapeau; a signatory
  table.
- wsis-review-input.pdf: a four-page PDF with a text layer: running header, footer with page
  numbers, footnotes at the foot of the pages, numbered paragraphs, a two-column page and
  words hyphenated at line ends by ReportLab (with Pyphen).
- bad input, with no gold: pdf-scanned-no-text.pdf (one page, an image and no text layer),
  encrypted.pdf (needs the password "igkg-fixture" to be opened), damaged.docx (a .docx cut
  short: its ZIP directory is missing), empty-page.html (a page with only navigation, a cookie
  banner and a footer).

It needs python-docx, reportlab, pyphen, pypdf and Pillow, installed outside the project's
environment, for instance:

    python3 -m venv /tmp/fixture-venv
    /tmp/fixture-venv/bin/pip install python-docx reportlab pyphen pypdf pillow
    /tmp/fixture-venv/bin/python scripts/make_extract_fixtures.py [--out DIR]

The output is reproducible: ReportLab runs in invariant mode and the ZIP entries of the .docx
carry a fixed date. After writing each file the script reads it back (pypdf, python-docx) and
checks what the gold files rely on: the page texts, that the Word paragraphs carry no printed
numbers, that the scanned PDF has no text, that the encrypted one cannot be read without its
password, that the damaged one is no ZIP.
"""

from __future__ import annotations

import argparse
import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"
FIXED_ZIP_DATE = (2027, 3, 1, 12, 0, 0)

# =============================================================================================
# civil-society-statement.docx: the source text. "#" a Heading 1, "1." a "List Number" item
# (the number is NOT written into the paragraph: Word numbers it from the style), "|" a table
# row, "!" the title, other lines plain paragraphs; an indented line continues the line above.
# =============================================================================================

STATEMENT = """\
! Joint civil society statement on the future of the Internet Governance Forum
Submitted to the open consultations on the 2027 programme of the Forum, 3 March 2027.
We, the undersigned organizations:
# Participation and inclusion
1. We call on Member States to guarantee the safe participation of human rights defenders and
    journalists in the annual meetings of the Internet Governance Forum.
1. We urge the IGF Secretariat and host governments to publish visa guidance at least six months
    before each annual meeting.
1. We welcome the growth of the national and regional IGF initiatives, and call for stable
    funding for those in developing countries.
1. We are concerned that civil society organizations from developing countries receive a small
    share of travel support, and we ask the Multistakeholder Advisory Group to publish the criteria
    it applies.
# Outcomes and accountability
1. We support the proposal that each annual meeting adopt a short set of messages, and we
    recommend that the IGF Leadership Panel report every year on how those messages are used.
1. We call on the Secretary-General to appoint the members of the MAG through an open and
    documented process.
1. We reaffirm paragraphs 72 (a) to (c) of the Tunis Agenda and stress that the Forum must
    remain open to everyone who wishes to take part.
1. We invite intergovernmental organizations, including the OECD and the Council of Europe, to
    explain how they use the messages of the Forum in their own work.
# Digital cooperation
1. We urge governments to ensure that the follow-up to the Global Digital Compact builds on the
    Forum and does not duplicate it.
1. We commit to taking part in the intersessional work of the Forum and to sharing our expertise
    with the national and regional IGFs.
# Signatories
| Organization | Region
| Association for Progressive Communications | International
| Red de Derechos Digitales del Sur | Latin America and the Caribbean
| Lusaka Digital Rights Collective | Africa
| Open Net Forum Pacific | Asia and the Pacific
| Citizens' Lab for Online Freedom | Europe
Contact for this statement: the coordinating group, statement-2027@example.org.
"""


def make_statement_docx() -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = "Joint civil society statement on the future of the Internet Governance Forum"
    document.core_properties.author = "igkg test fixture"
    document.core_properties.last_modified_by = "igkg test fixture"
    document.core_properties.created = datetime.datetime(*FIXED_ZIP_DATE)
    document.core_properties.modified = datetime.datetime(*FIXED_ZIP_DATE)
    document.core_properties.revision = 1
    table = None
    lines: list[str] = []
    for line in STATEMENT.splitlines():
        if line.startswith("    "):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    for line in lines:
        if line.startswith("! "):
            document.add_paragraph(line[2:], style="Title")
        elif line.startswith("# "):
            document.add_heading(line[2:], level=1)
            table = None
        elif line.startswith("1. "):
            document.add_paragraph(line[3:], style="List Number")
        elif line.startswith("| "):
            cells = [c.strip() for c in line[2:].split("|")]
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            row = table.add_row().cells
            for cell, value in zip(row, cells, strict=True):
                cell.text = value
        else:
            document.add_paragraph(line).paragraph_format.space_after = Pt(8)
            table = None
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every entry dated FIXED_ZIP_DATE, so the bytes are reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def check_statement_docx(data: bytes) -> None:
    import docx

    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "word/numbering.xml" in names, names
    document = docx.Document(io.BytesIO(data))
    items = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(items) == 10, len(items)
    for p in items:
        assert not p.text[:1].isdigit() and p.text.startswith("We "), p.text
    # the numbering is the style's: List Number -> numId -> a decimal "%1." level
    style_xml = document.styles["List Number"].element.xml
    assert "<w:numId " in style_xml, style_xml
    numbering = zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml").decode()
    assert 'w:val="decimal"' in numbering and 'w:val="%1."' in numbering
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 6


# =============================================================================================
# wsis-review-input.pdf: four pages; page 3 in two columns. Each page is a list of
# (kind, text) with kind "title", "subtitle", "h" (heading), "p" (prose), a number (numbered
# paragraph) or "colbreak"; <super>n</super> marks a footnote, whose text is in FOOTNOTES under
# the page it is printed on.
# =============================================================================================

PDF_TITLE = "Joint input to the CSTD review of WSIS implementation"
PDF_HEADER_RIGHT = "March 2028"

PDF_PAGES: list[list[tuple[str, str]]] = [
    [
        ("title", PDF_TITLE),
        ("subtitle", "Submitted by a coalition of technical community and civil society organizations"),
        ("h", "Summary"),
        ("p", "This input responds to the call of the Commission for contributions to its annual "
              "review. It looks back at what has been achieved since the Summit, names the main "
              "obstacles that remain, and proposes concrete steps for the next review cycle. The "
              "members of the coalition endorsed the text by written procedure."),
        ("h", "I. Achievements"),
        ("1", "We welcome the progress made since the World Summit on the Information Society in "
              "connecting people, and note that more than two thirds of the world\u2019s population now "
              "use the Internet.<super>1</super>"),
        ("2", "We recognize the role of the Internet Governance Forum, which the General Assembly "
              "made permanent in 2025, as the main space for multistakeholder dialogue on Internet "
              "governance and on the implementation of the outcomes of the Summit."),
        ("3", "We commend the regional Internet registries and the Internet Engineering Task Force "
              "for their open, bottom-up and transparent policy development processes, which have "
              "kept the Internet interoperable and resilient through two decades of growth."),
        ("4", "We take note of the report of the Secretary-General on the implementation of the "
              "outcomes of the Summit,<super>2</super> and underline its finding that the gap in "
              "meaningful connectivity between developed and least developed countries is "
              "narrowing only slowly."),
    ],
    [
        ("h", "II. Challenges"),
        ("5", "We express concern that many developing countries still lack the capacity to take "
              "part in technical standardization, and that the participation of their governments "
              "in ICANN\u2019s Governmental Advisory Committee remains limited."),
        ("6", "We note with concern the fragmentation of policy discussions across a growing "
              "number of forums. We therefore call upon the Commission on Science and Technology "
              "for Development to map these discussions and to publish the results before its "
              "next session."),
        ("7", "We regret that interpretation and remote participation remain underfunded at many "
              "regional meetings, which keeps out participants who cannot travel, who cannot "
              "obtain visas in time or who do not work in English, and which weakens the "
              "representativeness of the conclusions reached there."),
    ],
    [
        ("h", "III. Recommendations"),
        ("8", "Governments should involve all stakeholders in national WSIS reviews, as paragraph "
              "35 of the Tunis Agenda suggests, and should publish the results of those reviews."),
        ("9", "The IGF Secretariat should publish the messages of each annual meeting in a "
              "machine-readable format, with stable identifiers, so that other bodies can cite "
              "them."),
        ("10", "We recommend that UNESCO and the ITU develop, together with the academic community, "
               "a common framework for measuring meaningful connectivity."),
        ("colbreak", ""),
        ("11", "We invite the World Bank and the United Nations Development Programme to finance "
               "connectivity projects that include local content and skills "
               "development.<super>3</super>"),
        ("12", "We support the recommendations of the CSTD Working Group on IGF Improvements and "
               "encourage the Multistakeholder Advisory Group to implement paragraphs 15 to 17 of "
               "its report in full."),
        ("13", "The private sector should contribute to the IGF Trust Fund in proportion to its "
               "reliance on an open, stable and interoperable Internet."),
    ],
    [
        ("h", "IV. Conclusion"),
        ("14", "We reaffirm our commitment to the vision of the World Summit on the Information "
               "Society and decide to present a progress report to the Commission on Science and "
               "Technology for Development at its 2029 session."),
        ("15", "We look forward to working with all stakeholders on the WSIS+20 follow-up and on "
               "the implementation of the Global Digital Compact,<super>4</super> bearing in mind "
               "paragraph 64 of General Assembly resolution 70/125."),
        ("p", "Contact: the coordinating group of the coalition, wsis-input-2028@example.org."),
    ],
]

FOOTNOTES: dict[int, list[tuple[str, str]]] = {
    1: [("1", "Estimate for 2027 published by the International Telecommunication Union."),
        ("2", "Report of the Secretary-General to the Commission at its thirty-first session.")],
    2: [],
    3: [("3", "Such projects were discussed at the 2027 annual meeting; see paragraph 72 (e) of "
              "the Tunis Agenda.")],
    4: [("4", "Adopted by the General Assembly in September 2024 as an annex to the Pact for the "
              "Future.")],
}

# phrases each page's text layer must hold (checked after the build)
PDF_PAGE_CHECKS = {
    1: ["Summary", "I. Achievements", "We welcome", "narrowing only slowly", "Estimate for 2027", "Page 1 of 4"],
    2: ["II. Challenges", "We express concern", "We regret", "Page 2 of 4"],
    3: ["III. Recommendations", "Governments should", "The private sector should", "Such projects", "Page 3 of 4"],
    4: ["IV. Conclusion", "We look forward", "Pact for the", "Page 4 of 4"],
}


def make_review_pdf() -> bytes:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    width, height = A4
    margin, header_h, notes_h = 2.2 * cm, 1.6 * cm, 3.0 * cm
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=11.5, leading=15,
                          alignment=TA_JUSTIFY, spaceAfter=7, hyphenationLang="en_US",
                          embeddedHyphenation=1, uriWasteReduce=0.3)
    numbered = ParagraphStyle("numbered", parent=body, leftIndent=22, bulletIndent=0,
                              bulletFontName="Times-Roman", bulletFontSize=11.5)
    column = ParagraphStyle("column", parent=numbered, fontSize=11, leading=14)
    styles = {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", fontName="Times-Italic", fontSize=12, leading=15, spaceAfter=14),
        "h": ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=6),
        "p": body,
    }
    note = ParagraphStyle("note", fontName="Times-Roman", fontSize=9, leading=11, leftIndent=10,
                          firstLineIndent=-10)

    def decorate(canvas: Any, doc: Any) -> None:
        page = doc.page
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(margin, height - 1.3 * cm, PDF_TITLE)
        canvas.drawRightString(width - margin, height - 1.3 * cm, PDF_HEADER_RIGHT)
        canvas.setLineWidth(0.4)
        canvas.line(margin, height - 1.45 * cm, width - margin, height - 1.45 * cm)
        canvas.drawCentredString(width / 2, 1.2 * cm, f"Page {page} of {len(PDF_PAGES)}")
        notes = FOOTNOTES.get(page, [])
        if notes:
            top = margin + notes_h - 0.5 * cm
            canvas.line(margin, top, margin + 5 * cm, top)
            y = top - 0.15 * cm
            for marker, text in notes:
                para = Paragraph(f"<super>{marker}</super> {text}", note)
                _w, h = para.wrap(width - 2 * margin, notes_h)
                para.drawOn(canvas, margin, y - h)
                y -= h + 2
        canvas.restoreState()

    bottom = margin + notes_h  # the footnotes go below the frames
    frame_h = height - header_h - 0.6 * cm - bottom
    top_y = bottom
    one = Frame(margin, top_y, width - 2 * margin, frame_h, id="one")
    gap = 0.8 * cm
    col_w = (width - 2 * margin - gap) / 2
    left = Frame(margin, top_y, col_w, frame_h, id="left")
    right = Frame(margin + col_w + gap, top_y, col_w, frame_h, id="right")
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, title=PDF_TITLE, author="igkg test fixture",
                          subject="Test document for igkg extract", creator="ReportLab",
                          invariant=1)
    doc.addPageTemplates([PageTemplate("one", [one], onPage=decorate),
                          PageTemplate("two", [left, right], onPage=decorate)])
    story = []
    for index, page in enumerate(PDF_PAGES, start=1):
        two_columns = index == 3
        for kind, text in page:
            if kind == "colbreak":
                story.append(FrameBreak())
            elif kind.isdigit():
                story.append(Paragraph(text, column if two_columns else numbered, bulletText=f"{kind}."))
            else:
                story.append(Paragraph(text, styles[kind]))
        if index < len(PDF_PAGES):
            story.append(NextPageTemplate("two" if index + 1 == 3 else "one"))
            story.append(PageBreak())
    story.append(Spacer(1, 1))
    doc.build(story)
    return buffer.getvalue()


def check_review_pdf(data: bytes) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(PDF_PAGES), len(reader.pages)
    for number, phrases in PDF_PAGE_CHECKS.items():
        text = " ".join(reader.pages[number - 1].extract_text().split())
        for phrase in phrases:
            assert phrase in text, (number, phrase, text)
        assert PDF_TITLE in text, number  # the running header, on every page


# =============================================================================================
# bad input
# =============================================================================================

SCANNED_LINES = [
    "INTERNET GOVERNANCE FORUM - MESSAGES OF THE OPEN CONSULTATION",
    "",
    "1. Encourages the IGF Secretariat to publish the messages of each",
    "   annual meeting within two months;",
    "2. Invites Member States to contribute to the IGF Trust Fund;",
    "3. Requests the MAG to report on the follow-up of paragraph 72 (g)",
    "   of the Tunis Agenda.",
]


def make_scanned_pdf() -> bytes:
    """One A4 page holding a 100-dpi greyscale picture of a typed page, and no text."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (827, 1169), 250)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=17)
    y = 110
    for line in SCANNED_LINES:
        draw.text((90, y), line, fill=35, font=font)
        y += 30
    image = image.rotate(0.6, fillcolor=250)  # a slightly skewed scan
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=True)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return buffer.getvalue()


def check_scanned_pdf(data: bytes) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.pages[0].extract_text().strip() == ""


ENCRYPTED_PASSWORD = "igkg-fixture"


def make_encrypted_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    encryption = StandardEncryption(ENCRYPTED_PASSWORD, ownerPassword=ENCRYPTED_PASSWORD + "-owner",
                                    canPrint=0, canModify=0, canCopy=0, canAnnotate=0, strength=128)
    c = canvas.Canvas(buffer, pagesize=A4, encrypt=encryption, invariant=1)
    c.setFont("Times-Roman", 12)
    y = A4[1] - 80
    for line in ["Restricted draft", "", "1. Encourages the IGF to publish its messages;",
                 "2. Requests the IGF Secretariat to report on paragraph 72 of the Tunis Agenda."]:
        c.drawString(72, y, line)
        y -= 18
    c.showPage()
    c.save()
    return buffer.getvalue()


def check_encrypted_pdf(data: bytes) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    try:
        reader.pages[0].extract_text()
    except pypdf.errors.PdfReadError:
        pass  # "File has not been decrypted"
    else:
        raise AssertionError("the encrypted PDF was readable without its password")
    reader = pypdf.PdfReader(io.BytesIO(data), password=ENCRYPTED_PASSWORD)
    assert "Encourages the IGF" in reader.pages[0].extract_text()


def make_damaged_docx(statement: bytes) -> bytes:
    """The statement cut after 45 % of its bytes, as an interrupted download leaves it."""
    return statement[: len(statement) * 45 // 100]


def check_damaged_docx(data: bytes) -> None:
    assert data.startswith(b"PK\x03\x04")
    assert not zipfile.is_zipfile(io.BytesIO(data))


EMPTY_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>IGF 2027 Messages | Internet Governance Forum</title>
</head>
<body>
<div class="cookie-banner" role="dialog">
  <p>We use cookies to improve your experience of this website. <a href="/privacy">Privacy policy</a></p>
  <button type="button">Accept</button>
</div>
<header class="site-header">
  <a class="logo" href="/">Internet Governance Forum</a>
  <nav class="main-menu" aria-label="Main">
    <ul>
      <li><a href="/about">About the IGF</a></li>
      <li><a href="/mag">MAG</a></li>
      <li><a href="/nris">National, Regional and Youth IGF Initiatives</a></li>
      <li><a href="/secretariat">IGF Secretariat</a></li>
    </ul>
  </nav>
</header>
<main id="content">
  <!-- the messages are loaded by a script that did not run -->
  <div id="messages-app" data-src="/api/messages/2027"></div>
  <noscript>Please enable JavaScript to read this page.</noscript>
</main>
<footer class="site-footer">
  <p>&copy; 2027 United Nations &middot; Internet Governance Forum &middot;
  <a href="/contact">Contact the IGF Secretariat</a></p>
</footer>
</body>
</html>
"""


# =============================================================================================


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write to (default: {OUT})")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)

    statement = make_statement_docx()
    check_statement_docx(statement)
    files = {
        "civil-society-statement.docx": statement,
        "wsis-review-input.pdf": make_review_pdf(),
        "pdf-scanned-no-text.pdf": make_scanned_pdf(),
        "encrypted.pdf": make_encrypted_pdf(),
        "damaged.docx": make_damaged_docx(statement),
        "empty-page.html": EMPTY_PAGE.encode("utf-8"),
    }
    check_review_pdf(files["wsis-review-input.pdf"])
    check_scanned_pdf(files["pdf-scanned-no-text.pdf"])
    check_encrypted_pdf(files["encrypted.pdf"])
    check_damaged_docx(files["damaged.docx"])
    for name, data in files.items():
        assert len(data) < 200_000, (name, len(data))
        (out / name).write_bytes(data)
        print(f"wrote {out / name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
