"""References to instruments and their paragraphs, in the forms policy texts use.

Paragraph expressions (a word, then one or more numbers, ranges and sub-items)::

    paragraph 69 · paragraphs 67 through 75 · paras 35 and 36 · paragraphs 67 to 71 · para 72(g)
    para. 72 (g) · ¶72 · §§ 35-36 · paragraphs 35, 36 and 72(a)-(c) · paragraph 35 a-e · 69–71

bound to an instrument named by one of its labels (:mod:`.lexicon`):

* after it: "paragraph 69 of the Tunis Agenda", "paragraph 49 of the Geneva Declaration";
* before it: "Tunis Agenda paragraphs 67 through 75", "A/RES/70/125, paragraph 64",
  "the Tunis Agenda (paragraphs 69–71)", "Tunis Agenda 69–71" (numbers alone, right after);
* otherwise the instrument named nearest before it in the recommendation, then after it,
  then the instrument cited last in the document, the first of these that has a paragraph
  with that number in the graph (else the first); if there is none it is reported unresolved.

Ranges are expanded (67 through 75 → nine paragraphs; 72(a)-(c) → three sub-items). An
instrument named without numbers is cited by inference (:mod:`.inference`) or as a whole.
Per instrument, explicit numbers win over inference, and inference over a whole citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .inference import infer
from .lexicon import Lexicon, Match

__all__ = ["FoundCitation", "Unresolved", "Context", "find_citations", "paragraph_numbers"]

_WORD = r"(?:sub-?paragraphs?|paragraphs?|paras?\.?|pars?\.|operative\s+paragraphs?|¶¶?|§§?)"
_SUB = r"\(\s?[a-z]{1,2}\s?\)"
_ONE = rf"\d{{1,3}}(?:\s?{_SUB}|[a-z](?!\w))?"
_RANGE = r"\s?(?:-|to|through|thru|until)\s?"
_ITEM = rf"{_ONE}(?:{_RANGE}(?:{_ONE}|{_SUB})|\s[a-z]-[a-z](?!\w))?"
_SEP = r"(?:\s?,\s?(?:and\s|&\s?)?|\s(?:and|&|or|as\swell\sas)\s)"
_LIST = rf"{_ITEM}(?:{_SEP}(?:{_ITEM}|{_SUB}))*"
_EXPRESSION = re.compile(rf"(?<!\w){_WORD}\s?(?P<list>{_LIST})(?!\w)", re.IGNORECASE)
_BARE = re.compile(rf"(?P<list>{_LIST})(?![\w/])", re.IGNORECASE)
_ITEM_PARTS = re.compile(
    r"(?P<n1>\d{1,3})(?:\s?\(\s?(?P<a1>[a-z]{1,2})\s?\)|(?P<b1>[a-z])(?!\w))?"
    rf"(?:{_RANGE}(?:(?P<n2>\d{{1,3}})(?:\s?\(\s?(?P<a2>[a-z]{{1,2}})\s?\)|(?P<b2>[a-z])(?!\w))?"
    r"|\(\s?(?P<a3>[a-z]{1,2})\s?\))|\s(?P<c1>[a-z])-(?P<c2>[a-z])(?!\w))?",
    re.IGNORECASE,
)
_PARTS_OR_BARE = re.compile(rf"{_ITEM_PARTS.pattern}|\(\s?(?P<bare>[a-z]{{1,2}})\s?\)", re.IGNORECASE)
_SELF = re.compile(
    r"\s+(?:above|below|hereof|herein|of\s+(?:the\s+present|this)\s+(?:resolution|decision|document|report|declaration"
    r"|statement|text|outcome\s+document))(?!\w)",
    re.IGNORECASE,
)
#: the body that issued a resolution, before "resolution 70/125": "General Assembly", "ECOSOC"
_ISSUER = re.compile(r"(?:[A-Z][\w-]*\s(?:and\s)?){1,5}(?=(?:resolution|decision)s?\s)")
_THEREOF = re.compile(r"\s+thereof(?!\w)", re.IGNORECASE)
_ITS_REPORT = re.compile(r"\s?of\s(?:its|their)\sreport(?!\w)", re.IGNORECASE)
_DATE = r"(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"
_RESOLUTIONS = re.compile(
    rf"(?<!\w)resolutions\s+(?P<first>\d{{1,4}}/\d{{1,4}}){_DATE}"
    rf"(?P<more>(?:(?:,\s*|\s+and\s+|,\s+and\s+)\d{{1,4}}/\d{{1,4}}{_DATE})+)",
)
_SYMBOL = re.compile(r"\d{1,4}/\d{1,4}")
_YEAR = re.compile(r"\d{4}")
_FOLLOWER = re.compile(r"\s?([\w]+|[^\w\s]|$)")
_OF = re.compile(r"\s?(?:of|in|under|from)\s(?:the\s)?", re.IGNORECASE)
_LINK = re.compile(r"(?:'s)?\s?,?\s?(?:(?:at|in|under)\s)?(?P<paren>\(\s?)?", re.IGNORECASE)
#: Words that may follow bare numbers after an instrument ("Tunis Agenda 69-71 on …").
_BARE_FOLLOWERS = frozenset(
    [
        "of",
        "on",
        "in",
        "and",
        "or",
        "to",
        "which",
        "that",
        "for",
        "as",
        "with",
        "by",
        "where",
        "is",
        "are",
        "was",
        "were",
    ]
)
_DATE_BEFORE = re.compile(
    r"(?:(?:\d{1,2}\s)?(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s)?(?:19|20)\d\d,?\s$",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(r"(?<!\w)(?:the|its|their)\s$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundCitation:
    """A reference as written (``start``-``end`` in the matching text) and what it resolves to."""

    instrument: str
    start: int
    end: int
    resolution: str  # "explicit", "whole-instrument" or "inferred"
    numbers: tuple[str, ...] = ()  # paragraph numbers as cited, expanded ("67" … "75", "72(g)")
    provisions: tuple[str, ...] = ()  # provision IRIs found by inference
    note: str = ""


@dataclass(frozen=True)
class Unresolved:
    start: int
    end: int
    reason: str


@dataclass
class Context:
    """What the document has cited so far (for a bare "paragraph 12")."""

    last_instrument: str | None = None
    seen: list[str] = field(default_factory=list)


def _letters(first: str, last: str) -> list[str] | None:
    if len(first) == len(last) == 1 and first <= last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return None


def paragraph_numbers(text: str) -> tuple[str, ...]:
    """``"67 through 75"`` → 67 … 75; ``"35 and 36"``; ``"72(a)-(c)"`` → 72(a), 72(b), 72(c)."""
    numbers: list[str] = []
    last = None
    for m in _PARTS_OR_BARE.finditer(text):
        if m["bare"]:  # "72 (b) and (g)": a letter alone belongs to the number before it
            if last is not None:
                numbers.append(f"{last}({m['bare'].lower()})")
            continue
        n1 = int(m["n1"])
        last = n1
        l1 = (m["a1"] or m["b1"] or "").lower()
        if m["c1"]:
            letters = _letters(m["c1"].lower(), m["c2"].lower()) or [m["c1"].lower(), m["c2"].lower()]
            numbers += [f"{n1}({c})" for c in letters]
        elif m["a3"]:
            span = _letters(l1 or "a", m["a3"].lower()) if l1 else None
            numbers += [f"{n1}({c})" for c in span] if span else [f"{n1}({l1})" if l1 else str(n1)]
        elif m["n2"]:
            n2 = int(m["n2"])
            l2 = (m["a2"] or m["b2"] or "").lower()
            if n1 == n2 and l1 and l2 and (lettered := _letters(l1, l2)):
                numbers += [f"{n1}({c})" for c in lettered]
            elif n1 < n2 <= n1 + 300 and not l2:
                numbers.append(f"{n1}({l1})" if l1 else str(n1))
                numbers += [str(n) for n in range(n1 + 1, n2 + 1)]
            else:
                numbers += [f"{n1}({l1})" if l1 else str(n1), f"{n2}({l2})" if l2 else str(n2)]
        else:
            numbers.append(f"{n1}({l1})" if l1 else str(n1))
    return tuple(dict.fromkeys(numbers))


def written_start(text: str, start: int) -> int:
    """Extend a mention to the left over a date ("December 2003, …") and "the"/"its"."""
    window_start = max(0, start - 40)
    before = text[window_start:start]
    # a date ends in a year's digits and a space (and "$" may stand before a final line break):
    # without a digit in the last four characters there is none to search for (most mentions)
    date = _DATE_BEFORE.search(before) if any(c.isdigit() for c in before[-4:]) else None
    if date is not None:
        before = before[: date.start()]
    determiner = _DETERMINER_BEFORE.search(before)
    if determiner is not None:
        return window_start + determiner.start()
    return window_start + date.start() if date is not None else start


def _mention_at(position: int, mentions: Sequence[Match]) -> int | None:
    return next((i for i, m in enumerate(mentions) if m.start == position), None)


def _bare_numbers_after(text: str, position: int) -> re.Match[str] | None:
    """Numbers right after an instrument name, when they cannot be a year or a count."""
    match = _BARE.match(text, position)
    if match is None or _YEAR.match(text, position):
        return None
    follower = _FOLLOWER.match(text, match.end())
    word = follower.group(1).lower() if follower else ""
    if word and word[0].isalnum() and word not in _BARE_FOLLOWERS:
        return None
    return match


def listed_resolutions(text: str, instruments: Sequence[Match], lexicon: Lexicon) -> list[Match]:
    """ "its resolutions 60/252 of 27 March 2006, 65/141 … and 70/125": each symbol named as
    "resolution N/M" in the data, as an instrument mention of its own."""
    found: list[Match] = []
    for listing in _RESOLUTIONS.finditer(text):
        for k, symbol in enumerate(_SYMBOL.finditer(text, listing.start("first"), listing.end("more"))):
            iris = lexicon.instruments.folded.get(f"resolution {symbol.group()}")
            if iris and not any(m.start <= symbol.start() < m.end for m in instruments):
                start = listing.start() if k == 0 else symbol.start()
                found.append(Match(start, symbol.end(), tuple(sorted(iris))))
    if not found:
        return list(instruments)
    return sorted([*instruments, *found], key=lambda m: m.start)


def _named_apart(text: str, mention: Match, instruments: Sequence[Match], used: set[int]) -> bool:
    """Whether an instrument also cited by paragraph is named a second time on its own ("… in
    particular the Tunis Agenda, and recalling paragraphs 67 to 75 of the Tunis Agenda"): then
    that mention cites it as a whole too. Only when another mention of it was the numbered one."""
    return any(k in used and m.iris[0] == mention.iris[0] and m is not mention for k, m in enumerate(instruments))


def find_citations(
    text: str,
    instruments: Sequence[Match],
    agents: Sequence[Match],
    topics: Sequence[Match],
    lexicon: Lexicon,
    context: Context,
) -> tuple[list[FoundCitation], list[Unresolved]]:
    """Every citation in one recommendation's matching text, in the order written."""
    instruments = listed_resolutions(text, instruments, lexicon)
    expressions = list(_EXPRESSION.finditer(text))
    used_expressions: set[int] = set()
    used_mentions: set[int] = set()
    explicit: list[FoundCitation] = []
    unresolved: list[Unresolved] = []

    def cite(instrument: str, start: int, end: int, numbers: tuple[str, ...]) -> None:
        if numbers:
            explicit.append(FoundCitation(instrument, start, end, "explicit", numbers))

    # "paragraph 1 above", "paragraph 5 of the present resolution": the document itself, no citation
    for index, expression in enumerate(expressions):
        if _SELF.match(text, expression.end()):
            used_expressions.add(index)
    # "paragraph 69 of the Tunis Agenda"; "paragraph 14 thereof"; "paragraphs 15 to 17 of its report"
    for index, expression in enumerate(expressions):
        if index in used_expressions:
            continue
        thereof = _THEREOF.match(text, expression.end())
        before = [m for m in instruments if m.end <= expression.start()]
        if thereof is not None and before:
            used_expressions.add(index)
            used_mentions.add(instruments.index(before[-1]))  # named only for its paragraph: no whole citation
            cite(before[-1].iris[0], expression.start(), thereof.end(), paragraph_numbers(expression["list"]))
            continue
        report = _ITS_REPORT.match(text, expression.end())
        owners = [a for a in agents if a.end <= expression.start() and a.iris[0] in lexicon.reports]
        if report is not None and owners:
            used_expressions.add(index)
            cite(
                lexicon.reports[owners[-1].iris[0]],
                expression.start(),
                report.end(),
                paragraph_numbers(expression["list"]),
            )
            continue
        link = _OF.match(text, expression.end())
        target = _mention_at(link.end(), instruments) if link else None
        if link is not None and target is None and (issuer := _ISSUER.match(text, link.end())) is not None:
            target = _mention_at(issuer.end(), instruments)  # "of General Assembly resolution 70/125"
        if target is not None:
            used_expressions.add(index)
            used_mentions.add(target)
            mention = instruments[target]
            cite(mention.iris[0], expression.start(), mention.end, paragraph_numbers(expression["list"]))
    # "Tunis Agenda paragraphs 67 through 75", "A/RES/70/125, paragraph 64", "Tunis Agenda 69-71"
    for target, mention in enumerate(instruments):
        if target in used_mentions:
            continue
        link = _LINK.match(text, mention.end)
        assert link is not None
        following = next((i for i, e in enumerate(expressions) if e.start() == link.end()), None)
        if following is not None and following not in used_expressions:
            end = expressions[following].end()
            used_expressions.add(following)
            numbers = paragraph_numbers(expressions[following]["list"])
        elif link["paren"] is None and (
            bare := _bare_numbers_after(text, mention.end + (1 if text[mention.end : mention.end + 1] == " " else 0))
        ):
            end = bare.end()
            numbers = paragraph_numbers(bare["list"])
        else:
            continue
        if link["paren"] and text[end : end + 1] == ")":
            end += 1
        used_mentions.add(target)
        cite(mention.iris[0], written_start(text, mention.start), end, numbers)
    # bare "paras 35 and 36": the instrument named nearby, or cited last in the document
    for index, expression in enumerate(expressions):
        if index in used_expressions:
            continue
        numbers = paragraph_numbers(expression["list"])
        candidates = [m.iris[0] for m in reversed(instruments) if m.end <= expression.start()]
        candidates += [m.iris[0] for m in instruments if m.start >= expression.end()]
        candidates += [context.last_instrument] if context.last_instrument else []
        if not candidates:
            unresolved.append(Unresolved(expression.start(), expression.end(), "no instrument named before it"))
            continue
        # the nearest instrument that has these paragraphs ("A/RES/70/125, paragraph 64, which
        # points to paragraphs 69-71" cites the Tunis Agenda), else the nearest one
        instrument = next((c for c in candidates if any(lexicon.provision(c, n) for n in numbers)), candidates[0])
        nearest = next(
            (
                k
                for k in range(len(instruments) - 1, -1, -1)
                if instruments[k].iris[0] == instrument and instruments[k].end <= expression.start()
            ),
            None,
        )
        if nearest is not None:
            used_mentions.add(nearest)  # "the Tunis Agenda …, paras 35 and 36": named for those paragraphs
        cite(instrument, expression.start(), expression.end(), numbers)
    # instruments named without numbers: inferred provisions, else the whole instrument
    numbered = {c.instrument for c in explicit}
    inferred: list[FoundCitation] = []
    whole: dict[str, FoundCitation] = {}
    for target, mention in enumerate(instruments):
        instrument = mention.iris[0]
        if target in used_mentions:
            continue
        if instrument in numbered and not _named_apart(text, mention, instruments, used_mentions):
            continue
        start = written_start(text, mention.start)
        found = infer(text, mention, start, agents, topics, lexicon)
        if found is not None:
            if not any(c.instrument == instrument and c.provisions == found.provisions for c in inferred):
                inferred.append(
                    FoundCitation(
                        instrument, start, found.end, "inferred", provisions=found.provisions, note=found.note
                    )
                )
        elif instrument not in whole:
            whole[instrument] = FoundCitation(instrument, start, mention.end, "whole-instrument")
    with_provisions = {c.instrument for c in inferred}
    citations = explicit + inferred + [c for i, c in whole.items() if i not in with_provisions]
    citations.sort(key=lambda c: (c.start, c.end))
    if citations:
        context.last_instrument = citations[-1].instrument
    return citations, unresolved
