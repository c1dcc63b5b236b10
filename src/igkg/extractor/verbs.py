"""Operative verbs: the verb phrase that opens a recommendation, and coordinated ones.

The opening verb may be any form the verb scheme knows (``skos:prefLabel``, ``skos:altLabel``
or ``igkg:inflection``: "Encourages", "We encourage", "Recognizing"), after an optional
adverb ("Further requests", "Strongly urges") or label ("Recommendation 3:"). A coordinated
verb ("Reaffirms … and invites …", "Welcomes …; requests …", "Notes …, encourages … and
urges …") counts only in its third-person form (a preferred or alternative label): "… and to explore …"
or "…, noting that …" are not operative actions. An opening word that is not in the scheme is
reported (:class:`Opening` with ``verb=None``), not dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon

__all__ = ["Opening", "FoundVerb", "opening_verb", "find_actions"]

_ADVERBS = r"(?:also|further|again|once\s+again|hereby|therefore|furthermore|moreover|additionally|[a-z]+ly)"
_SUBJECTS = r"(?:we|it|they)"
#: Words that cannot follow an operative verb: the word was a noun ("the reports and notes of").
_NOT_AFTER_VERB = frozenset(
    [
        "of",
        "and",
        "or",
        "to",
        "for",
        "from",
        "in",
        "by",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "than",
        "as",
    ]
)
_FIRST_WORD = re.compile(r"[^\W\d_][\w'-]*")


@dataclass(frozen=True)
class Opening:
    """The start of a recommendation: a verb of the scheme, or the word found instead."""

    verb: str | None
    start: int
    end: int  # end of the verb phrase (where its object starts)
    as_written_start: int  # includes a leading adverb ("Further requests")


@dataclass(frozen=True)
class FoundVerb:
    verb: str
    start: int  # of the phrase as written (adverb included)
    end: int


@lru_cache(maxsize=8)
def _patterns(verb_pattern: str, operative_pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    opening = re.compile(
        rf"^[\W_]*?(?:(?:recommendation|rec\.)\s*\d+[a-z]?\s*[:.)-]\s*)?(?:{_SUBJECTS}\s+)?(?P<phrase>(?:{_ADVERBS}\s+){{0,2}}(?P<verb>{verb_pattern}))(?!\w)",
        re.IGNORECASE,
    )
    coordinated = re.compile(
        rf"(?:(?:(?<=[\s,;])|^)(?:and|but|while)\s+|[;,]\s*(?=[a-z]))"
        rf"(?P<phrase>(?:{_ADVERBS}\s+)?(?P<verb>{operative_pattern}))(?!\w)",
        re.IGNORECASE,
    )
    return opening, coordinated


def _form(text: str) -> str:
    return " ".join(text.lower().split())


def opening_verb(text: str, lexicon: Lexicon) -> Opening | None:
    """The opening verb of ``text`` (a matching text), or ``None`` when it opens with no word."""
    opening, _ = _patterns(lexicon.verb_pattern, lexicon.operative_pattern)
    match = opening.match(text) if lexicon.verb_pattern else None
    if match is not None:
        form = lexicon.verbs.get(_form(match["verb"]))
        if form is not None:
            return Opening(form.iri, match.start("verb"), match.end("verb"), match.start("phrase"))
    word = _FIRST_WORD.search(text)
    if word is None:
        return None
    return Opening(None, word.start(), word.end(), word.start())


_INFINITIVE = re.compile(r"\s*to\s+(?!(?:the|a|an|all|its|their|this|these|that|those|each|any)\b)[a-z]+\b")


def _infinitive_follows(text: str, at: int) -> bool:
    """ "… and decides to extend …", "… and resolves to continue …": a verb with a to-infinitive
    ("notes to the Secretariat" is a noun with a preposition)."""
    return _INFINITIVE.match(text, at) is not None


def find_actions(text: str, lexicon: Lexicon, opening: Opening | None) -> list[FoundVerb]:
    """The opening verb (when in the scheme) and every coordinated operative verb after it."""
    actions: list[FoundVerb] = []
    after = 0
    if opening is not None:
        after = opening.end
        if opening.verb is not None:
            actions.append(FoundVerb(opening.verb, opening.as_written_start, opening.end))
    if not lexicon.operative_pattern:
        return actions
    _, coordinated = _patterns(lexicon.verb_pattern, lexicon.operative_pattern)
    for match in coordinated.finditer(text, after):
        phrase = _form(match["verb"])
        form = lexicon.verbs.get(phrase)
        if form is None or not form.operative:
            continue
        if match.group().lstrip()[:1] in ";," and not match["verb"][:1].islower():
            continue  # "…; Notes" is a new sentence, not a coordinated verb of this one
        follower = re.match(r"\s*([\w']+|[^\w\s]|$)", text[match.end() :])
        word = follower.group(1).lower() if follower else ""
        if not word or not word[0].isalnum() or (
            word in _NOT_AFTER_VERB and not phrase.endswith(" " + word) and not _infinitive_follows(text, match.end())
        ):
            continue
        actions.append(FoundVerb(form.iri, match.start("phrase"), match.end("verb")))
    return actions
