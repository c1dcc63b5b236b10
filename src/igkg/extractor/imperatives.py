"""Imperatives: the bare verb opening a list item of a report or of messages ("Improve the
visibility of …", "Invest in …", "Bring these messages …"), which recommends without naming who
should act. Any capitalised word may be such a verb, so it counts only when it is the base form
of an English verb in LemmInflect's dictionary ("Implement", "Harness", "Focus" are; "Women",
"Digital", "Asociación" are not) and never a name or a common non-verb; a word that is also a
noun ("Review", "Fund") counts only before a determiner, a preposition, a common object noun, a
quantity or a comma.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

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
        # a web page's own verbs ("Download the PDF of the messages", "Click here", "Subscribe to …")
        "download",
        "click",
        "subscribe",
        "visit",
        "print",
        "scroll",
        "log",
        "watch",
    ]
)
_CAPITALISED = re.compile(r"([A-Z][a-z]+)(?:(,)|\s+([a-z]+|\d+)\b)")
#: the bare verb of a sub-point under a lead-in without a verb ("specifically: - hold the …")
_LOWER = re.compile(r"([a-z]+)(?:(,)|\s+([a-z]+|\d+)\b)")
#: quantities after a verb ("Hold two webinars", "Publish 12 reports")
_NUMBERS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several"])


@lru_cache(maxsize=4096)
def _readings(word: str) -> tuple[bool, bool]:
    """(whether ``word``, lower case, is the base form of a verb in LemmInflect's dictionary,
    whether that is its only reading — "provide", not "review" or "fund", which are nouns too).
    The dictionary is loaded on first use (about 0.3 s), only when a text has a candidate."""
    from lemminflect import getAllLemmas  # lazily: most texts never need it

    readings = getAllLemmas(word)
    verb = word in readings.get("VERB", ())
    return verb, verb and set(readings) == {"VERB"}


def imperative_at(
    text: str, start: int, end: int, agents: Sequence[Match], *, loose: bool = False, lower: bool = False
) -> tuple[int, int] | None:
    """The bare verb opening an imperative item ("Improve the …", "Invest in …", "Bring these
    …"): a capitalised word that is no name and no common non-verb, before a determiner or a
    preposition."""
    match = (_LOWER if lower and text[start : start + 1].islower() else _CAPITALISED).match(text, start, end)
    if match is None or any(a.start == match.start(1) for a in agents):
        return None
    word, comma, following = match.group(1).lower(), match.group(2), match.group(3) or ""
    verb, only_verb = _readings(word)
    if word in _NOT_IMPERATIVE or not verb:
        return None
    # a word that can only be a verb ("Provide captioning …", "Prepare, together with …") needs
    # nothing more; one that can be a noun too ("Review", "Fund", "Hold") needs a determiner, a
    # preposition, a common object, a quantity or an aside after it ("Review, by the end of …");
    # ``loose``: a "Recommendation N:" item, where a bare verb before any object is an imperative
    if following == "you":
        return None  # "Thank you for …", "See you in …": courtesy, not a recommendation
    quantity = following in _NUMBERS or following.isdigit()
    gerund = following.endswith("ing") and len(following) > 5  # "Stop treating …", "Keep publishing …"
    if not (only_verb or loose or comma or quantity or gerund or following in _IMPERATIVE_NEXT):
        return None
    return match.start(1), match.end(1)
