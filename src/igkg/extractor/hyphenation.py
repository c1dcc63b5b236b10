"""Line-end hyphens: a typesetter's break to undo ("Govern-⏎ments" → "Governments") or a real
hyphen to keep ("multi-⏎stakeholder" → "multi-stakeholder").

:func:`decide` weighs, in this order: a soft hyphen is always a break; digits on both sides
are a range ("69-⏎71" stays "69-71"); a capital after the hyphen ("Secretary-⏎General") or an
acronym before it ("ICT-⏎related") is a real hyphen; then the document itself — the word
written elsewhere in it with or without the hyphen, in the same case (a proper name's
"Multistakeholder" says nothing about the common word "multi-stakeholder") — then the known
compounds (:data:`COMPOUNDS` and the hyphenated words of the graph's labels); otherwise the
hyphen is a break, as line-end hyphens mostly are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["COMPOUNDS", "WORD", "compounds_of", "count_words", "decide"]

#: Hyphenated compounds of UN and Internet-governance English that a line end must not join.
_COMPOUND_WORDS = """multi-stakeholder multi-year multi-lingual multi-sectoral follow-up follow-ups decision-making
    policy-making rule-making standard-setting agenda-setting capacity-building confidence-building
    long-term short-term medium-term long-standing high-level low-income middle-income high-income
    cross-border cross-cutting cross-sectoral well-being non-governmental non-state non-binding
    non-discrimination non-discriminatory non-profit not-for-profit e-commerce e-government e-governance
    e-mail e-learning e-health co-chair co-chairs co-facilitator co-facilitators co-organizer co-organizers
    co-sponsor co-sponsors co-ordination vice-chair vice-president self-regulation self-regulatory
    peer-to-peer open-ended open-source evidence-based rights-based people-centred people-centered
    human-centred human-centric development-oriented bottom-up top-down
    state-of-the-art up-to-date year-round so-called full-time part-time real-time two-thirds
    sub-regional sub-item sub-items sub-theme sub-themes inter-agency
    inter-sessional machine-readable user-friendly public-private data-driven ex-officio"""
COMPOUNDS = frozenset(_COMPOUND_WORDS.split())

#: A word: letters with inner hyphens ("machine-readable"); digits are not part of it.
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# the same words, faster: Latin letters (which is what hyphenation decides about); used for counting
_COUNTED = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:-[A-Za-z\u00C0-\u024F]+)*")
_SOFT = "\u00ad"


def count_words(text: str) -> Counter[str]:
    """How often each word (:data:`WORD`, case kept) is written in ``text``; one pass."""
    return Counter(_COUNTED.findall(text))


def compounds_of(labels: Iterable[str]) -> frozenset[str]:
    """The hyphenated words (lower case) of ``labels``, e.g. the graph's names and concepts."""
    found: set[str] = set()
    for label in labels:
        for word in WORD.findall(label):
            if "-" in word:
                found.add(word.lower())
    return frozenset(found)


def _count(counts: Counter[str], word: str) -> int:
    total = counts.get(word, 0)
    if word[:1].isupper() and word[1:] == word[1:].lower():  # sentence case: the lower-case word counts too
        total += counts.get(word.lower(), 0)
    return total


def decide(left: str, hyphen: str, right: str, counts: Counter[str], compounds: frozenset[str] = COMPOUNDS) -> bool:
    """Whether the line-end ``hyphen`` after the word ``left`` (letters and digits) is kept before
    ``right``, the next line's first word (with any hyphens inside it); ``False``: the two
    halves are one word. ``counts`` are the document's words (:func:`count_words`)."""
    if hyphen == _SOFT:
        return False
    if left[-1:].isdigit() and right[:1].isdigit():
        return True
    if right[:1].isupper() or right[:1].isdigit():
        return True
    if len(left) >= 2 and left.isupper():
        return True
    first = right.split("-", 1)[0]
    hyphenated, joined = f"{left}-{right}", f"{left}{right}"
    kept, closed = _count(counts, hyphenated), _count(counts, joined)
    if kept != closed:
        return kept > closed
    return hyphenated.lower() in compounds or f"{left}-{first}".lower() in compounds
