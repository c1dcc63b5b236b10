"""Word documents (``.docx``), opened with python-docx, written out as Markdown-like text.

* headings by style (``Title`` → ``# ``, ``Heading N`` → N+1 ``#``; any style with an outline
  level counts, so headings in a localised Word are found too);
* list items with the number or letter Word shows (``1. ``, ``(a) ``, ``4.1. ``; bullets as
  ``- ``), computed from ``word/numbering.xml`` (:mod:`.numbering`), indented four spaces per
  level;
* table rows as ``| a | b |``;
* footnotes and endnotes: the reference is written where it stands, like a printed superscript
  ("Agenda,3"), and the notes follow the text under a rule, each as ``3 The note.``; both are
  passed on as hints, so the layout clean-up knows them exactly;
* tracked deletions, field codes, hidden text and the fallback copies of text boxes are left
  out; blocks are separated by one blank line.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ...errors import InputError
from .base import Hints, MarkerHint, NoteHint, Reading
from .numbering import Numbering, W, format_number

__all__ = ["read_docx"]

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {f"{W}{tag}" for tag in ("del", "moveFrom", "instrText", "delText", "pPr", "rPr", "delInstrText")}
_SKIP.add(_MC_FALLBACK)
_SPACE = re.compile(r"[ \t\u00a0]+")
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.I)
_RULE = "____________________"


def _open(data: bytes, name: str) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, EOFError) as error:
        raise InputError(
            f"{name}: a damaged Word file ({type(error).__name__}); open it in Word or LibreOffice and save it "
            "again, or get a fresh copy"
        ) from None
    except ValueError as error:  # e.g. a macro-enabled or template file
        raise InputError(f"{name}: not a Word document python-docx can open ({error}); save it as .docx") from None
    except Exception as error:  # lxml's XMLSyntaxError and other damage inside the parts
        raise InputError(
            f"{name}: a damaged Word file ({type(error).__name__}: {error}); open it in Word or LibreOffice and "
            "save it again"
        ) from None


def _part(document: Any, kind: str) -> Any | None:
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/" + kind):
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        return element if element is not None else etree.fromstring(part.blob)
    return None


class _Writer:
    """Collects the text and the hints, in document order."""

    def __init__(self, document: Any) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.markers: list[MarkerHint] = []
        self.notes: list[NoteHint] = []
        self.refs: dict[tuple[str, str], str] = {}  # (kind, w:id) -> printed marker
        styles = _part(document, "styles")
        self.numbering = Numbering(_part(document, "numbering"), styles)
        self.style_names: dict[str, str] = {}
        self.outline: dict[str, int] = {}
        self.based_on: dict[str, str] = {}
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                sid = str(style.get(f"{W}styleId"))
                name = style.find(f"{W}name")
                self.style_names[sid] = str(name.get(f"{W}val")) if name is not None else sid
                level = style.find(f"{W}pPr/{W}outlineLvl")
                if level is not None:
                    self.outline[sid] = int(level.get(f"{W}val", "9"))
                based = style.find(f"{W}basedOn")
                if based is not None:
                    self.based_on[sid] = str(based.get(f"{W}val"))

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def block(self, text: str) -> None:
        if self.length:
            self.write("\n\n")
        self.write(text)

    def inline(self, element: Any, out: list[str], offset: int) -> int:
        """Append the visible text of ``element`` to ``out``; return the new length."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{W}r" and child.find(f"{W}rPr/{W}vanish") is not None:
                continue
            if tag == f"{W}t":
                text = _SPACE.sub(" ", child.text or "")
                out.append(text)
                offset += len(text)
            elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                out.append(" ")
                offset += 1
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
                offset += 1
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                key = (kind, str(child.get(f"{W}id")))
                if key not in self.refs:
                    count = sum(1 for k in self.refs if k[0] == kind) + 1
                    self.refs[key] = str(count) if kind == "footnote" else format_number(count, "lowerRoman")
                marker = self.refs[key]
                self.markers.append(MarkerHint(offset, offset + len(marker), marker))
                out.append(marker)
                offset += len(marker)
            else:
                offset = self.inline(child, out, offset)
        return offset

    def paragraph_text(self, paragraph: Any, start: int) -> tuple[str, int]:
        """The paragraph's text with white space collapsed; marker hints are shifted to match."""
        out: list[str] = []
        first = len(self.markers)
        self.inline(paragraph, out, start)
        raw = "".join(out)
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        if lead:
            self.markers[first:] = [MarkerHint(m.start - lead, m.end - lead, m.marker) for m in self.markers[first:]]
        return text, len(text)

    def style_of(self, paragraph: Any) -> str | None:
        value = paragraph.find(f"{W}pPr/{W}pStyle")
        return str(value.get(f"{W}val")) if value is not None else None

    def heading_level(self, style: str | None, paragraph: Any) -> int | None:
        own = paragraph.find(f"{W}pPr/{W}outlineLvl")
        if own is not None and int(own.get(f"{W}val", "9")) < 9:
            return int(own.get(f"{W}val", "9")) + 2
        seen: set[str] = set()
        while style is not None and style not in seen:
            seen.add(style)
            name = self.style_names.get(style, style)
            if name.lower() == "title":
                return 1
            if match := _HEADING_NAME.match(name):
                return int(match.group(1)) + 1
            if self.outline.get(style, 9) < 9:
                return self.outline[style] + 2
            style = self.based_on.get(style)
        return None

    def paragraph(self, paragraph: Any) -> None:
        style = self.style_of(paragraph)
        label = self.numbering.label(paragraph, style)
        level = self.heading_level(style, paragraph)
        if level is not None:
            prefix = "#" * min(level, 6) + " " + (label[0] + " " if label and label[0] != "-" else "")
        elif label is not None:
            prefix = "    " * label[1] + label[0] + " "
        else:
            prefix = ""
        separator = 2 if self.length else 0
        first = len(self.markers)
        text, _n = self.paragraph_text(paragraph, self.length + separator + len(prefix))
        if not text:
            del self.markers[first:]
            return
        self.block(prefix + text)

    def table(self, table: Any) -> None:
        rows: list[str] = []
        position = self.length + (2 if self.length else 0)  # where the table's text will start
        for row in table.iter(f"{W}tr"):
            first = len(self.markers)
            line = "|"
            for cell in row.iter(f"{W}tc"):
                line += " "
                texts: list[str] = []
                for p in cell.iter(f"{W}p"):
                    if texts and texts[-1]:
                        line += " "
                    text, _n = self.paragraph_text(p, position + len(line))
                    line += text.replace("|", "/")
                    texts.append(text)
                line += " |"
            if line.strip("| "):
                rows.append(line)
                position += len(line) + 1
            else:
                del self.markers[first:]
        if rows:
            self.block("\n".join(rows))

    def body(self, element: Any) -> None:
        for child in element:
            if child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                self.table(child)
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                self.body(child)

    def notes_part(self, part: Any | None, kind: str) -> list[tuple[str, str]]:
        if part is None:
            return []
        found: list[tuple[str, str]] = []
        for note in part.iter(f"{W}{kind}"):
            key = (kind, str(note.get(f"{W}id")))
            if key not in self.refs:  # separators, and notes nothing refers to
                continue
            texts = []
            for p in note.iter(f"{W}p"):
                out: list[str] = []
                first = len(self.markers)
                self.inline(p, out, 0)
                del self.markers[first:]  # the note's own reference mark
                texts.append("".join(out).strip())
            text = " ".join(t for t in texts if t)
            marker = self.refs[key]
            if text.startswith(marker):
                text = text[len(marker) :].lstrip()
            found.append((marker, text))
        return found


def read_docx(data: bytes, name: str) -> Reading:
    """The text of a Word document, with its list numbers, headings, tables and footnotes."""
    document = _open(data, name)
    writer = _Writer(document)
    writer.body(document.element.body)
    notes = writer.notes_part(_part(document, "footnotes"), "footnote")
    notes += writer.notes_part(_part(document, "endnotes"), "endnote")
    if not writer.length:
        raise InputError(f"{name}: the Word document has no text; expected a text with recommendations")
    if notes:
        writer.block(_RULE)
        for marker, text in notes:
            writer.write("\n")
            start = writer.length
            writer.write(f"{marker} {text}")
            writer.notes.append(NoteHint(marker, start, writer.length))
    writer.write("\n")
    return Reading(
        "".join(writer.parts), "docx", None, Hints(markers=tuple(writer.markers), notes=tuple(writer.notes))
    )
