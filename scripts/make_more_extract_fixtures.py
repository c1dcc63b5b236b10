"""Make the second set of binary test documents of tests/data/extract/ (a Word file and a PDF).

Like scripts/make_extract_fixtures.py (read its docstring for the tools and the venv it needs:
python-docx, reportlab, pyphen, pypdf), this is a commit-time fixture maker: the tests read the
committed files and never run it. The gold annotations beside the files are written by hand from
what a reader sees in them. Writes, in tests/data/extract/:

- roundtable-conclusions.docx: a Word file in which a third-person chapeau ("The participants in
  the roundtable:") stands in a paragraph of its own, a Heading 2 comes between it and the list,
  and the "List Number" items open with base-form verbs ("Call on governments …", "Encourage …",
  "Recommend that …", "Welcome … and invite …"): the chapeau's subject speaks. After a later prose
  paragraph, a bulleted list of bare verbs is a list of imperatives.
- page-break-contribution.pdf: a two-page PDF whose paragraph 4 begins at the foot of page 1,
  above the page's footnotes, and runs on after page 2's running header; a heading right above a
  numbered paragraph; "We" paragraphs with verbs such as "oppose", "reject", "insist"; coordinated
  passives and a gapped conjunct; a subject with a relative clause before its modal.

    /tmp/fixture-venv/bin/python scripts/make_more_extract_fixtures.py [--out DIR]

After writing each file the script reads it back (python-docx, pypdf) and checks what the gold
files rely on.
"""

from __future__ import annotations

import argparse
import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"
FIXED_ZIP_DATE = (2028, 11, 20, 9, 0, 0)

# =============================================================================================
# roundtable-conclusions.docx: "!" the title, "#" a Heading 1, "##" a Heading 2, "1." a "List
# Number" item (Word numbers it: the text holds no number), "-" a "List Bullet" item, other
# lines plain paragraphs; an indented line continues the line above.
# =============================================================================================

ROUNDTABLE_TITLE = "Conclusions of the parliamentary roundtable on digital legislation"
ROUNDTABLE = f"""\
! {ROUNDTABLE_TITLE}
Held on the second day of the annual meeting of the Internet Governance Forum, 14 November 2028.
Thirty-two members of parliament from twenty-five countries took part, together with invited
    experts. The roundtable was chaired by the speaker of the host country's parliament.
The participants in the roundtable:
## Legislation and oversight
1. Call on governments to publish draft legislation on digital matters for public comment before
    it is tabled.
1. Encourage parliaments to set up standing committees on digital policy, and to work with the
    national and regional IGF initiatives in their countries.
1. Urge legislators to consult civil society and the technical community when they draft laws
    that affect the Internet.
## Cooperation with the Forum
1. Recommend that governments consult all stakeholders before they regulate online platforms.
1. Welcome the parliamentary track of the Internet Governance Forum and invite the IGF
    Secretariat to keep it in the programme of each annual meeting.
1. Request the Multistakeholder Advisory Group to reserve a main session for members of parliament.
# Suggestions for the next roundtable
The organizers drew up the points below from the evaluation forms returned by the participants.
- Invite members of regional parliaments to the preparatory calls.
- Publish the list of speakers four weeks before the meeting.
"""


def make_roundtable_docx() -> bytes:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.title = ROUNDTABLE_TITLE
    properties.author = properties.last_modified_by = "igkg test fixture"
    properties.created = properties.modified = datetime.datetime(*FIXED_ZIP_DATE)
    properties.revision = 1
    lines: list[str] = []
    for line in ROUNDTABLE.splitlines():
        if line.startswith("    "):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    for line in lines:
        if line.startswith("! "):
            document.add_paragraph(line[2:], style="Title")
        elif line.startswith("## "):
            document.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            document.add_heading(line[2:], level=1)
        elif line.startswith("1. "):
            document.add_paragraph(line[3:], style="List Number")
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
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


def check_roundtable_docx(data: bytes) -> None:
    import docx

    document = docx.Document(io.BytesIO(data))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == 6, len(numbered)
    assert all(not p.text[:1].isdigit() for p in numbered)
    texts = [p.text for p in document.paragraphs]
    chapeau = texts.index("The participants in the roundtable:")
    assert document.paragraphs[chapeau + 1].style.name == "Heading 2"


# =============================================================================================
# page-break-contribution.pdf: one flow of paragraphs over two pages; paragraph 4 is long
# enough to be split by the page break, and footnotes 1-2 are printed at the foot of page 1.
# =============================================================================================

PDF_TITLE = "Contribution of the Open Infrastructure Coalition to the 2029 review"
PDF_HEADER_LEFT = "Open Infrastructure Coalition"
PDF_HEADER_RIGHT = "CSTD 2029 review"

PDF_FLOW: list[tuple[str, str]] = [
    ("title", PDF_TITLE),
    ("subtitle", "Submitted to the secretariat of the Commission on 2 February 2029"),
    ("h", "I. Our position"),
    ("1", "We welcome the invitation of the Commission on Science and Technology for "
          "Development<super>1</super> to contribute to its review, and thank the Government of "
          "Kenya for hosting the open consultation in Nairobi."),
    ("2", "We oppose any proposal to charge fees for taking part in the Internet Governance Forum, "
          "and reject the view that its outcomes should become negotiated texts."),
    ("3", "We insist that the technical coordination of the Internet stay with the bodies that have "
          "carried it out for decades, including ICANN and the regional Internet registries."),
    ("h", "II. Participation"),
    ("4", "All stakeholders are urged to take part in the national consultations that come before "
          "the review, and are encouraged to share the results of their own assessments with the "
          "CSTD.<super>2</super> Assessments are most useful when they set out, for each action "
          "line, what has been achieved, what remains to be done and which partners could help, "
          "and when they are published in a format that others can reuse without asking for "
          "permission first. Several members of the coalition have already published theirs, and "
          "the coalition will gladly share the templates its members used."),
    ("5", "The technical community is encouraged to continue its fellowship programmes for "
          "engineers from developing countries, and the regional Internet registries and the "
          "Number Resource Organization to support those programmes with training material."),
    ("6", "The IGF Secretariat, which is part of the Department of Economic and Social Affairs, "
          "should be given a budget that allows it to support intersessional work throughout the "
          "year."),
    ("7", "We pledge to make our training material available under open licences, and we call on "
          "the private sector to do the same."),
    ("h", "Closing remarks"),
    ("8", "Two decades after the Summit, we reaffirm our commitment to an Internet that is open, "
          "secure and governed with the participation of all stakeholders, in line with paragraph "
          "31 of the Tunis Agenda."),
]
PDF_FOOTNOTES = {
    1: [("1", "Note by the secretariat of 12 December 2028 inviting contributions to the review."),
        ("2", "The national consultations are listed on the website of the Commission.")],
}
# phrases each page's text layer must hold (checked after the build): paragraph 4 is split
PDF_PAGE_CHECKS = {
    1: ["I. Our position", "We oppose", "All stakeholders are urged", "Note by the secretariat"],
    2: ["permission first", "The technical community is encouraged", "Closing remarks", "Two decades"],
}
PDF_SPLIT = ("All stakeholders are urged", "permission first")  # on page 1 / on page 2


def make_contribution_pdf() -> bytes:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    width, height = A4
    margin, notes_h = 2.4 * cm, 2.6 * cm
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=12, leading=16, alignment=TA_JUSTIFY,
                          spaceAfter=8)
    numbered = ParagraphStyle("numbered", parent=body, leftIndent=24, bulletIndent=0,
                              bulletFontName="Times-Roman", bulletFontSize=12)
    styles = {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", fontName="Times-Italic", fontSize=12, leading=15, spaceAfter=12),
        "h": ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=12.5, leading=16, spaceBefore=6,
                            spaceAfter=4),
    }
    note = ParagraphStyle("note", fontName="Times-Roman", fontSize=9, leading=11, leftIndent=10,
                          firstLineIndent=-10)

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(margin, height - 1.3 * cm, PDF_HEADER_LEFT)
        canvas.drawRightString(width - margin, height - 1.3 * cm, f"{PDF_HEADER_RIGHT} - page {doc.page}")
        notes = PDF_FOOTNOTES.get(doc.page, [])
        if notes:
            top = margin + notes_h - 0.4 * cm
            canvas.setLineWidth(0.4)
            canvas.line(margin, top, margin + 5 * cm, top)
            y = top - 0.15 * cm
            for marker, text in notes:
                para = Paragraph(f"<super>{marker}</super> {text}", note)
                _w, h = para.wrap(width - 2 * margin, notes_h)
                para.drawOn(canvas, margin, y - h)
                y -= h + 2
        canvas.restoreState()

    bottom = margin + notes_h
    frame_h = 12.0 * cm  # short enough that paragraph 4 starts near the foot of page 1
    frame = Frame(margin, bottom, width - 2 * margin, frame_h, id="body")
    later = Frame(margin, bottom, width - 2 * margin, height - 2.2 * cm - bottom, id="later")
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, title=PDF_TITLE, author="igkg test fixture",
                          subject="Test document for igkg extract", creator="ReportLab", invariant=1)
    doc.addPageTemplates([PageTemplate("first", [frame], onPage=decorate, autoNextPageTemplate="later"),
                          PageTemplate("later", [later], onPage=decorate)])
    story = []
    for kind, text in PDF_FLOW:
        if kind.isdigit():
            story.append(Paragraph(text, numbered, bulletText=f"{kind}."))
        else:
            story.append(Paragraph(text, styles[kind]))
    doc.build(story)
    return buffer.getvalue()


def check_contribution_pdf(data: bytes) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2, len(reader.pages)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    for number, phrases in PDF_PAGE_CHECKS.items():
        for phrase in phrases:
            assert phrase in texts[number - 1], (number, phrase, texts[number - 1])
    first, second = PDF_SPLIT
    assert first in texts[0] and first not in texts[1] and second in texts[1] and second not in texts[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write to (default: {OUT})")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "roundtable-conclusions.docx": make_roundtable_docx(),
        "page-break-contribution.pdf": make_contribution_pdf(),
    }
    check_roundtable_docx(files["roundtable-conclusions.docx"])
    check_contribution_pdf(files["page-break-contribution.pdf"])
    for name, data in files.items():
        assert len(data) < 200_000, (name, len(data))
        (out / name).write_bytes(data)
        print(f"wrote {out / name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
