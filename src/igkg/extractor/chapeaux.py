"""Chapeaux that name the speaker of the list below them: "We, the undersigned organizations:",
"The participants in the roundtable:", "The members of the working group,", "The Commission,".

Under such a chapeau the items are the chapeau's sentence continued, so an item opening with a
base form ("Call on governments to …", "Encourage parliaments to …", "Recommend that …") is the
speaker's verb (*calls upon*, *encourages*, *recommends*) with its object as addressee, not an
imperative. A chapeau is short (40 words at most), ends with ":" or ",", opens with "We", a determiner ("The", "All",
"Our" …) or a known name, and has no finite verb of its own ("The Commission … recommends … the
following draft resolution:" says what it does and is no speaker). Its scope runs over the items
that follow, across headings (a Word document may put a heading between the chapeau and its
list), and ends at the next paragraph of prose.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .reading import for_matching
from .segment import Item

__all__ = ["speaker_chapeau", "Speaker"]

_OPENING = re.compile(r"(?:We\b|(?:The|All|Our|These|Those|Its)\s+\w)")
_WORD = re.compile(r"[\w'-]+")
_MAX_WORDS = 40  # "We, the undersigned organizations, meeting on the margins of … :"


def speaker_chapeau(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` (a paragraph or heading of its own) names the speaker of the items below."""
    stripped = " ".join(text.split())
    if not stripped.endswith((":", ",")) or len(stripped.split()) > _MAX_WORDS:
        return False
    matching = for_matching(stripped[:-1])
    if _OPENING.match(matching) is None:
        names = lexicon.agents.find(matching)
        if not (len(names) == 1 and names[0].start == 0 and names[0].end == len(matching)):
            return False  # "Recommendations:", "Key messages:" name nobody
    verbs = lexicon.verb_regex()
    for word in _WORD.finditer(matching):
        found = verbs.match(matching, word.start()) if verbs is not None else None
        form = lexicon.verbs.get(" ".join(found.group().lower().split())) if found is not None else None
        if form is not None and form.kinds & {"third", "ed"}:
            return False  # "… recommends to the Council the adoption of the following …:"
    return True


class Speaker:
    """Whether the entries of a document, seen in order, are under a speaker's chapeau."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.active = False

    def see(self, kind: str, item: Item | None, text: str) -> None:
        """Take note of one planned entry (``kind`` as the planner gave it)."""
        if item is not None:
            return  # list items continue the chapeau
        if kind != "rec" and speaker_chapeau(text, self.lexicon):
            self.active = True
        elif kind not in ("heading", "title"):
            self.active = False  # a paragraph of prose ends the chapeau's list
