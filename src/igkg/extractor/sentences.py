"""Sentences of a unit, and the stretches inside quotation marks.

A sentence ends at ".", "!" or "?" (with closing quotes or brackets) before a capital, except
after an abbreviation ("para. 72", "e.g. the", "Rev. 1") or an initial.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["sentences", "boundaries", "quoted_spans", "is_sub_point"]

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
#: a sub-point folded into its item: "… (TA para 72(g)). - The MAG should …", "specifically: - hold …"
_POINT = re.compile(r"[.;:!?,][\"')\]]*\s+[-–•▪*]\s+(?=\w)")
_POINT_MARK = re.compile(r"[-–•▪*]\s+$")
_LAST_TOKEN = re.compile(r"([\w.]+)$")  # used with an end position: the token before it


def boundaries(text: str) -> Iterator[tuple[int, int]]:
    """(end of a sentence, start of the next): "para. 72", "e.g. the" and initials end none; a
    bulleted sub-point folded into its item starts a sentence after its marker."""
    start = 0
    found = list(_BOUNDARY.finditer(text))
    if "- " in text or "• " in text or "– " in text or "* " in text or "▪ " in text:
        found = sorted([*found, *_POINT.finditer(text)], key=lambda m: m.start())
    for boundary in found:
        if boundary.start() < start:
            continue
        word = _LAST_TOKEN.search(text, start, boundary.start())
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        yield boundary.start() + 1, boundary.end()
        start = boundary.end()


def is_sub_point(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` is a bulleted sub-point ("- hold the opening …")."""
    return start > 0 and _POINT_MARK.search(text, max(0, start - 4), start) is not None


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
