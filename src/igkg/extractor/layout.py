"""Page layout clean-up: from the text a reader produced to the body text that is segmented.

:func:`prepare` takes a :class:`~igkg.extractor.reading.SourceText` and returns a
:class:`PreparedText`: the body without page furniture, footnotes and note markers, with
line-end hyphenation undone, and a map from every offset of that body back to the original
text, so that evidence still points into what the user gave. The steps, each a function of its
own module and tested on its own:

1. pages (:mod:`.pages`): split at form feeds (a PDF's pages, or a text copied out of one), or,
   in a copy that lost its form feeds, after each block of footnotes;
2. furniture (:mod:`.furniture`): running headers and footers, page numbers and job numbers at
   the page edges (documents of two pages or more, and PDFs);
3. footnotes (:mod:`.footnotes`): the notes under a rule of underscores, in a PDF's small type at
   the foot of a page, or defined by a Word file; each note keeps its marker and text;
4. markers: a note's marker glued to a word ("Agenda,3", "CSTD5") is cut out of the word, and
   where it was is recorded, for the notes that exist only;
5. page joins: a paragraph that runs on over a page break stays one paragraph; a page whose text
   ends a sentence starts a new one;
6. hyphenation (:mod:`.hyphenation`): "Govern-⏎ments" → "Governments", "multi-⏎stakeholder" →
   "multi-stakeholder".

A clean text (one page, no notes, no line-end hyphens) comes out unchanged, character for
character. Every step is linear in the size of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .footnotes import glued_markers, is_rule, note_start, note_text
from .furniture import furniture_lines, is_job_line, running_keys
from .hyphenation import COMPOUNDS, compounds_of, count_words, decide
from .pages import line_spans, pages_of, split_pages
from .readers import NoteHint
from .reading import SourceText

__all__ = ["Footnote", "PreparedText", "prepare", "split_pages"]

_HYPHEN_END = re.compile(r"([^\W_]+)([-\u00ad\u2010])[ \t]*$")
_FIRST_WORD = re.compile(r"[ \t]*([^\W\d_]+(?:-[^\W\d_]+)*|\d+)")
_MAY_HOLD_MARKER = re.compile(r"(?:[^\W\d_]|[.,;:)\]’”\"'])[\d*†‡]")
_TERMINAL = re.compile(r"[.;:!?][\"'’”)\]]*[ \t]*$")
_ITEM_START = re.compile(
    r"[ \t]*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\([a-zA-Z]{1,4}\)|[a-z][.)]|[IVXL]{1,5}\.|[•▪◦\-*–—]\s|#)"
)


@dataclass(frozen=True)
class Footnote:
    """A note of the document: its marker, its text (white space collapsed, hyphenation
    undone) and its span in :attr:`PreparedText.original`, marker included."""

    marker: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PreparedText:
    """The text to segment, what was taken out of it, and the way back to the original."""

    original: str
    text: str
    footnotes: tuple[Footnote, ...] = ()
    markers: tuple[tuple[int, str], ...] = ()  # (offset in text where a marker was removed, marker)
    format: str = "text"
    pages: int | None = None
    runs: tuple[tuple[int, int, int], ...] = field(default=(), repr=False, compare=False)

    def to_original(self, offset: int) -> int:
        """The offset in :attr:`original` of offset ``offset`` of :attr:`text` (monotonic; an
        offset inside something the clean-up inserted maps to the next original character)."""
        if not self.runs:
            return offset
        k = max(bisect_right(self._starts, offset) - 1, 0)
        start, original, length = self.runs[k]
        return original + min(max(offset - start, 0), length)

    @property
    def _starts(self) -> list[int]:
        cached: list[int] | None = self.__dict__.get("_starts_cache")
        if cached is None:
            cached = [run[0] for run in self.runs]
            object.__setattr__(self, "_starts_cache", cached)
        return cached


class _Builder:
    """The body text, piece by piece, with the runs that map it back to the original."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.parts: list[str] = []
        self.runs: list[tuple[int, int, int]] = []
        self.length = 0

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        if self.runs:
            t, o, n = self.runs[-1]
            if t + n == self.length and o + n == start:
                self.runs[-1] = (t, o, n + end - start)
                self.parts.append(self.original[start:end])
                self.length += end - start
                return
        self.runs.append((self.length, start, end - start))
        self.parts.append(self.original[start:end])
        self.length += end - start

    def insert(self, text: str, at: int) -> None:
        self.runs.append((self.length, at, 0))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class _Document:
    """The lines of a source, by page, and what each line is."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.text = source.text
        self.lines: list[tuple[int, int]] = []
        self.pages: list[list[int]] = []
        for start, end in pages_of(self.text):
            first = len(self.lines)
            self.lines.extend(line_spans(self.text, start, end))
            self.pages.append(list(range(first, len(self.lines))))
        self.removed: set[int] = set()
        self.note_lines: set[int] = set()
        self.texts = [self.text[start:end] for start, end in self.lines]

    def line(self, i: int) -> str:
        return self.texts[i]

    def page_of(self) -> list[int]:
        owner = [0] * len(self.lines)
        for number, page in enumerate(self.pages):
            for i in page:
                owner[i] = number
        return owner


def _furniture(doc: _Document) -> None:
    if len(doc.pages) < 2 and doc.source.format != "pdf":
        return
    texts = [[doc.line(i) for i in page] for page in doc.pages]
    running = running_keys(texts)
    for number, (page, lines) in enumerate(zip(doc.pages, texts, strict=True)):
        doc.removed.update(page[k] for k in furniture_lines(lines, running, first_page=number == 0))


def _notes(doc: _Document) -> list[tuple[str, list[int], int]]:
    """The notes as (marker, line indexes, page), in document order; marks their lines."""
    hints = doc.source.hints
    areas = sorted(hints.note_areas)
    area_starts = [a for a, _b in areas]
    docx_notes = sorted(hints.notes, key=lambda n: n.start)
    note_starts = [n.start for n in docx_notes]

    def defined_at(start: int, end: int) -> NoteHint | None:
        k = bisect_right(note_starts, end - 1 if end > start else start) - 1
        if k >= 0 and docx_notes[k].start < max(end, start + 1) and start < docx_notes[k].end:
            return docx_notes[k]
        return None

    def in_area_at(start: int) -> bool:
        k = bisect_right(area_starts, start) - 1
        return k >= 0 and areas[k][0] <= start < areas[k][1]
    line_start_markers = {m.start: m.marker for m in hints.markers}
    notes: list[tuple[str, list[int], int]] = []
    for number, page in enumerate(doc.pages):
        kept = [i for i in page if i not in doc.removed]
        in_notes = False
        for k, i in enumerate(kept):
            start, end = doc.lines[i]
            line = doc.text[start:end]
            defined = defined_at(start, end) if docx_notes else None
            in_area = in_area_at(start) if areas else False
            if not in_notes and not defined and not in_area and is_rule(line):
                following = next((j for j in kept[k + 1 :] if doc.line(j).strip()), None)
                if following is not None and (note_start(doc.line(following)) or defined_at(*doc.lines[following])):
                    in_notes = True
                    doc.note_lines.add(i)
                continue
            if not (in_notes or defined or in_area):
                continue
            doc.note_lines.add(i)
            if not line.strip():
                continue
            lead = len(line) - len(line.lstrip())
            opened = note_start(line)
            marker = defined.marker if defined is not None and defined.start == start + lead else None
            if marker is None and opened is not None:
                marker = opened[0]
            if marker is None and start + lead in line_start_markers and in_area:
                marker = line_start_markers[start + lead]
            if marker is not None:
                notes.append((marker, [i], number))
            elif notes and notes[-1][2] >= number - 1:
                notes[-1][1].append(i)
            else:
                notes.append(("", [i], number))
    return notes


def _markers(doc: _Document, notes: list[tuple[str, list[int], int]]) -> dict[int, list[tuple[int, int, str]]]:
    """Marker spans to cut, by line: (start, end, marker) with offsets within the line."""
    cut: dict[int, list[tuple[int, int, str]]] = {}
    wanted = {marker for marker, _lines, _page in notes if marker}
    if not wanted:
        return cut
    owner = doc.page_of()
    body = [i for i in range(len(doc.lines)) if i not in doc.removed and i not in doc.note_lines]
    starts = [doc.lines[i][0] for i in body]
    done: set[str] = set()
    for hint in doc.source.hints.markers:
        if hint.marker not in wanted:
            continue
        k = bisect_right(starts, hint.start) - 1
        if k < 0:
            continue
        i = body[k]
        start, end = doc.lines[i]
        if start <= hint.start and hint.end <= end:
            cut.setdefault(i, []).append((hint.start - start, hint.end - start, hint.marker))
            done.add(hint.marker)
    missing = {marker for marker, _lines, _page in notes if marker and marker not in done}
    places: dict[str, list[tuple[int, int, int]]] = {}
    if missing:
        for i in body:
            line = doc.texts[i]
            if not _MAY_HOLD_MARKER.search(line):
                continue
            for a, b, found, _score in glued_markers(line, missing):
                places.setdefault(found, []).append((i, a, b))
    last = (-1, -1)
    pointer: dict[str, int] = dict.fromkeys(places, 0)  # places before it are used or too early
    for marker, _note_lines, page in notes:
        if marker not in places:
            continue
        # the first place after the marker chosen before, on the note's page or the page before
        spots = places[marker]
        k = pointer[marker]
        while k < len(spots) and ((spots[k][0], spots[k][1]) <= last or (
                len(doc.pages) > 1 and owner[spots[k][0]] < page - 1)):
            k += 1
        if k < len(spots) and (len(doc.pages) == 1 or owner[spots[k][0]] <= page):
            i, a, b = spots[k]
            cut.setdefault(i, []).append((a, b, marker))
            k += 1
            if marker.isdigit():
                last = (i, a)
        pointer[marker] = k
    for spans in cut.values():
        spans.sort()
    return cut


def _hyphen_end(line: str) -> re.Match[str] | None:
    """The word and hyphen a line ends with ("Govern-"), if it ends with one."""
    if line.rstrip(" \t")[-1:] not in ("-", "\u00ad", "\u2010"):
        return None
    return _HYPHEN_END.search(line)


def _trim(doc: _Document, page: list[int]) -> list[int]:
    body = [i for i in page if i not in doc.removed and i not in doc.note_lines]
    if len(doc.pages) > 1 or len(body) < len(page):
        while body and not doc.line(body[0]).strip():
            body.pop(0)
        while body and not doc.line(body[-1]).strip():
            body.pop()
    return body


#: a capitalised participle or adjective opening a preambular paragraph ("Noting", "Mindful")
_OPENER = re.compile(r"\s*(?:[A-Z][a-z]+ing|Mindful|Convinced|Aware|Concerned|Deeply|Having|Bearing|Recalling)\b")


_COMMA_END = re.compile(r"[,;]\d{0,3}\s*$")  # "… levels,2": a note's marker may follow


def _indented_first(doc: _Document, first: int, page: list[int]) -> bool:
    """Whether line ``first`` is set in deeper than the page's next non-blank line (a first-line
    indent, as a copy of a PDF keeps it), or the page's lines carry no indent at all."""
    later = [i for i in page if i > first and doc.line(i).strip()]
    if not later:
        return True
    def indent(line: str) -> int:
        return len(line) - len(line.lstrip())
    own, nxt = indent(doc.line(first)), indent(doc.line(later[0]))
    return own > nxt or own == nxt == 0


def _continues(doc: _Document, last: int, first: int, page: list[int]) -> bool:
    """Whether the paragraph ending a page (line ``last``) runs on at line ``first``."""
    before, after = doc.line(last), doc.line(first)
    if _TERMINAL.search(before) or _ITEM_START.match(after):
        return False
    if _COMMA_END.search(before) and _OPENER.match(after) and _indented_first(doc, first, page):
        return False  # "… levels," ⏎ (page) ⏎ "      Noting with concern …": the next preambular paragraph
    if _hyphen_end(before) or after.lstrip()[:1].islower():
        return True
    lengths = sorted(len(doc.line(i).strip()) for i in page if doc.line(i).strip())
    median = lengths[len(lengths) // 2] if lengths else 0
    return len(before.strip()) >= 0.6 * median


_JOB_NUMBER = re.compile(r"\d{2}-\d{5}\b")
_LINE_END_HYPHEN = re.compile(r"[-\u00ad\u2010][ \t]*\r?$", re.M)


def _clean(source: SourceText) -> bool:
    """A text with nothing to clean up: one page (no form feed, no footnote rule or job-number
    footer that would end one), no footnotes or markers known to its reader, no line ending in a hyphen. It comes out
    unchanged, so the line-by-line work is skipped (a 5 MB plain text saves a second)."""
    hints = source.hints
    text = source.text
    return (
        source.format != "pdf"
        and not (hints.markers or hints.notes or hints.note_areas)
        and "\f" not in text
        and "_____" not in text
        and _LINE_END_HYPHEN.search(text) is None
        and not _job_footer(text)  # a copy's footer ("26-05872 (E)    160426") ends a page
    )


def _job_footer(text: str) -> bool:
    """Whether a line of ``text`` is a job-number footer (a cheap search first, then the line)."""
    for match in _JOB_NUMBER.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        if is_job_line(text[start : end if end != -1 else len(text)]):
            return True
    return False


def prepare(source: SourceText, *, labels: Iterable[str] = ()) -> PreparedText:
    """Clean up the page layout of ``source``; ``labels`` (the graph's names) add to the
    hyphenated compounds that a line end must not join."""
    if _clean(source):
        return PreparedText(original=source.text, text=source.text, format=source.format, pages=source.pages)
    doc = _Document(source)
    _furniture(doc)
    notes = _notes(doc)
    cut = _markers(doc, notes)
    sequence: list[tuple[int, bool]] = []  # (line, starts a new paragraph after a page break)
    for page in doc.pages:
        body = _trim(doc, page)
        if body and sequence:
            sequence.append((body[0], not _continues(doc, sequence[-1][0], body[0], page)))
            body = body[1:]
        sequence.extend((i, False) for i in body)
    hyphens = any(_hyphen_end(doc.line(i)) for i, _n in sequence) or bool(notes)
    counts = count_words(doc.text) if hyphens else Counter[str]()
    compounds = COMPOUNDS | compounds_of(labels) if hyphens else COMPOUNDS
    out = _Builder(doc.text)
    markers: list[tuple[int, str]] = []
    previous: int | None = None
    joined = False  # the previous line ended in a hyphen that joins it to this one
    for k, (i, new_paragraph) in enumerate(sequence):
        start, end = doc.lines[i]
        line = doc.text[start:end]
        if joined:
            start += len(line) - len(line.lstrip())
        elif previous is not None:
            if new_paragraph:
                out.insert("\n\n", start)
            elif i == previous + 1:
                out.copy(doc.lines[previous][1], start)
            else:
                out.insert("\n", start)
        stop, joined = end, False
        hyphen = _hyphen_end(line) if hyphens else None
        if hyphen and k + 1 < len(sequence) and not sequence[k + 1][1]:
            following = _FIRST_WORD.match(doc.line(sequence[k + 1][0]))
            if following:
                joined = True
                keep = decide(hyphen.group(1), hyphen.group(2), following.group(1), counts, compounds)
                stop = doc.lines[i][0] + (hyphen.end(2) if keep else hyphen.start(2))
        position = start
        for a, b, marker in cut.get(i, ()):
            a, b = doc.lines[i][0] + a, doc.lines[i][0] + b
            if a < position or b > stop:
                continue
            out.copy(position, a)
            markers.append((out.length, marker))
            position = b
        out.copy(position, stop)
        previous = i
    if sequence and not joined:
        last_end = doc.lines[sequence[-1][0]][1]
        tail = doc.text[last_end:]
        if tail.strip() == "" and "\f" not in tail and not doc.note_lines and not doc.removed:
            out.copy(last_end, len(doc.text))
        elif tail[:1] in ("\n", "\r"):
            out.copy(last_end, last_end + (2 if tail.startswith("\r\n") else 1))
    footnotes = []
    for marker, lines, _page in notes:
        texts = [doc.line(i) for i in lines]
        opened = note_start(texts[0]) if marker else None
        first_start = doc.lines[lines[0]][0]
        lead = len(texts[0]) - len(texts[0].lstrip())
        if opened is not None:
            texts[0] = texts[0][opened[1] :]
        elif marker and texts[0].lstrip().startswith(marker):
            texts[0] = texts[0].lstrip()[len(marker) :]
        filled = [i for i in lines if doc.line(i).strip()]
        footnotes.append(Footnote(marker, note_text(texts, counts, compounds),
                                  first_start + lead, doc.lines[filled[-1]][1]))
    text = out.text()
    identity = text == doc.text
    return PreparedText(
        original=doc.text,
        text=text,
        footnotes=tuple(footnotes),
        markers=tuple(markers),
        format=source.format,
        pages=source.pages,
        runs=() if identity else tuple(out.runs),
    )

