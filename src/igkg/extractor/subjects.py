"""Recommendations that name their addressee first: "Governments are urged to …", "The MAG
should consider …".

Outcome documents of the genre (IGF messages, best-practice-forum outputs, WSIS+20 inputs) often
put the addressee first, with a passive operative verb ("is / are encouraged, invited, urged,
requested, called upon to") or a modal ("should", "must"). The subject is then the addressee;
the verb is the scheme's verb whose ``igkg:inflection`` is the participle ("urged" → urges), and
for a modal the scheme's "recommends". A subject that is not an agent of the graph ("The work
should …") or a passive modal ("The IGF should be strengthened") is not a recommendation to
anyone, and stays an opening the extractor reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .agents import addressees
from .lexicon import Lexicon, Match

__all__ = ["SubjectFirst", "subject_first"]

_ADVERB = r"(?:also|further|again|therefore|hereby|[a-z]+ly)"
_PASSIVE = re.compile(
    rf"\s+(?P<phrase>(?:is|are)\s+(?:{_ADVERB}\s+){{0,2}}(?P<verb>[a-z]+(?:\s+(?:upon|on))?))\s+to\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    rf"\s+(?P<phrase>should|must)\s+(?:{_ADVERB}\s+)?(?!be\b|have\b|not\b|only\b)[a-z]+\b",
    re.IGNORECASE,
)
#: The scheme verb a modal stands for.
_MODAL_VERB = "recommends"


@dataclass(frozen=True)
class SubjectFirst:
    verb: str  # the verb's IRI
    start: int  # of the verb phrase as written ("are urged", "should")
    end: int
    addressees: list[Match]


def subject_first(text: str, lexicon: Lexicon, agents: Sequence[Match]) -> SubjectFirst | None:
    """The operative verb and addressees of a text that opens with its addressees, or ``None``."""
    subject = addressees(text, 0, agents)
    if not subject:
        return None
    after = subject[-1].end
    passive = _PASSIVE.match(text, after)
    if passive is not None:
        form = lexicon.verbs.get(" ".join(passive["verb"].lower().split()))
        if form is None:
            return None
        return SubjectFirst(form.iri, passive.start("phrase"), passive.end("verb"), subject)
    modal = _MODAL.match(text, after)
    if modal is not None:
        form = lexicon.verbs.get(_MODAL_VERB)
        if form is None:
            return None
        return SubjectFirst(form.iri, modal.start("phrase"), modal.end("phrase"), subject)
    return None
