"""Footnotes: where a page's notes begin, where each note begins, and the note markers glued to
the words of the text ("Agenda,3", "CSTD5").

A page's notes are the lines after a rule of underscores (the way UN documents and text copies
of PDFs show them), the blocks a PDF sets in small type at the foot of the page, or the notes
a Word file defines; each note begins with its marker ("3 See A/60/687.") and runs on over the
lines that do not. A marker in the text counts only where a note with that marker exists: a
number right after a letter or after ``.,;:)`` and followed by a space, punctuation or the end of
the line, never after ``+`` or ``/`` ("WSIS+20", "A/RES/70/125"), nor in a single capital and
its number ("G20", "G7"). :func:`glued_markers` gives every such place with a score (after
punctuation is surer than after a letter) so that the caller can take the best one per note.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Sequence

from .hyphenation import COMPOUNDS, decide

__all__ = ["is_rule", "note_start", "glued_markers", "note_text"]

_RULE = re.compile(r"^[ \t]*_{5,}[ \t]*$")
_NOTE_START = re.compile(r"^[ \t]*(\d{1,3}|[*†‡§]{1,3})(?:[ \t]+|(?=[A-Z“\"(]))(?=\S)")
_GLUED = re.compile(r"(?<=[^\W\d_]|[.,;:)\]’”\"'])(\d{1,3}|[*†‡]{1,3})(?=[\s.,;:)\]’”\"']|$)")
# not a note: "G20", "G7"; "A/81/431/Add.3", "Rev.1", "para.30", "No.5" (a symbol's or a reference's number)
_NOT_NOTE = re.compile(
    r"(?:^|[^\w])[A-Z]$|/[A-Za-z]+\.$|(?:^|[^\w])(?i:add|rev|corr|amend|suppl|no|nos|vol|para|paras|art|chap|sect|p|pp)\.$"
)
_HYPHEN_END = re.compile(r"([^\W_]+)([-\u00ad\u2010])$")
_FIRST_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")


def is_rule(line: str) -> bool:
    """A rule of underscores, above a page's footnotes."""
    return bool(_RULE.match(line))


_SECTION_NUMBER = re.compile(r"\s*(?:[A-Z]|[IVXLC]{1,6}|\d{1,3})(?:\.\d{1,3})*\.")


def note_start(line: str) -> tuple[str, int] | None:
    """The marker a footnote line opens with and where its text starts ("3 See …" → ("3", 2))."""
    match = _NOTE_START.match(line)
    return (match.group(1), match.end()) if match else None


def glued_markers(line: str, wanted: Container[str]) -> list[tuple[int, int, str, int]]:
    """Places in ``line`` where a marker of ``wanted`` is glued to the word before it, as
    (start, end, marker, score): 2 after punctuation, 1 after a letter."""
    found = []
    for match in _GLUED.finditer(line):
        marker = match.group(1)
        if marker not in wanted:
            continue
        before = line[max(0, match.start() - 12) : match.start()]  # longer than any word _NOT_NOTE names
        if _NOT_NOTE.search(before) or _SECTION_NUMBER.fullmatch(line[: match.start()]):
            continue  # "G20"; "A.1 Mandate", "2.1 Capacity building": a heading's number, not a note
        score = 2 if before[-1:] in ".,;:)]’”\"'" else 1
        found.append((match.start(), match.end(), marker, score))
    return found


def note_text(lines: Sequence[str], counts: Counter[str], compounds: frozenset[str] = COMPOUNDS) -> str:
    """The lines of one note as one line: white space collapsed, line-end hyphenation undone."""
    out = ""
    for line in lines:
        words = " ".join(line.split())
        if not words:
            continue
        end = _HYPHEN_END.search(out)
        first = _FIRST_WORD.match(words)
        if end and first and not decide(end.group(1), end.group(2), first.group(0), counts, compounds):
            out = out[:-1] + words
        elif end and first:
            out += words
        else:
            out = f"{out} {words}" if out else words
    return out
