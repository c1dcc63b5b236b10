"""Sentences of a unit, and the stretches inside quotation marks.

A sentence ends at ".", "!" or "?" (with closing quotes or brackets) before a capital, except
after an abbreviation ("para. 72", "e.g. the", "Rev. 1") or an initial.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["sentences", "boundaries", "quoted_spans"]

_ABBREVIATIONS = frozenset(
    [
        "para",
        "paras",
        "no",
        "nos",
        "e.g",
        "i.e",
        "mr",
        "ms",
        "mrs",
        "dr",
        "art",
        "arts",
        "sect",
        "chap",
        "rev",
        "vol",
        "p",
        "pp",
        "cf",
        "op",
        "ibid",
        "annex",
        "fig",
        "st",
    ]
)
_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+(?=[\"(]?[A-Z])")
_LAST_TOKEN = re.compile(r"([\w.]+)$")  # used with an end position: the token before it


def boundaries(text: str) -> Iterator[tuple[int, int]]:
    """(end of a sentence, start of the next): "para. 72", "e.g. the" and initials end none."""
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        word = _LAST_TOKEN.search(text, start, boundary.start())
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        yield boundary.start() + 1, boundary.end()
        start = boundary.end()


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end, following in boundaries(text):
        spans.append((start, end))
        start = following
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Stretches inside double quotation marks (the matching text has plain '"')."""
    if '"' not in text:
        return []
    marks = [i for i, char in enumerate(text) if char == '"']
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
