"""Imperatives: the bare verb opening a list item of a report or of messages ("Improve the
visibility of …", "Invest in …", "Bring these messages …"), which recommends without naming who
should act. Any capitalised word may be such a verb, so it counts only before a determiner, a
preposition or a common object noun, and never when it is a name, a common non-verb or a word
with the ending of a noun or adjective.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .labels import Match

__all__ = ["imperative_at"]

_IMPERATIVE_NEXT = frozenset(
    [
        "the",
        "a",
        "an",
        "these",
        "this",
        "those",
        "their",
        "its",
        "our",
        "all",
        "more",
        "greater",
        "stronger",
        "further",
        "existing",
        "any",
        "every",
        "each",
        "both",
        "such",
        "local",
        "national",
        "regional",
        "global",
        "new",
        "in",
        "on",
        "to",
        "with",
        "for",
        "and",
        "up",
        "out",
        "that",
        "how",
        "ways",
        "options",
        "measures",
        "mechanisms",
        "guidelines",
        "steps",
        "efforts",
        "funding",
        "support",
        "resources",
        "capacity",
        "awareness",
        "access",
        "cooperation",
        "participation",
        "dialogue",
        "appropriate",
        "adequate",
        "sustainable",
        "clear",
        "concrete",
        "specific",
        "closer",
        "better",
        "wider",
    ]
)
_NOT_IMPERATIVE = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "it",
        "its",
        "we",
        "our",
        "they",
        "their",
        "there",
        "in",
        "on",
        "at",
        "for",
        "to",
        "by",
        "with",
        "as",
        "all",
        "each",
        "every",
        "some",
        "many",
        "most",
        "more",
        "any",
        "no",
        "not",
        "and",
        "or",
        "but",
        "if",
        "when",
        "where",
        "while",
        "although",
        "however",
        "further",
        "also",
        "national",
        "regional",
        "international",
        "global",
        "local",
        "public",
        "private",
        "civil",
        "digital",
        "open",
        "new",
        "other",
        "further",
        "only",
        "each",
        "please",
    ]
)
_NOT_IMPERATIVE_ENDINGS = ("s", "ing", "ed", "ly", "al", "ic", "ive", "ous", "ful", "tion", "ity", "ment", "ness")
_CAPITALISED = re.compile(r"([A-Z][a-z]+)\s+([a-z]+)\b")


def imperative_at(
    text: str, start: int, end: int, agents: Sequence[Match], *, loose: bool = False
) -> tuple[int, int] | None:
    """The bare verb opening an imperative item ("Improve the …", "Invest in …", "Bring these
    …"): a capitalised word that is no name and no common non-verb, before a determiner or a
    preposition."""
    match = _CAPITALISED.match(text, start, end)
    if match is None or any(a.start == match.start(1) for a in agents):
        return None
    word, following = match.group(1).lower(), match.group(2)
    plural = word.endswith("s") and not word.endswith("ss")
    endings = any(word.endswith(e) and len(word) > len(e) + 3 for e in _NOT_IMPERATIVE_ENDINGS if e != "s")
    # ``loose``: a "Recommendation N:" item, where a bare verb before any object is an imperative
    if word in _NOT_IMPERATIVE or plural or endings or (following not in _IMPERATIVE_NEXT and not loose):
        return None
    return match.start(1), match.end(1)
