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
_TOKEN = re.compile(r"\s*(as well as|and/or|'s\b|[\w'-]+|[^\w\s])", re.IGNORECASE)


def _agent_at(position: int, agents: Sequence[Match]) -> Match | None:
    for agent in agents:
        if agent.start == position:
            return agent
        if agent.start > position:
            return None
    return None


def addressees(text: str, verb_end: int, agents: Sequence[Match]) -> list[Match]:
    """The agents that are the direct object of the verb ending at ``verb_end``."""
    found: list[Match] = []
    position = verb_end
    expect_agent = True  # at the start, or after "and" / ","
    skipped_aside = False
    while position < len(text):
        while position < len(text) and text[position].isspace():
            position += 1
        agent = _agent_at(position, agents) if expect_agent else None
        if agent is not None:
            found.append(agent)
            position = agent.end
            expect_agent = False
            continue
        token = _TOKEN.match(text, position)
        if token is None:
            break
        word = token.group(1).lower()
        if expect_agent and word in _FILLERS:
            position = token.end()
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
            found.pop()  # "the WGIG report": the agent qualifies a noun
            break
        break
    return found
