"""Make the PDF copy of the synthetic accord for the attach-text tests (tests/data/attach/).

``tests/data/attach/synthetic-accord.txt`` is the synthetic instrument's text, written for the
tests (it copies no UN text); this script lays the same text out as a PDF with a text layer the
way an official copy looks: a title block, headings, numbered paragraphs with a hanging number,
indented sub-items, a running header with the symbol and a footer with the page number, on
small pages so that paragraphs run over page breaks. It is a commit-time fixture maker like
``scripts/make_extract_fixtures.py``: the tests do not run it and the package does not depend on
ReportLab. It needs reportlab and pypdf, outside the project's environment:

    python3 -m venv /tmp/fixture-venv
    /tmp/fixture-venv/bin/pip install reportlab pypdf
    /tmp/fixture-venv/bin/python scripts/make_attach_fixtures.py [--out DIR]

The output is reproducible (ReportLab's invariant mode). After writing the file the script
reads it back with pypdf and checks that every paragraph number and sub-item label is in the
text layer and that it has more than one page.
"""

from __future__ import annotations

import argparse
import io
import re
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "attach"
_NUMBER = re.compile(r"^(\d+)\.\s+(.*)$")
_ITEM = re.compile(r"^\(([a-z]+)\)\s+(.*)$")


def _blocks(text: str) -> list[list[str]]:
    return [block.splitlines() for block in text.strip().split("\n\n")]


def make_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=9, leading=11, spaceAfter=5)
    numbered = ParagraphStyle("numbered", parent=body, leftIndent=16, bulletIndent=0)
    item = ParagraphStyle("item", parent=body, leftIndent=32, bulletIndent=16, spaceAfter=3)
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=9.5, leading=12, spaceBefore=4,
                             spaceAfter=5)
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=11, leading=13, spaceAfter=2)
    blocks = _blocks(text)
    symbol = blocks[0][1]

    def decorate(canvas: Any, doc: Any) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawRightString(width - 1 * cm, height - 0.7 * cm, symbol)
        canvas.drawCentredString(width / 2, 0.5 * cm, str(doc.page))
        canvas.restoreState()

    story: list[Any] = [Paragraph(line, title if i == 0 else body) for i, line in enumerate(blocks[0])]
    for block in blocks[1:]:
        joined = " ".join(line.strip() for line in block if not _ITEM.match(line))
        first = _NUMBER.match(block[0])
        if first is None:
            story.append(Paragraph(joined, heading))
            continue
        opening = " ".join([first.group(2), *(line for line in block[1:] if not _ITEM.match(line))])
        story.append(Paragraph(opening, numbered, bulletText=f"{first.group(1)}."))
        for line in block[1:]:
            sub = _ITEM.match(line)
            if sub:
                story.append(Paragraph(sub.group(2), item, bulletText=f"({sub.group(1)})"))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A6, leftMargin=1 * cm, rightMargin=1 * cm, topMargin=1.1 * cm,
                            bottomMargin=1 * cm, title=blocks[0][0], author="igkg test fixture",
                            creator="ReportLab", invariant=1)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def check_pdf(data: bytes, text: str) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 1, len(reader.pages)
    layer = "\n".join(page.extract_text() for page in reader.pages)
    for number in _NUMBER.findall(text):
        assert f"{number[0]}." in layer, number[0]
    for label, _rest in _ITEM.findall("\n".join(line for line in text.splitlines() if line.startswith("("))):
        assert f"({label})" in layer, label


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write to (default: {OUT})")
    out = parser.parse_args().out
    text = (OUT / "synthetic-accord.txt").read_text(encoding="utf-8")
    data = make_pdf(text)
    check_pdf(data, text)
    out.mkdir(parents=True, exist_ok=True)
    (out / "synthetic-accord.pdf").write_bytes(data)
    print(f"wrote {out / 'synthetic-accord.pdf'} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
