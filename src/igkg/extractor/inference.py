"""Citations inferred from what a text says an instrument defines, not from paragraph numbers.

Two rules, both driven by the data rather than by lists of instruments:

(a) **Defined topic.** "the stakeholder roles that were defined … in the Tunis Agenda",
    "these roles were originally defined … in December 2003, Geneva Declaration of
    Principles", "the Tunis Agenda-defined stakeholder roles": the defined thing is a topic of
    the topic scheme (named by one of its labels, or by a head noun such as "roles" that repeats
    a topic named earlier in the recommendation). The citation resolves to the provisions of
    that instrument whose ``dcterms:subject`` is the topic.

(b) **Defined role of an agent.** "its Tunis Agenda defined role" (``its`` = the organization
    named before), "the IGF's mandate as set out in the Tunis Agenda", "Enhanced Cooperation
    as described in the Tunis Agenda": the citation resolves to the provisions of that
    instrument that mandate, establish or describe the agent (``igkg:mandatedBy``,
    ``igkg:establishedBy``, ``igkg:describedIn``; the first of these that exists wins).

When neither rule finds a provision the instrument is cited as a whole. Explicit paragraph
numbers always win: :mod:`.references` drops an inferred citation of an instrument whose
paragraphs the recommendation names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon, Match

__all__ = ["Inference", "infer"]

_PARTICIPLE_WORDS = frozenset(
    [
        "defined",
        "set out",
        "laid down",
        "assigned",
        "established",
        "spelled out",
        "spelt out",
        "described",
        "enshrined",
        "outlined",
        "specified",
        "given",
        "conferred",
        "mandated",
        "stated",
        "articulated",
        "recognized",
        "recognised",
        "envisaged",
    ]
)
_PARTICIPLES = "|".join(w.replace(" ", r"\s+") for w in sorted(_PARTICIPLE_WORDS, key=len, reverse=True))
_ROLE_NOUNS = re.compile(r"^(?:roles?|mandates?|functions?|responsibilit(?:y|ies)|tasks?|remits?)$")
_AFTER_INSTRUMENT = re.compile(
    rf"(?:\s|\s?-\s?)(?:{_PARTICIPLES})\s(?P<np>(?:[\w'-]+\s){{0,3}}?"
    r"(?P<head>roles?|mandates?|functions?|responsibilit(?:y|ies)|tasks?|remits?))(?!\w)",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset(["in", "by", "under", "within", "through", "at", "of", "from"])
_SKIP_BEFORE_PARTICIPLE = frozenset(
    ["were", "was", "are", "is", "be", "been", "being", "have", "has", "had", "as", "that", "which", "so"]
)
_STOP = frozenset(";:.()")
_WORD = re.compile(r"[\w'-]+|[^\w\s]")
_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
_APOSTROPHE = re.compile(r"(?:^|\s)([\w-]+)'s\s$")


@dataclass(frozen=True)
class Inference:
    provisions: tuple[str, ...]
    end: int  # where the reference as written ends (past the mention for "… defined role")
    note: str


def _words_before(text: str, end: int, limit: int) -> list[re.Match[str]]:
    window_start = max(0, end - 200)
    words = list(_WORD.finditer(text, window_start, end))
    return words[-limit:]


def _possessor(text: str, start: int, agents: Sequence[Match], lexicon: Lexicon) -> str | None:
    """The agent 'its'/'their' at ``start`` refers to: the last agent named before it,
    an organization if there is one."""
    before = [a for a in agents if a.end <= start]
    organizations = [a for a in before if any(lexicon.is_organization(i) for i in a.iris)]
    chosen = organizations or before or list(agents[:1])
    return chosen[-1].iris[0] if chosen else None


def _governing(agent: str, instrument: str, lexicon: Lexicon) -> tuple[str, ...]:
    links = [
        (rank, p) for rank, p in lexicon.governing.get(agent, []) if lexicon.provision_instrument.get(p) == instrument
    ]
    if not links:
        return ()
    best = min(rank for rank, _p in links)
    return tuple(p for rank, p in links if rank == best)


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _topic_provisions(
    np_start: int, np_end: int, head: str, instrument: str, topics: Sequence[Match], lexicon: Lexicon
) -> tuple[str, str] | None:
    """(topic, note) for rule (a), and its provisions, or None."""
    inside = [t for t in topics if t.start >= np_start and t.end <= np_end]
    candidates = [i for t in inside for i in t.iris]
    if not candidates and head:
        named = [i for t in topics for i in t.iris]
        wanted = _singular(head)
        candidates = [i for i in named if wanted in {_singular(w) for w in lexicon.topic_words.get(i, ())}]
        if not candidates:
            every = [
                topic
                for (inst, topic) in lexicon.topic_provisions
                if inst == instrument and wanted in {_singular(w) for w in lexicon.topic_words.get(topic, ())}
            ]
            candidates = every if len(set(every)) == 1 else []
    for topic in candidates:
        if lexicon.topic_provisions.get((instrument, topic)):
            return topic, lexicon.label(topic)
    return None


def _decide(
    text: str,
    np_start: int,
    np_end: int,
    instrument: str,
    agents: Sequence[Match],
    topics: Sequence[Match],
    lexicon: Lexicon,
    end: int,
    owner_start: int | None,
) -> Inference | None:
    words = [w for w in _WORD.finditer(text, np_start, np_end)]
    head = next((w.group() for w in reversed(words) if _ROLE_NOUNS.match(w.group().lower())), "")
    if not head:
        head = words[-1].group() if words else ""
    role = bool(_ROLE_NOUNS.match(head.lower()))
    name = lexicon.label(instrument)
    # (b) an agent's role: a possessor ("its", "their", "the IGF's", "of the IGF") or the agent itself
    owner: str | None = None
    if role:
        pronoun = owner_start is not None or any(w.group().lower() in _POSSESSIVE_PRONOUNS for w in words)
        inside = [a for a in agents if a.start >= np_start and a.end <= np_end]
        if inside:
            owner = inside[-1].iris[0]
        elif pronoun:
            owner = _possessor(text, owner_start if owner_start is not None else np_start, agents, lexicon)
    else:
        whole = [a for a in agents if a.start >= np_start and a.end == np_end]
        owner = whole[-1].iris[0] if whole else None
    if owner is not None:
        provisions = _governing(owner, instrument, lexicon)
        if provisions:
            what = f"the {head.lower()} of" if role else ""
            note = (
                f"Inferred: the text refers to {what} {lexicon.label(owner)} as defined in the {name}; "
                "the provisions that mandate, establish or describe it are cited."
            )
            return Inference(provisions, end, " ".join(note.split()))
    # (a) a topic defined in the instrument
    found = _topic_provisions(np_start, np_end, head, instrument, topics, lexicon)
    if found is not None:
        topic, label = found
        note = (
            f"Inferred: the text refers to the {label} defined in the {name}; the provisions of that "
            f"instrument on this topic (dcterms:subject <{topic}>) are cited."
        )
        return Inference(tuple(lexicon.topic_provisions[(instrument, topic)]), end, note)
    return None


def infer(
    text: str, mention: Match, start: int, agents: Sequence[Match], topics: Sequence[Match], lexicon: Lexicon
) -> Inference | None:
    """Provisions of the instrument named at ``mention`` (written from ``start``, a leading
    "the"/"its" or date included) that the text refers to without numbering them."""
    instrument = mention.iris[0]
    # "its Tunis Agenda defined role", "the Tunis Agenda-defined stakeholder roles"
    after = _AFTER_INSTRUMENT.match(text, mention.end)
    if after is not None:
        lead = text[start : mention.start].strip().lower()
        owner_start = start if lead in _POSSESSIVE_PRONOUNS else None
        apostrophe = _APOSTROPHE.search(text[max(0, start - 60) : start])
        np_start = after.start("np")
        if apostrophe is not None:
            np_start = max(0, start - 60) + apostrophe.start(1)
        return _decide(
            text,
            np_start,
            after.end("head"),
            instrument,
            agents,
            topics,
            lexicon,
            after.end(),
            owner_start,
        )
    # "… <thing> (that were) defined (by …) in the Tunis Agenda"
    words = _words_before(text, start, 12)
    if not words or words[-1].group().lower() not in _PREPOSITIONS:
        return None
    participle = None
    for index in range(len(words) - 2, max(-1, len(words) - 9), -1):
        word = words[index].group()
        if word in _STOP:
            return None
        pair = f"{words[index - 1].group().lower()} {word.lower()}" if index > 0 else ""
        if pair in _PARTICIPLE_WORDS:
            participle = index - 1
            break
        if word.lower() in _PARTICIPLE_WORDS:
            participle = index
            break
    if participle is None:
        return None
    before = _words_before(text, words[participle].start(), 12)
    index = len(before) - 1
    while index >= 0 and (
        before[index].group().lower() in _SKIP_BEFORE_PARTICIPLE or before[index].group().lower().endswith("ly")
    ):
        index -= 1
    if index < 0 or before[index].group() in _STOP or before[index].group() == ",":
        return None
    np_end = before[index].end()
    first = index
    while first > 0 and index - first < 5:
        previous = before[first - 1].group()
        if previous in _STOP or previous == "," or previous.lower() in ("that", "which", "who", "noting"):
            break
        first -= 1
    return _decide(text, before[first].start(), np_end, instrument, agents, topics, lexicon, mention.end, None)
