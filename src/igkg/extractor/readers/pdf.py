"""PDF files with a text layer, read with pdfminer.six.

pdfminer.six was chosen over pypdf and pypdfium2 (``benchmarks/readers_bench.py``, docs/extract.md)
because it is the one that gives the layout: text boxes in reading order (a two-column page is
read column by column, a running header and footer are boxes of their own) and, for every
character, its font size and position, so that a superscript note marker ("Internet.¹") and the
small type of the footnotes are known for what they are rather than guessed from the text.

The text is written page by page, pages separated by a form feed, text boxes by a blank line,
the lines of a box as they are printed (white space collapsed, ligatures undone). Hyphens stay:
whether "multi-⏎stakeholder" keeps its hyphen is decided by the layout clean-up, which also
removes the running headers and footers. A file with no text at all (a scan), one that needs a
password, or one that cannot be parsed is refused with a message that says what to do.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...errors import InputError
from .base import Hints, MarkerHint, Reading

__all__ = ["read_pdf"]

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st",
                            # Word's bullets in the Symbol and Wingdings fonts, in the private use area
                            "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "•", "\uf06e": "▪"})
_SPACES = re.compile(r"\s+")
_MARKER_CHARS = re.compile(r"[0-9A-Za-z*†‡§¶#]+")
_NOTE_START = re.compile(r"^(?:\d{1,3}|[*†‡§]{1,3}|[a-z])\s")


@dataclass
class _Line:
    text: str
    size: float  # the size most characters of the line are set in
    superscripts: list[tuple[int, int]]  # spans of raised, smaller characters in ``text``
    x0: float = 0.0
    y0: float = 0.0
    y1: float = 0.0
    x1: float = 0.0


@dataclass
class _Box:
    lines: list[_Line]
    size: float
    y0: float
    y1: float
    x0: float = 0.0
    x1: float = 0.0


def _is(obj: Any, kind: type) -> bool:
    """``isinstance`` for pdfminer's classes, imported only when a PDF is read (no narrowing)."""
    return isinstance(obj, kind)


def _line(objects: Iterator[Any], char_type: type, size_hint: float) -> _Line:
    chars: list[tuple[str, float, float]] = []  # text, size, y0 (None-size: a space pdfminer inserted)
    for obj in objects:
        text = obj.get_text()
        if _is(obj, char_type):
            chars.append((text, float(obj.size), float(obj.y0)))
        else:
            chars.append((text, 0.0, 0.0))
    sizes = Counter(round(size, 1) for _t, size, _y in chars if size)
    main = sizes.most_common(1)[0][0] if sizes else size_hint
    bases = sorted(y0 for _t, size, y0 in chars if size and abs(size - main) < 0.5)
    base = bases[len(bases) // 2] if bases else 0.0
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    previous_space = True
    for text, size, y0 in chars:
        text = text.translate(_LIGATURES)
        if not text or text == "\n":
            continue
        if text.isspace():
            if not previous_space:
                out.append(" ")
                length += 1
                previous_space = True
            continue
        raised = 0 < size < 0.92 * main and y0 > base + 0.2 * main
        if raised and _MARKER_CHARS.fullmatch(text):
            if spans and spans[-1][1] == length:
                spans[-1] = (spans[-1][0], length + len(text))
            else:
                spans.append((length, length + len(text)))
        out.append(text)
        length += len(text)
        previous_space = False
    line = "".join(out)
    stripped = line.rstrip()
    return _Line(stripped, main, [(a, min(b, len(stripped))) for a, b in spans if a < len(stripped)])


def _boxes(page: Any, box_type: type, line_type: type, char_type: type) -> Iterator[_Box]:
    stack: list[Iterator[Any]] = [iter(page)]
    while stack:
        for element in stack[-1]:
            if _is(element, box_type):
                lines = []
                for obj in element:
                    if _is(obj, line_type):
                        line = _line(iter(obj), char_type, 0.0)
                        line.x0, line.y0, line.y1, line.x1 = float(obj.x0), float(obj.y0), float(obj.y1), float(obj.x1)
                        if line.text:
                            lines.append(line)
                if lines:
                    weights: Counter[float] = Counter()
                    for line in lines:
                        weights[line.size] += len(line.text)
                    size = weights.most_common(1)[0][0]
                    yield _Box(lines, size, float(element.y0), float(element.y1), float(element.x0), float(element.x1))
            elif hasattr(element, "__iter__") and not _is(element, line_type):
                stack.append(iter(element))  # a figure (form XObject) holding text
                break
        else:
            stack.pop()


def _pages(data: bytes, name: str) -> list[tuple[float, list[_Box]]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not the user's business
    try:
        return [
            (float(page.height), paragraph_boxes(list(_boxes(page, LTTextBox, LTTextLine, LTChar))))
            for page in extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True))
        ]
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(
            f"{name}: the PDF is protected by a password; remove the protection (e.g. qpdf --decrypt "
            "--password=PASSWORD in.pdf out.pdf) and try again"
        ) from None
    except (PSException, ValueError, KeyError, TypeError, IndexError, AssertionError, OSError) as error:
        raise InputError(
            f"{name}: a damaged PDF that cannot be read ({type(error).__name__}); open it in a PDF viewer and "
            "save or print it to a new PDF, or copy the text"
        ) from None


_MARKER_ONLY = re.compile(r"(?:\(?\d{1,3}[.)]|\([a-z]{1,4}\)|[a-z][.)]|[IVXL]{1,5}\.)")
_ENDS_PARAGRAPH = re.compile(r"[.;:!?][\"'’”)\]]*$")


def _hang_markers(boxes: list[_Box]) -> list[_Box]:
    """Paragraph numbers and sub-item letters set apart from their text ("5." or "(a)" in the
    margin, the text to its right on the same baseline): each goes in front of its text's line,
    and that line starts a paragraph of its own. pdfminer puts such markers in boxes of their own,
    or several markers in one box (the numbers of a page's paragraphs first), or the markers of
    sub-items in the box of the paragraph that follows them: the markers are matched line by line,
    whatever box they are in, and the boxes are then cut where a marked line starts."""
    marker_lines = [line for box in boxes for line in box.lines if _MARKER_ONLY.fullmatch(line.text)]
    if not marker_lines:
        return boxes
    for box in boxes:
        if len(box.lines) == 1 and not box.lines[0].x1:
            box.lines[0].x1 = box.x1  # a line made without its right edge: its box's
    text_lines = [(line, box.size) for box in boxes for line in box.lines if not _MARKER_ONLY.fullmatch(line.text)]
    consumed: set[int] = set()
    starts: set[int] = set()
    for marker in marker_lines:
        best: _Line | None = None
        for line, size in text_lines:
            if id(line) in starts or line.x0 < marker.x1 - 0.5 or line.x0 - marker.x1 > 6 * size:
                continue
            if abs(line.y1 - marker.y1) <= 0.4 * size and (best is None or line.x0 < best.x0):
                best = line
        if best is None:
            continue
        shift = len(marker.text) + 1
        best.text = f"{marker.text} {best.text}"
        best.superscripts = [(a + shift, b + shift) for a, b in best.superscripts]
        best.x0 = marker.x0
        consumed.add(id(marker))
        starts.add(id(best))
    out: list[_Box] = []
    for box in boxes:
        pieces: list[list[_Line]] = [[]]
        for line in box.lines:
            if id(line) in consumed:
                continue
            if id(line) in starts and pieces[-1]:
                pieces.append([])
            pieces[-1].append(line)
        for lines in pieces:
            if lines == box.lines:
                out.append(box)
            elif lines:
                out.append(_Box(lines, box.size, min(x.y0 for x in lines), max(x.y1 for x in lines),
                                min(x.x0 for x in lines), max(max(x.x1 for x in lines), box.x0)))
    return out


_WIDE_GAP = "     "


def _gutter(boxes: list[_Box]) -> float | None:
    """The x of the gap between two columns of text on a page, or ``None``: a line in the middle
    of the text's width that no box crosses but the full-width ones, with boxes of two lines or
    more on both sides of it side by side (a table of one-line cells is no column layout)."""
    if len(boxes) < 3:
        return None
    left_edge, right_edge = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    width = right_edge - left_edge
    best: tuple[int, float] | None = None
    for candidate in sorted({b.x0 for b in boxes}):
        if not left_edge + 0.3 * width <= candidate <= left_edge + 0.7 * width:
            continue
        left = [b for b in boxes if b.x1 <= candidate + 1 and len(b.lines) >= 2]
        right = [b for b in boxes if b.x0 >= candidate - 1 and len(b.lines) >= 2]
        side_by_side = any(min(a.y1, b.y1) - max(a.y0, b.y0) > 0 for a in left for b in right)
        if side_by_side and (best is None or len(left) + len(right) > best[0]):
            best = (len(left) + len(right), candidate)
    return best[1] if best is not None else None


def _columns(boxes: list[_Box]) -> list[_Box]:
    """Boxes in reading order on a page set in two columns: pdfminer may give a right column's
    boxes before the left's. Boxes across the gutter (a heading, a running header, footnotes
    over the full width) cut the page into bands, top down; in each band the left column is read
    top down, then the right one. A page without columns keeps pdfminer's order."""
    gutter = _gutter(boxes)
    if gutter is None:
        return boxes
    # the columns' own extent: a running header or footer above or below them is no column's
    columned = [b for b in boxes if len(b.lines) >= 2 and (b.x1 <= gutter + 1 or b.x0 >= gutter - 1)]
    top, bottom = max(b.y1 for b in columned), min(b.y0 for b in columned)
    ordered: list[_Box] = []
    band: list[_Box] = []

    def flush() -> None:
        ordered.extend(sorted((b for b in band if b.x1 <= gutter + 1), key=lambda b: -b.y1))
        ordered.extend(sorted((b for b in band if b.x1 > gutter + 1), key=lambda b: -b.y1))
        band.clear()

    for box in sorted(boxes, key=lambda b: (-round(b.y1), b.x0)):
        across = box.x0 < gutter - 1 and box.x1 > gutter + 1
        if across or box.y0 >= top - 1 or box.y1 <= bottom + 1:  # across the gutter, or above or below: a band ends
            flush()
            ordered.append(box)
        else:
            band.append(box)
    flush()
    return ordered


def _same_lines(boxes: list[_Box]) -> list[_Box]:
    """One-line boxes side by side on one baseline (a running header "A/RES/80/321" at the left and
    its title at the right, a footer's job number and page number) become one line whose parts
    are set apart by a wide gap, as a text copy of the page has them."""
    out: list[_Box] = []
    for box in boxes:
        last = out[-1] if out else None
        if (
            last is not None
            and len(last.lines) == 1
            and len(box.lines) == 1
            and abs(last.lines[0].y1 - box.lines[0].y1) <= 0.4 * max(last.size, box.size)
            and box.x0 >= last.x1
        ):
            left, right = last.lines[0], box.lines[0]
            shift = len(left.text) + len(_WIDE_GAP)
            line = _Line(f"{left.text}{_WIDE_GAP}{right.text}", left.size,
                         [*left.superscripts, *((a + shift, b + shift) for a, b in right.superscripts)],
                         left.x0, min(left.y0, right.y0), max(left.y1, right.y1), right.x1)
            out[-1] = _Box([line], last.size, min(last.y0, box.y0), max(last.y1, box.y1), last.x0, box.x1)
            continue
        out.append(box)
    return out


def paragraph_boxes(boxes: list[_Box]) -> list[_Box]:
    """Text boxes as paragraphs: a hanging paragraph number joins its text, and a box that
    continues the one before it (same type size, overlapping columns, the gap of a line break
    rather than of a new paragraph, the first box not ending a sentence) joins it, as pdfminer
    splits a paragraph whose first line is wider than the others ("2. We oppose … Governance" /
    "Forum, and reject …")."""
    merged: list[_Box] = []
    for box in _same_lines(_hang_markers(_columns(boxes))):
        if merged:
            last = merged[-1]
            gap = last.y0 - box.y1
            overlap = min(last.x1, box.x1) - max(last.x0, box.x0)
            if (
                abs(last.size - box.size) < 0.3
                and -0.2 * box.size <= gap <= 0.45 * box.size
                and overlap > 0.5 * (box.x1 - box.x0)
                and not _ENDS_PARAGRAPH.search(last.lines[-1].text)
                and not _MARKER_ONLY.match(box.lines[0].text + " ")
            ):
                merged[-1] = _Box([*last.lines, *box.lines], last.size, box.y0, last.y1, min(last.x0, box.x0),
                                  max(last.x1, box.x1))
                continue
        merged.append(box)
    return merged


def _body_size(pages: list[tuple[float, list[_Box]]]) -> float:
    weights: Counter[float] = Counter()
    for _height, boxes in pages:
        for box in boxes:
            for line in box.lines:
                weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def read_pdf(data: bytes, name: str) -> Reading:
    """The text layer of a PDF, with the superscript markers and footnote areas as hints."""
    pages = _pages(data, name)
    if not any(boxes for _height, boxes in pages):
        raise InputError(
            f"{name}: the PDF has no text layer (a scan?): run OCR first, e.g. ocrmypdf, or copy the text"
        )
    body = _body_size(pages)
    parts: list[str] = []
    length = 0
    markers: list[MarkerHint] = []
    areas: list[tuple[int, int]] = []
    for number, (height, boxes) in enumerate(pages):
        if number:
            parts.append("\f")
            length += 1
        lowest_body = min((b.y0 for b in boxes if b.size >= 0.9 * body), default=height)
        in_notes, note_size = False, 0.0
        for index, box in enumerate(boxes):
            if index:
                parts.append("\n\n")
                length += 2
            start = length
            small = box.size < 0.9 * body and box.y1 <= lowest_body + 1 and box.y1 < height / 2
            first = box.lines[0]
            opens_note = bool(first.superscripts and first.superscripts[0][0] == 0) or bool(
                _NOTE_START.match(first.text)
            )
            in_notes = small and (opens_note or (in_notes and abs(box.size - note_size) < 0.3))
            note_size = box.size if opens_note else note_size
            for k, line in enumerate(box.lines):
                if k:
                    parts.append("\n")
                    length += 1
                for a, b in line.superscripts:
                    markers.append(MarkerHint(length + a, length + b, line.text[a:b]))
                parts.append(line.text)
                length += len(line.text)
            if in_notes:
                areas.append((start, length))
    text = "".join(parts)
    return Reading(text + "\n", "pdf", len(pages), Hints(markers=tuple(markers), note_areas=tuple(areas)))
