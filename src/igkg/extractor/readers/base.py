"""What every reader returns: the text it read from a file, and what the file's own structure
says about that text (which spans are footnotes, which characters are note markers).

A reader turns a PDF, Word or HTML file into *one* text, the ``original`` that evidence offsets
point into. Structure is written into that text the way a person would type it (``# `` headings,
``1. `` list items with the numbers the file shows, ``| a | b |`` table rows, a form feed between
the pages of a PDF). What the file knows but the text cannot show, a reader gives as
:class:`Hints`: a PDF knows which characters were printed as superscripts and which blocks are
set in the small type of footnotes; a Word file knows exactly where its footnote references are.
The layout clean-up (:mod:`igkg.extractor.layout`) uses the hints where it has them and falls back
on what the text alone shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FORMATS", "Hints", "Reading", "NoteHint", "MarkerHint"]

#: The formats igkg reads, by the name used in ``PreparedText.format`` and the summary table.
FORMATS = ("text", "markdown", "docx", "pdf", "html")


@dataclass(frozen=True)
class MarkerHint:
    """A footnote reference the file marks as one (a superscript, a Word footnote reference):
    ``text[start:end] == marker``."""

    start: int
    end: int
    marker: str


@dataclass(frozen=True)
class NoteHint:
    """A footnote the file marks as one: its marker and the span of its text (marker included)."""

    marker: str
    start: int
    end: int


@dataclass(frozen=True)
class Hints:
    """What the file's structure says about its text; empty for plain text."""

    markers: tuple[MarkerHint, ...] = ()
    notes: tuple[NoteHint, ...] = ()
    #: spans set in the small type of footnotes at the foot of a page (PDF), marker or not
    note_areas: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Reading:
    """A reader's result: the text, its format, the number of pages (PDF) and the hints."""

    text: str
    format: str
    pages: int | None = None
    hints: Hints = field(default_factory=Hints)
