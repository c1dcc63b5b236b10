"""Names the lexicon does not know: capitalised names of bodies, processes or instruments
("NETmundial", "the Global Digital Compact", "the 2030 Agenda for Sustainable Development").

They are reported (the JSON ``candidates``, one warning each) so that the user can add them to
``data/``; they link to nothing. A candidate is a run of capitalised words (joined by "of",
"for", "on", "and", "the", "to"; a year may open it) of at least two capitalised words, or one
word with a capital inside it ("NETmundial"); it overlaps no name the lexicon knows, does not
open a sentence with a verb of the scheme, and is not made only of generic words ("the Working
Group", "the Commission", "Member States"). "the" in front is kept, as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from .lexicon import Lexicon, Match

__all__ = ["find_candidates"]

_RUN = re.compile(
    r"(?<![\w-])(?:(?P<the>the|The)\s+)?(?P<name>(?:\d{4}\s+)?[A-Z][\w'+-]*"
    r"(?:\s+(?:(?:of|for|on|and|to|the|in)\s+(?:the\s+)?)?[A-Z][\w'+-]*)*)"
)
#: Where a candidate may be: two capitalised words in a row (joined or not), or a capital inside a word.
_HINT = re.compile(r"[A-Z][\w'+-]*\s+(?:(?:of|for|on|and|to|the|in)\s+)*[A-Z]|\b[A-Z]{2,}[a-z]{2,}|\b[a-z]+[A-Z]")
_JOINED_AFTER = re.compile(r"\s+(?:and|or|as well as)\s")
_JOINED_BEFORE = re.compile(r"\s(?:and|or|of|for)(?:\s+the)?\s+$")
_LEAD_WORDS = re.compile(r"\s*(?:(?:and|or|of|for|on|to|in|as well as)\s+)*")
_WORDS = re.compile(r"[\w'+-]+")
_INNER_CAPITAL = re.compile(r"^[A-Z]{2,}[a-z]{2,}|^[a-z]+[A-Z]")
#: Words that name no particular body on their own.
_GENERIC = frozenset(
    [
        "working",
        "group",
        "groups",
        "commission",
        "council",
        "assembly",
        "forum",
        "secretariat",
        "chair",
        "committee",
        "panel",
        "member",
        "members",
        "states",
        "state",
        "government",
        "governments",
        "summit",
        "conference",
        "meeting",
        "session",
        "report",
        "resolution",
        "agenda",
        "item",
        "united",
        "nations",
        "internet",
        "we",
        "the",
        "it",
        "our",
        "their",
        "this",
        "these",
        "recommendation",
        "recommendations",
        "conclusions",
        "annex",
        "section",
        "chapter",
        "paragraph",
        "article",
        "mr",
        "ms",
        "dr",
        "page",
        "governance",
        "information",
        "society",
        "digital",
        "cooperation",
        "development",
        "technology",
        "technologies",
        "communications",
        "policy",
        "policies",
        "day",
        "week",
        "year",
        "programme",
    ]
)


def _pieces(text: str, known: Sequence[Match]) -> list[re.Match[str]]:
    """Capitalised runs with the known names cut out: "the Geneva Declaration of Principles and
    the Geneva Plan of Action" leaves "the Geneva Plan of Action"; a piece that touches a known
    name without a joining word is part of it ("IGF Trust Fund")."""
    pieces: list[re.Match[str]] = []
    for run in _RUN.finditer(text):
        inside = sorted((m for m in known if m.start < run.end() and run.start() < m.end), key=lambda m: m.start)
        if not inside:
            pieces.append(run)
            continue
        bounds = [run.start(), *[x for m in inside for x in (m.start, m.end)], run.end()]
        for a, b in zip(bounds[::2], bounds[1::2], strict=True):
            gap = text[a:b]
            touching = (a > run.start() and not _JOINED_AFTER.match(gap)) or (
                b < run.end() and not _JOINED_BEFORE.search(gap)
            )
            lead = _LEAD_WORDS.match(gap)
            offset = a + (lead.end() if lead else 0)
            piece = _RUN.match(text, offset, b)
            if piece is not None and not touching:
                pieces.append(piece)
    return pieces


def _all_covered(positions: Sequence[int], known: Sequence[Match]) -> bool:
    """Whether every position is inside some known name (one sort, one bisection each)."""
    spans = sorted((m.start, m.end) for m in known)
    starts = [a for a, _b in spans]
    reach: list[int] = []  # the furthest end of the names starting at or before each one
    for _a, b in spans:
        reach.append(max(b, reach[-1]) if reach else b)
    for position in positions:
        k = bisect_right(starts, position) - 1
        if k < 0 or reach[k] <= position:
            return False
    return True


_AND = re.compile(r"\s+and\s+(?:(?P<the>the)\s+)?")


def _complete(name: str) -> bool:
    capitals = [w for w in _WORDS.findall(name) if w[:1].isupper()]
    return len(capitals) >= 2 or bool(_INNER_CAPITAL.match(name))


def _split_names(run: re.Match[str]) -> list[tuple[str | None, str, int]]:
    """(the, name, start) of the names in a run: "the High-level Political Forum and NETmundial"
    is two names; "Ministry of Science and Technology" (one side incomplete) stays one."""
    name, start = run["name"], run.start("name")
    cuts = list(_AND.finditer(name))
    pieces = []
    at, the = 0, run["the"]
    for cut in cuts:
        pieces.append((the, name[at : cut.start()], start + at))
        at, the = cut.end(), cut["the"]
    pieces.append((the, name[at:], start + at))
    merged: list[tuple[str | None, str, int]] = []
    for piece in pieces:  # an incomplete side belongs to the name before it ("… Science and Technology")
        if merged and not (_complete(piece[1]) and _complete(merged[-1][1])):
            the_before, before, before_start = merged.pop()
            piece = (the_before, name[before_start - start : piece[2] - start + len(piece[1])], before_start)
        merged.append(piece)
    return merged


def _candidate(the: str | None, name: str, start: int, start_words: set[int], lexicon: Lexicon) -> str | None:
    """``name`` as written, if it is a candidate."""
    words = _WORDS.findall(name)
    capitals = [w for w in words if w[:1].isupper()]
    if start in start_words and the is None and (words[0].lower() in lexicon.verbs or len(capitals) < 3):
        return None
    single = len(capitals) == 1 and len(words) == 1
    if (single and not _INNER_CAPITAL.match(name)) or (not single and len(capitals) < 2):
        return None
    if all(w.lower() in _GENERIC for w in capitals):
        return None
    if name.split()[-1].lower() in ("of", "for", "on", "and", "to", "the", "in"):
        return None
    return f"the {name}" if the else name


def find_candidates(text: str, start_words: set[int], known: Sequence[Match], lexicon: Lexicon) -> list[str]:
    """Unknown names in a unit's matching text; ``start_words`` are offsets where a sentence
    starts, ``known`` the agents, instruments and topics found there."""
    found: list[str] = []
    hints = [h.start() for h in _HINT.finditer(text)]
    if not hints or _all_covered(hints, known):
        return found  # every pair of capitalised words is (inside) a known name
    for run in _pieces(text, known):
        for the, name, start in _split_names(run):
            written = _candidate(the, name, start, start_words, lexicon)
            if written is not None and written not in found:
                found.append(written)
    return found
