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

from .forms import is_past_participle
from .lexicon import Lexicon, Match

__all__ = ["FoundVerb", "subject_first", "important_that", "gapped_subjects"]

_ADVERB = r"(?:also|further|again|therefore|hereby|still|thus|[a-z]+ly)"
_MODAL = re.compile(
    r"(?<![\w-])(?P<phrase>should|must|shall|(?:may|might)\s+(?:also\s+|further\s+)?wish\s+to|ought\s+to"
    r"|(?<!\bthe\s)(?<!\ba\s)(?<!\bno\s)(?<!\bany\s)(?<!\bour\s)(?<!\btheir\s)needs?\s+to(?=\s+[a-z])(?!\s+date\b))"
    r"(?![\w-])"
    rf"(?P<passive>\s+(?:not\s+)?(?:{_ADVERB}\s+)?be\s+(?P<participle>[a-z]+))?",
    re.I,
)
_IMPORTANT = re.compile(
    rf"it\s+(?:is|would\s+be|will\s+be)\s+(?:{_ADVERB}\s+)?(?:important|essential|vital|crucial|necessary|critical"
    r"|imperative|urgent|desirable|key|recommended|suggested|proposed|advisable|useful|helpful|beneficial|appropriate"
    r"|timely|worthwhile)\s+"
    r"(?:(?:for\s+[^,;.]{1,80}?\s+)?that(?=\s)|for\s+(?P<for>[^,;.]{1,80}?)\s+to(?=\s+[a-z]))"
    r"|there\s+is\s+(?:an?\s+)?(?:(?:clear|strong|urgent|pressing|real|growing|great|particular|continued|"
    r"continuing|critical|further)\s+)?need\s+(?:for\s+(?P<need>[^,;.]{1,80}?)\s+to(?=\s+[a-z])|to(?=\s)|for(?=\s))",
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
_OBJECT_PRONOUNS = frozenset(["it", "you"])
_PREPOSITIONS = frozenset(["on", "of", "to", "for", "in", "with", "by", "from", "about", "against", "over", "upon"])
_DETERMINERS = frozenset(
    ["the", "a", "an", "its", "their", "our", "these", "those", "this", "his", "her", "of", "and", "or", "to"]
)
_WORDS = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class FoundVerb:
    """An operative verb phrase: its concept, the words as written, and whom it addresses."""

    verb: str  # the concept's IRI
    start: int  # of the phrase as written (adverb, "We" included)
    end: int
    kind: str  # third, base, ing, adj (forms), modal, passive, imperative, plural (a plural subject's base form)
    subject: tuple[int, int] | None = None  # the subject whose agents it addresses
    that_subject: int | None = None  # start of a that-clause whose subject it addresses
    no_addressee: bool = False
    also: tuple[tuple[int, int], ...] = ()  # gapped conjuncts it addresses too (", and the NRO to …")


_Hit = tuple[int, int, int, str, int, int]  # (start, phrase start, phrase end, kind, verb start, verb end)
_RELATIVE = re.compile(r",\s*(?:which|who|whose|whom)\b[^,;:.]{1,200},", re.I)
_PLURAL_START = re.compile(r"(?:the|all|our|these|those|many|several|both)\s+\w", re.I)
#: a plural noun opening the sentence: "Members agreed …", "Participants stressed …"
_PLURAL_NOUN = re.compile(r"[A-Z][a-z]{2,}[^s\W]s\b")
#: what follows a reported past form: a that-clause, an infinitive or an object, never "by"
_REPORTED = re.compile(r"\s+(?:that|to|the|a|an|their|its|on|upon|for|with|all)\b", re.I)
_BE = re.compile(rf"(?<![\w-])(?:is|are)\s+((?:{_ADVERB}\s+){{0,2}})", re.I)
_TO = re.compile(r"\s+to(?![\w-])", re.I)


def _subject_ok(noun_phrase: str) -> bool:
    """A noun phrase, not a clause: no subordinator, no subject pronoun ("any limit on it" is
    one: a pronoun after a preposition is an object)."""
    words = _WORDS.findall(noun_phrase.lower())
    if not words or len(words) > 30:
        return False
    return not any(
        w in _SUBORDINATORS and not (w in _OBJECT_PRONOUNS and k and words[k - 1] in _PREPOSITIONS)
        for k, w in enumerate(words)
    )


def _outside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return not any(a <= position < b for a, b in spans)


def relative_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Relative clauses set off by commas ("The IGF Secretariat, which is hosted by UN DESA,
    should …"): an aside about the subject, whose verbs are not the sentence's."""
    return [(m.start(), m.end()) for m in _RELATIVE.finditer(text, start, end)]


def _modal_hit(text: str, start: int, end: int, asides: Sequence[tuple[int, int]]) -> _Hit | None:
    for modal in _MODAL.finditer(text, start, end):
        if not _outside(modal.start(), asides):
            continue
        # "should be strengthened" is a passive (no addressee); "should be answerable" is not
        passive = modal["passive"] is not None and is_past_participle(modal["participle"])
        kind = "passive-modal" if passive else "modal"
        return (modal.start(), modal.start("phrase"), modal.end("phrase"), kind, 0, 0)
    return None


def _passive_hit(
    text: str, start: int, end: int, lexicon: Lexicon, asides: Sequence[tuple[int, int]]
) -> _Hit | None:
    verbs = lexicon.verb_regex()
    for be in _BE.finditer(text, start, end):
        if verbs is None or not _outside(be.start(), asides):
            continue
        verb = verbs.match(text, be.end(), end)
        form = lexicon.verbs.get(" ".join(verb.group().lower().split())) if verb is not None else None
        if verb is not None and form is not None and "ed" in form.kinds and _TO.match(text, verb.end(), end):
            return (be.start(), be.start(), verb.end(), "passive", verb.start(), verb.end())
    return None


def _third_hit(text: str, start: int, end: int, lexicon: Lexicon, asides: Sequence[tuple[int, int]]) -> _Hit | None:
    thirds = lexicon.third_regex()
    position = start
    while thirds is not None and position < end:
        third_at = lexicon.third_search(text, position, end)
        third = thirds.match(text, third_at[0], end) if third_at is not None else None
        if third is None:
            return None
        if _outside(third.start(), asides):
            before = _WORDS.findall(text[start : third.start()].lower())
            if before and before[-1] not in _DETERMINERS:
                return (third.start(), third.start(), third.end(), "third", third.start(), third.end())
            return None
        position = third.end()
    return None


def _plural_hit(text: str, start: int, end: int, lexicon: Lexicon, asides: Sequence[tuple[int, int]]) -> _Hit | None:
    """ "The members of the working group thank …", "All participants welcome …": a base form
    right after a plural subject is that subject's own verb, as a third-person form is; so is a
    past form that reports what they said ("Members agreed that …", "Participants stressed the
    need …"), but not a participle before "by" ("the measures recommended by the Group")."""
    verbs = lexicon.verb_regex()
    plural = _PLURAL_START.match(text, start, end) or _PLURAL_NOUN.match(text, start, end)
    if verbs is None or plural is None:
        return None
    words = list(_WORDS.finditer(text, start, min(end, start + 160)))
    for index, word in enumerate(words[1:13], 1):
        if not _outside(word.start(), asides) or not word.group()[:1].islower():
            continue
        before = [w.group() for w in words[:index]]
        if before[-1].lower() in _DETERMINERS or before[-1].lower() in _PREPOSITIONS:
            continue  # "The support of …": a noun after a determiner
        # the head of the subject: the noun before its first "of" ("The members of the group")
        head = before[before.index("of") - 1] if "of" in before[1:] else before[-1]
        if not (head.endswith("s") and not head.endswith("ss")):
            continue
        verb = verbs.match(text, word.start(), end)
        form = lexicon.verbs.get(" ".join(verb.group().lower().split())) if verb is not None else None
        if verb is not None and form is not None and form.kinds & {"base"} and not form.kinds & {"third", "ing"}:
            return (word.start(), word.start(), verb.end(), "plural", verb.start(), verb.end())
        if verb is not None and form is not None and "ed" in form.kinds and _REPORTED.match(text, verb.end(), end):
            return (word.start(), word.start(), verb.end(), "plural", verb.start(), verb.end())
    return None


def subject_first(
    text: str, start: int, end: int, lexicon: Lexicon, agents: Sequence[Match], *, clause_only: bool = False
) -> FoundVerb | None:
    """The verb of a sentence (``text[start:end]``) that opens with its subject, or ``None``.
    ``clause_only``: a coordinated clause ("…, and the Secretariat should …"): modals and
    passives only. A relative clause after the subject (", which …,") is skipped."""
    np_start = start
    lead = None if clause_only else _LEAD.match(text, start, end)
    if lead is not None:
        np_start = lead.end()
    if lexicon.verb_regex() is None:
        return None
    asides = relative_clauses(text, np_start, end)
    hits = [_modal_hit(text, np_start, end, asides)]
    hits.append(_passive_hit(text, np_start, hits[0][0] if hits[0] is not None else end, lexicon, asides))
    if not clause_only:
        hits.append(_third_hit(text, np_start, end, lexicon, asides))
        # also beside a modal: in "Members agreed that the CSTD should …" the plural's verb comes first
        hits.append(_plural_hit(text, np_start, end, lexicon, asides))
    found = [hit for hit in hits if hit is not None]
    if not found:
        return None
    at, phrase_start, phrase_end, kind, verb_start, verb_end = min(found)
    clause = max(text.rfind(";", np_start, at), text.rfind(":", np_start, at))
    if clause >= 0:  # "Capacity is lacking; UNESCO and the ITU are encouraged to …": the last clause
        np_start = clause + 1 + len(text[clause + 1 : at]) - len(text[clause + 1 : at].lstrip())
    head_end = next((a for a, b in asides if np_start <= a and b <= at), at)  # the subject before its aside
    noun_phrase = text[np_start:head_end]
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
    return FoundVerb(form.iri, phrase_start, phrase_end, kind)


def important_that(text: str, start: int, end: int, lexicon: Lexicon) -> FoundVerb | None:
    """ "It is important / essential … that X …", "It is crucial for X to …", "There is a (clear)
    need for X to …" → *recommends*, addressed to the clause's subject X; "There is a need to /
    for …" → *recommends*, addressed to nobody."""
    match = _IMPORTANT.match(text, start, end)
    form = lexicon.verbs.get("recommends")
    if match is None or form is None:
        return None
    for group in ("for", "need"):
        if match[group] is not None:  # as written: "It is crucial", "There is a need" (no "for X to")
            phrase_end = text.rfind("for", match.start(), match.start(group))
            return FoundVerb(form.iri, match.start(), phrase_end - 1, "modal", None, match.start(group))
    if match.group().lower().endswith(("need to", "need for")):
        return FoundVerb(form.iri, match.start(), match.end(), "modal", None, None, True)
    return FoundVerb(form.iri, match.start(), match.end(), "modal", None, match.end() + 1)


_GAP = re.compile(  # ", and the NRO to support …", ", and upon the CSTD to invite …"
    r"(?:,\s*|\s+)and\s+(?:(?:upon|on)\s+)?(?P<np>[^,;:.()]{1,150}?)\s+to\s+(?!(?:the|a|an|this|these|its|their)\b)[a-z]+"
)
_FINITE = re.compile(
    r"(?<![\w-])(?:is|are|was|were|be|been|has|have|had|should|must|shall|will|would|may|can)(?![\w-])", re.I
)


def gapped_subjects(
    text: str, start: int, end: int, lexicon: Lexicon, agents: Sequence[Match]
) -> tuple[tuple[int, int], ...]:
    """Conjuncts whose verb is left out ("gapped") after a verb with its infinitive: "The
    technical community is encouraged to continue …, and the regional Internet registries and the
    NRO to support …" → the span of "the regional Internet registries and the NRO". A conjunct
    counts only when it names an agent and holds no verb of its own."""
    verbs = lexicon.verb_regex()
    found: list[tuple[int, int]] = []
    for gap in _GAP.finditer(text, start, end):
        a, b = gap.span("np")
        phrase = text[a:b]
        if _FINITE.search(phrase) or not any(a <= m.start < b for m in agents):
            continue
        if verbs is not None and any(verbs.match(text, w.start(), b) for w in _WORDS.finditer(text, a, b)):
            continue
        found.append((a, b))
    return tuple(found)
