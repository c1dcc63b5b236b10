"""What one unit (a paragraph, list item or recommendation) does, addresses, mentions and cites.

The unit's text is matched as a whole (:func:`~igkg.extractor.reading.for_matching`); every link
keeps the span it was read from, mapped back to the source by the ``evidence`` function the
pipeline passes in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .agents import addressees, subject_addressees
from .candidates import find_candidates
from .lexicon import Lexicon, Match
from .model import Action, Citation, Evidence, ExtractionWarning, Footnote, Link, Provision, Recommendation
from .prepared import Prepared
from .reading import for_matching
from .references import Context, find_citations
from .variants import extend_tail
from .verbs import FoundVerb, find_actions, sentences

__all__ = ["UnitAnalysis", "analyse_unit", "citations_of", "find_agents"]

_GOVERNMENT_SUBJECT = re.compile(
    r"(?<![\w-])(?:[Tt]he\s+)?(Government)(?=\s+(?:should|must|shall|may|is\s+(?:invited|encouraged|urged|requested)"
    r"|needs\s+to|ought\s+to)\b)"
)
_GOVERNMENT_OF = re.compile(r"(?<![\w-])Governments?\s+of\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:and\s+)?[A-Z][\w'-]*)*")
_THAT = re.compile(r"\s+that\s+", re.I)
_PREAMBULAR_FORMS = ("ing", "adj")
_JUST_AND = re.compile(r"[\s,]*(?:and|or)?\s*")


@dataclass
class UnitAnalysis:
    recommendation: Recommendation
    candidates: list[str]
    opening_kind: str | None  # the form of the verb opening the unit (see .forms), if one does


def find_agents(text: str, lexicon: Lexicon) -> tuple[list[Match], list[Match]]:
    """(mentions, addressable): the agents named in ``text``; the addressable ones add "the
    Government of <country>" (governments), which is a mention only where it is addressed."""
    organizations = lexicon.organizations
    mentions = [
        Match(m.start, extend_tail(text, m.end), m.iris) if not organizations.isdisjoint(m.iris) else m
        for m in lexicon.agents.find(text)
    ]
    if lexicon.governments is None or "Government" not in text:
        return mentions, mentions
    extra = [
        Match(g.start(), g.end(), (lexicon.governments,))
        for g in _GOVERNMENT_OF.finditer(text)
        if not any(m.start < g.end() and g.start() < m.end for m in mentions)
    ]
    # "Government should …", "The Government is requested to …" in a national text: the country's
    # government, named as a subject: a mention of governments and addressable
    subjects = [
        Match(g.start(1), g.end(1), (lexicon.governments,))
        for g in _GOVERNMENT_SUBJECT.finditer(text)
        if not any(m.start < g.end(1) and g.start(1) < m.end for m in [*mentions, *extra])
    ]
    if subjects:
        mentions = sorted([*mentions, *subjects], key=lambda m: m.start)
    return mentions, sorted([*mentions, *extra], key=lambda m: m.start)


def _links(matches: list[Match], evidence: Callable[[int, int], Evidence]) -> list[Link]:
    links: dict[str, Link] = {}
    for match in matches:
        for iri in match.iris:
            link = links.get(iri)
            if link is None:
                link = links[iri] = Link(iri)
            link.evidence.append(evidence(match.start, match.end))
    return list(links.values())


def _addressed(text: str, verb: FoundVerb, lexicon: Lexicon, agents: list[Match]) -> list[Match]:
    """The agents ``verb`` addresses, with the gapped conjuncts after it; a process ("Enhanced
    cooperation should …") is no agent."""
    named = _addressed_names(text, verb, lexicon, agents)
    for start, end in verb.also:
        named += [m for m in subject_addressees(text, start, end, agents) if m not in named]
    return [m for m in named if any(lexicon.is_agent(i) for i in m.iris)]


def _addressed_names(text: str, verb: FoundVerb, lexicon: Lexicon, agents: list[Match]) -> list[Match]:
    if verb.no_addressee:
        return []
    if verb.subject is not None:
        return subject_addressees(text, verb.subject[0], verb.subject[1], agents)
    if verb.that_subject is not None:
        return addressees(text, verb.that_subject, agents, subject=True)
    if verb.kind == "imperative":
        return []
    that = _THAT.match(text, verb.end)
    if that is not None:  # "recommends that the CSTD take note": a directive verb's that-clause
        return addressees(text, that.end(), agents, subject=True) if verb.verb in lexicon.directive else []
    return addressees(text, verb.end, agents)


def citations_of(
    position: int | None,
    text: str,
    clean_text: str,
    agents: list[Match],
    topics: list[Match],
    lexicon: Lexicon,
    context: Context,
    evidence: Callable[[int, int], Evidence],
    warnings: list[ExtractionWarning],
    instruments: list[Match] | None = None,
) -> list[Citation]:
    """The citations of a matching ``text`` (a unit or a footnote), with their warnings."""
    instruments = lexicon.instruments.find(text) if instruments is None else instruments
    found_citations, unresolved = find_citations(text, instruments, agents, topics, lexicon, context)
    where = f"recommendation {position}" if position is not None else "a footnote"
    citations = []
    for found in found_citations:
        if found.resolution == "explicit":
            provisions = [Provision(n, lexicon.provision(found.instrument, n)) for n in found.numbers]
            for provision in provisions:
                if provision.iri is None:
                    warnings.append(
                        ExtractionWarning(
                            position,
                            "unknown-paragraph",
                            provision.number,
                            f"{where} cites paragraph {provision.number} of the "
                            f"{lexicon.label(found.instrument)}, which the graph does not have",
                        )
                    )
        else:
            provisions = [Provision(lexicon.provision_number.get(p, ""), p) for p in found.provisions]
        citations.append(
            Citation(
                found.instrument,
                clean_text[found.start : found.end],
                evidence(found.start, found.end),
                found.resolution,
                provisions,
                found.note or None,
            )
        )
    for item in unresolved:
        words = clean_text[item.start : item.end]
        warnings.append(
            ExtractionWarning(
                position,
                "unresolved-reference",
                words,
                f"{where}: {words!r} names no instrument, and none was cited before it",
            )
        )
    return citations


def analyse_unit(
    position: int,
    clean_text: str,
    lexicon: Lexicon,
    context: Context,
    evidence: Callable[[int, int], Evidence],
    warnings: list[ExtractionWarning],
    *,
    imperative: bool = False,
    openings: dict[str, FoundVerb | None] | None = None,
    first_person: bool = False,
    loose_imperative: bool = False,
) -> UnitAnalysis:
    """One unit's actions (with addressees), mentions, citations, topics and candidate names.
    ``openings``: first-sentence verbs already found for texts (by the segmentation)."""
    text = for_matching(clean_text)
    mentions, agents = find_agents(text, lexicon)
    opening: tuple[FoundVerb | None] | None = None
    if openings is not None and text in openings:
        opening = (openings[text],)
    spans = sentences(text)
    found_verbs, unknown = find_actions(
        text,
        lexicon,
        agents,
        imperative=imperative,
        opening=opening,
        first_person=first_person,
        loose_imperative=loose_imperative,
        spans=spans,
    )
    rec = Recommendation(position, clean_text, evidence(0, len(text)))
    addressed_governments: list[Match] = []
    kept: list[FoundVerb] = []
    for verb in found_verbs:
        who = _addressed(text, verb, lexicon, agents)
        addressed_governments += [w for w in who if w not in mentions]
        same = next((a for a in rec.actions if a.verb == verb.verb), None)
        if same is not None:  # a concept counts once per unit; its addressees join ("… should … and X should")
            already = {link.iri for link in same.addressees}
            same.addressees += [link for link in _links(who, evidence) if link.iri not in already]
            continue
        kept.append(verb)
        rec.actions.append(
            Action(
                len(rec.actions) + 1,
                verb.verb,
                clean_text[verb.start : verb.end],
                evidence(verb.start, verb.end),
                _links(who, evidence),
            )
        )
    found_verbs = kept
    # "Invites and encourages all stakeholders to …": the first verb shares the second's object
    for action, following in zip(reversed(rec.actions[:-1]), reversed(rec.actions[1:]), strict=True):
        between = text[found_verbs[action.position - 1].end : found_verbs[following.position - 1].start]
        if not action.addressees and _JUST_AND.fullmatch(between):
            action.addressees = [Link(link.iri, list(link.evidence)) for link in following.addressees]
    if (
        unknown is not None
        and not any(v.start <= unknown.start < v.end for v in found_verbs)
        and (not found_verbs or found_verbs[0].start > unknown.start)
    ):
        rec.unknown_verb = evidence(unknown.start, unknown.end)
        word = clean_text[unknown.start : unknown.end]
        later = f"; only its later verb{'s' if len(rec.actions) > 1 else ''} became actions" if rec.actions else ""
        warnings.append(
            ExtractionWarning(
                position,
                "unknown-verb",
                word,
                f"recommendation {position} opens with {word!r}, which is not an operative verb of the scheme "
                "(ontology/schemes.ttl)" + (later or "; it has no action"),
            )
        )
    named = sorted([*mentions, *addressed_governments], key=lambda m: m.start)
    rec.mentions = _links(named, evidence)
    topics = lexicon.topics.find(text)
    rec.topics = _links(topics, evidence)
    instruments = lexicon.instruments.find(text)
    rec.citations = citations_of(
        position, text, clean_text, agents, topics, lexicon, context, evidence, warnings, instruments
    )
    starts = {start for start, _end in spans}
    names = [*agents, *instruments, *topics]
    candidates = find_candidates(text, starts, names, lexicon)
    written = [clean_text[text.index(c) : text.index(c) + len(c)] if c in text else c for c in candidates]
    opening_kind = found_verbs[0].kind if found_verbs and found_verbs[0].start < 3 else None
    return UnitAnalysis(rec, written, opening_kind)


def footnotes_of(
    prepared: Prepared, lexicon: Lexicon, context: Context, warnings: list[ExtractionWarning]
) -> list[Footnote]:
    """The document's footnotes with what each cites (a citation only in a note is the note's)."""
    notes = []
    for note in prepared.footnotes:
        span = Evidence(note.start, note.end, prepared.original[note.start : note.end])
        text = for_matching(note.text)
        _mentions, agents = find_agents(text, lexicon)
        topics = lexicon.topics.find(text)

        def whole_note(_start: int, _end: int, span: Evidence = span) -> Evidence:
            return span  # the note's text is collapsed: its citations point to the whole note

        citations = citations_of(None, text, note.text, agents, topics, lexicon, Context(), whole_note, warnings)
        notes.append(Footnote(note.marker, note.text, span, citations))
    return notes
