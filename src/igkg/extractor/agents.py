"""Who a recommendation addresses: the agent that is the direct object of an operative verb.

"Encourages the IGF to …" → the IGF; "Invites intergovernmental organizations to …" → that
stakeholder group; "Calls upon governments, civil society and the technical community to …" →
all three. An agent counts only as the head of the object: "Welcomes the IGF's work",
"Takes note of the WGIG report", "Encourages the rethinking of …" and "Acknowledges the
efforts of …" address nobody. Every agent named anywhere is a mention (see :mod:`.lexicon`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import Match

__all__ = ["addressees"]

#: Words that may stand between the verb and the agent ("all governments", "the relevant …").
_FILLERS = frozenset(
    [
        "the",
        "all",
        "its",
        "their",
        "our",
        "relevant",
        "respective",
        "concerned",
        "interested",
        "each",
        "every",
        "both",
        "various",
        "individual",
        "national",
        "regional",
        "local",
        "existing",
        "also",
        "in",
        "particular",
    ]
)
#: What may follow the agent when the agent is the head of the object.
_FOLLOWERS = frozenset(
    [
        "to",
        "for",
        "on",
        "in",
        "at",
        "with",
        "within",
        "from",
        "by",
        "as",
        "about",
        "upon",
        "into",
        "across",
        "through",
        "regarding",
        "who",
        "which",
        "that",
        "whose",
        "where",
        "when",
        "not",
        "also",
        "of",
        "under",
        "towards",
        "toward",
        "among",
        "between",
        "including",
        "such",
        "should",
        "must",
        "may",
        "can",
        "will",
        "shall",
        "would",
        "could",
        "is",
        "are",
        "were",
        "was",
        "have",
        "has",
        "themselves",
        "itself",
    ]
)
_CONNECTORS = ("and", "or", "as well as", "and/or")
#: Words that open a modifier after a subject's agent ("Governments of developing countries", "civil
#: society organizations from the South", "governments that have not yet done so").
_POSTMODIFIERS = frozenset(
    ["of", "from", "in", "at", "with", "across", "within", "around", "throughout", "that", "who", "which", "whose"]
)
#: An office of a body stands for the body ("the Chair of the CSTD" → the CSTD).
_OFFICES = frozenset(
    [
        "chair",
        "chairs",
        "chairperson",
        "chairman",
        "chairwoman",
        "president",
        "presidency",
        "bureau",
        "council",  # "the ITU Council": an organ of the body
        "secretariat",
        "secretary",
        "head",
        "heads",
        "director",
        "director-general",
        "executive",
        "members",
        "member",
        "coordinator",
        "coordinators",
        "leadership",
        "officers",
    ]
)
#: Words that are no modifier of an agent ("host governments" has one; "the rethinking of" not).
_NOT_MODIFIERS = frozenset(
    [
        "of",
        "to",
        "for",
        "from",
        "by",
        "with",
        "on",
        "at",
        "as",
        "that",
        "which",
        "who",
        "and",
        "or",
        "but",
        "not",
        "is",
        "are",
        "be",
        "been",
        "its",
        "their",
        "work",
        "role",
        "efforts",
        "report",
        "reports",
        "mandate",
        "roles",
        "contribution",
        "contributions",
        "participation",
        "decision",
        "through",
        "via",
        "within",
        "under",
        "among",
        "between",
        "in",
        "into",
        "across",
        "the",
        "a",
        "an",
    ]
)
_TOKEN = re.compile(r"\s*(as well as|and/or|'s\b|[\w'-]+|[^\w\s])", re.IGNORECASE)
_OFFICE = re.compile(r"(?:vice-)?([\w-]+)(?:\s[\w-]+)?\s+of\s+(?:the\s+)?", re.I)
#: a head the data does not know, before the members it names: "donors, including", "partners such as"
_UNKNOWN_HEAD = re.compile(r"(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,?\s+(?:including|in\s+particular|notably|such\s+as)\s+")
#: a phrase set off by commas inside a subject, whose agents are not the subject's
_ASIDE = re.compile(
    r"(?:in\s+(?:close\s+)?(?:cooperation|consultation|partnership|coordination|collaboration)\s+with|together\s+with"
    r"|with\s+the\s+(?:support|help|assistance)\s+of|supported\s+by|as\s+well\s+as\s+with)\b",
    re.I,
)
_MODIFIERS = re.compile(r"([A-Za-z][\w-]*)\s+(?:([a-z][\w-]*)\s+)?")  # "Donor governments" opening a sentence
_CONJUNCTS = re.compile(r"(,\s*|\s+(?:and|or|as well as|including|in particular)\s+|\s*\(\s*|\s*\)\s*)")
_SEPARATOR = re.compile(r",\s*|\s+(?:and|or|as well as|including|in particular)\s+|\s*[()]\s*")
_DETERMINERS = re.compile(
    r"(?:(?:including|notably|especially|such\s+as|in\s+particular|the|all|relevant|other|its|their|respective"
    r"|concerned|interested|both)\s+)*",
    re.I,
)


_OTHER_CONJUNCT = re.compile(  # "donor countries and …", "the WSIS Forum and the IGF …"
    r"([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)"
)
_FILLER_RUN = re.compile(r"(?:(?:the|all|relevant|other|its|their|national|regional|international)\s+)*", re.I)


def _agent_at(position: int, agents: Sequence[Match]) -> Match | None:
    for agent in agents:
        if agent.start == position:
            return agent
        if agent.start > position:
            return None
    return None


def _office_of(text: str, position: int, agents: Sequence[Match]) -> tuple[Match, int] | None:
    """ "Chair of the CSTD" at ``position``: the body, and where its name ends."""
    office = _OFFICE.match(text, position)
    if office is None or office.group(1).lower() not in _OFFICES:
        return None
    agent = _agent_at(office.end(), agents)
    return (agent, agent.end) if agent is not None else None


def _modified_agent(text: str, position: int, agents: Sequence[Match]) -> Match | None:
    """ "host governments", "donor countries": one or two modifiers before an agent."""
    words = _MODIFIERS.match(text, position)
    if words is None:
        return None
    for group in (1, 2):
        if words.group(group) is None or words.group(group).lower() in _NOT_MODIFIERS:
            return None
        agent = _agent_at(words.end(group) + 1, agents)
        if agent is not None:
            return agent
    return None


def subject_addressees(text: str, start: int, end: int, agents: Sequence[Match]) -> list[Match]:
    """The agents a subject names ("Regulators and the private sector", "Intergovernmental
    organizations, including ITU and UNESCO"): each conjunct that is an agent, the members after
    "including", the body of an office ("the Chair of the CSTD")."""
    found: list[Match] = []
    inside = [a for a in agents if a.start >= start and a.end <= end]
    position = start
    aside = False  # "Member States, in cooperation with the private sector and …, should": not the subject
    for piece in _CONJUNCTS.split(text[start:end]):
        if piece and _SEPARATOR.fullmatch(piece) and "," in piece:
            aside = False
        if piece and not _SEPARATOR.fullmatch(piece) and _ASIDE.match(piece.lstrip()):
            aside = True
        if piece and not _SEPARATOR.fullmatch(piece) and not aside:
            head = position + len(piece) - len(piece.lstrip())
            skip = _DETERMINERS.match(text, head)
            at = skip.end() if skip is not None else head
            # a label may hold the determiner itself ("All stakeholders", "all relevant stakeholders")
            agent = _agent_at(head, inside) or _agent_at(at, inside) or _modified_agent(text, at, inside)
            office = _office_of(text, at, inside) if agent is None else None
            chosen = agent or (office[0] if office else None)
            if chosen is not None and not text.startswith("'s", chosen.end) and chosen not in found:
                follower = text[chosen.end : position + len(piece)].strip()
                # "civil society organizations from developing countries": a modifier after the
                # agent; "the IGF report": the agent qualifies a noun
                first_word = follower.split(" ", 1)[0].lower()
                # "the UNCTAD secretariat", "the CSTD Bureau": an office of the body is the body
                modified = first_word in _POSTMODIFIERS or first_word in _OFFICES
                if not follower or office is not None or agent is not None and (not follower[:1].isalpha() or modified):
                    found.append(chosen)
        position += len(piece)
    return found


def addressees(text: str, verb_end: int, agents: Sequence[Match], *, subject: bool = False) -> list[Match]:
    """The agents that are the direct object of the verb ending at ``verb_end``; with
    ``subject``, the subject of a that-clause starting there ("recommends that the CSTD take
    note": a lower-case word after the agent is the clause's verb)."""
    found: list[Match] = []
    position = verb_end
    expect_agent = True  # at the start, or after "and" / ","
    skipped_aside = False
    while position < len(text):
        while position < len(text) and text[position].isspace():
            position += 1
        agent = _agent_at(position, agents) if expect_agent else None
        if agent is None and expect_agent:
            office = _office_of(text, position, agents)
            if office is not None:  # "the Chair of the CSTD": the CSTD
                found.append(office[0])
                position = office[1]
                expect_agent = False
                continue
            agent = _modified_agent(text, position, agents)
        if agent is not None:
            found.append(agent)
            position = agent.end
            expect_agent = False
            continue
        token = _TOKEN.match(text, position)
        if token is None:
            break
        word = token.group(1).lower()
        if word == "including" and found:  # "organizations, including ITU and UNESCO": the members too
            position = token.end()
            expect_agent = True
            continue
        if expect_agent and word in _FILLERS:
            position = token.end()
            continue
        head = _UNKNOWN_HEAD.match(text, position) if expect_agent and not found else None
        if head is not None:  # "urges donors, including the private sector and …": the members named
            position = head.end()
            continue
        conjunct = _OTHER_CONJUNCT.match(text, position) if expect_agent and word[0].isalpha() else None
        if conjunct is not None and not set(conjunct.group(1).lower().split()) & _NOT_MODIFIERS:
            # "donor countries and the private sector": a conjunct that names no agent is skipped
            after = _FILLER_RUN.match(text, conjunct.end())
            if after is not None and _agent_at(after.end(), agents) is not None:
                position = conjunct.end()
                continue
        if expect_agent and word == "," and not found and not skipped_aside:
            # "Encourages, in particular, governments to": skip a short aside between commas.
            close = text.find(",", token.end())
            if 0 < close - token.end() <= 40:
                position = close + 1
                skipped_aside = True
                continue
            break
        if not expect_agent:
            if word == "'s":
                found.pop()  # "the IGF's work": the agent is a possessor, not the object
                break
            if word in _CONNECTORS or word == ",":
                position = token.end()
                expect_agent = True
                continue

            if word in _FOLLOWERS or not word[0].isalnum():
                break
            if word in _OFFICES:
                break  # "requests the UNCTAD secretariat to": an office of the body is the body
            if not (subject and token.group(1)[:1].islower()):
                found.pop()  # "the WGIG report": the agent qualifies a noun
                # "the WSIS Forum and the IGF": a conjunct that names no agent, then one that does
                rest = _OTHER_CONJUNCT.match(text, position)
                after = _FILLER_RUN.match(text, rest.end()) if rest is not None else None
                if rest is not None and after is not None and _agent_at(after.end(), agents) is not None:
                    position = rest.end()
                    expect_agent = True
                    continue
            break
        break
    return found
