"""Sentences that name their subject first: "Governments are urged to …", "The MAG should
consider …", "To improve …, the IGF Secretariat should …", "It is important that the MAG
publishes …", "The Working Group concludes that …", and imperatives ("Improve the visibility
of …").

A modal ("should", "must", "shall", "may wish to", "ought to") is the scheme's *recommends*; a
passive operative verb ("is / are [adverb] invited, encouraged, urged, requested, called upon
to") is that verb, found through its -ed form (:mod:`.forms`). The subject's agents are the
addressees of an active modal or of the passive verb; a passive modal ("The IGF should be
strengthened") recommends without an addressee. A "should" inside a subordinate clause ("how
enhanced cooperation should be implemented", "that outreach should be a priority") is not at a
sentence's subject and is never seen here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon, Match

__all__ = ["FoundVerb", "subject_first", "important_that", "imperative_at"]

_ADVERB = r"(?:also|further|again|therefore|hereby|still|thus|[a-z]+ly)"
_MODAL = re.compile(
    rf"(?<![\w-])(?P<phrase>should|must|shall|(?:may|might)\s+wish\s+to|ought\s+to)(?![\w-])"
    rf"(?P<passive>\s+(?:not\s+)?(?:{_ADVERB}\s+)?be\s+[a-z]+)?",
    re.I,
)
_IMPORTANT = re.compile(
    rf"it\s+is\s+(?:{_ADVERB}\s+)?(?:important|essential|vital|crucial|necessary|critical|imperative|urgent"
    r"|desirable|key|recommended|suggested|proposed|advisable)\s+(?:for\s+[^,;.]{1,80}?\s+)?that(?=\s)",
    re.I,
)
_LEAD = re.compile(
    r"(?:to|in\s+order\s+to|in|for|with|by|through|where|when|as|given|building\s+on|while|after|before"
    r"|within|at|on|under|beyond)\b[^,;:.]{1,200},\s*",
    re.I,
)
_SUBORDINATORS = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "whether",
        "if",
        "what",
        "why",
        "because",
        "although",
        "though",
        "since",
        "unless",
        "until",
        "whereas",
        "we",
        "it",
        "they",
        "you",
        "i",
    ]
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "our", "these", "those", "this", "his", "her", "of", "and", "or", "to"]
)
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
_WORDS = re.compile(r"[\w'-]+")
_CAPITALISED = re.compile(r"([A-Z][a-z]+)\s+([a-z]+)\b")


@dataclass(frozen=True)
class FoundVerb:
    """An operative verb phrase: its concept, the words as written, and whom it addresses."""

    verb: str  # the concept's IRI
    start: int  # of the phrase as written (adverb, "We" included)
    end: int
    kind: str  # third, base, ing, adj (forms), modal, passive, imperative
    subject: tuple[int, int] | None = None  # the subject whose agents it addresses
    that_subject: int | None = None  # start of a that-clause whose subject it addresses
    no_addressee: bool = False


_BE = re.compile(rf"(?<![\w-])(?:is|are)\s+((?:{_ADVERB}\s+){{0,2}})", re.I)
_TO = re.compile(r"\s+to(?![\w-])", re.I)


def _subject_ok(noun_phrase: str) -> bool:
    words = _WORDS.findall(noun_phrase.lower())
    if not words or len(words) > 30:
        return False
    return not any(w in _SUBORDINATORS for w in words)


def subject_first(
    text: str, start: int, end: int, lexicon: Lexicon, agents: Sequence[Match], *, clause_only: bool = False
) -> FoundVerb | None:
    """The verb of a sentence (``text[start:end]``) that opens with its subject, or ``None``.
    ``clause_only``: a coordinated clause ("…, and the Secretariat should …"): modals and
    passives only."""
    np_start = start
    lead = None if clause_only else _LEAD.match(text, start, end)
    if lead is not None:
        np_start = lead.end()
    verbs, thirds = lexicon.verb_regex(), lexicon.third_regex()
    if verbs is None:
        return None
    hits: list[tuple[int, int, int, str, int, int]] = []  # (start, phrase start, phrase end, kind, verb start, end)
    modal = _MODAL.search(text, np_start, end)
    if modal is not None:
        hits.append(
            (
                modal.start(),
                modal.start("phrase"),
                modal.end("phrase"),
                "modal" if not modal["passive"] else "passive-modal",
                0,
                0,
            )
        )
    for be in _BE.finditer(text, np_start, modal.start() if modal is not None else end):
        verb = verbs.match(text, be.end(), end)
        form = lexicon.verbs.get(" ".join(verb.group().lower().split())) if verb is not None else None
        if verb is not None and form is not None and "ed" in form.kinds and _TO.match(text, verb.end(), end):
            hits.append((be.start(), be.start(), verb.end(), "passive", verb.start(), verb.end()))
            break
    if not clause_only and thirds is not None:
        third_at = lexicon.third_search(text, np_start, end)
        third = thirds.match(text, third_at[0], end) if third_at is not None else None
        if third is not None:
            before = _WORDS.findall(text[np_start : third.start()].lower())
            if before and before[-1] not in _DETERMINERS:
                hits.append((third.start(), third.start(), third.end(), "third", third.start(), third.end()))
    if not hits:
        return None
    at, phrase_start, phrase_end, kind, verb_start, verb_end = min(hits)
    clause = text.rfind(";", np_start, at)
    if clause >= 0:  # "Capacity is lacking; UNESCO and the ITU are encouraged to …": the last clause
        np_start = clause + 1 + len(text[clause + 1 : at]) - len(text[clause + 1 : at].lstrip())
    noun_phrase = text[np_start:at]
    if not _subject_ok(noun_phrase) or not noun_phrase.strip()[:1].isalnum():
        return None
    if lead is not None and not noun_phrase.strip()[:1].isupper() and not noun_phrase.lower().startswith("the "):
        return None
    subject = (np_start, np_start + len(noun_phrase.rstrip(" ,")))
    if kind in ("modal", "passive-modal"):
        form = lexicon.verbs.get("recommends")
        if form is None:
            return None
        passive_modal = kind == "passive-modal"
        return FoundVerb(
            form.iri, phrase_start, phrase_end, "modal", None if passive_modal else subject, None, passive_modal
        )
    form = lexicon.verbs.get(" ".join(text[verb_start:verb_end].lower().split()))
    if form is None:
        return None
    if kind == "passive":
        return FoundVerb(form.iri, phrase_start, phrase_end, "passive", subject)
    return FoundVerb(form.iri, phrase_start, phrase_end, "third")


def important_that(text: str, start: int, end: int, lexicon: Lexicon) -> FoundVerb | None:
    """ "It is important / essential … that X …" → *recommends*, addressed to the clause's subject."""
    match = _IMPORTANT.match(text, start, end)
    form = lexicon.verbs.get("recommends")
    if match is None or form is None:
        return None
    return FoundVerb(form.iri, match.start(), match.end(), "modal", None, match.end() + 1)


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
