"""The document's structure around its units: the title, the title block, the sections (headings)
and which section each unit is in, a unit's kind (preambular or operative) and its sub-items.

* **Title.** In a resolution, the title is the paragraph just before the chapeau that names the
  body ("The Economic and Social Council,"), without its number ("81/999."); everything above it
  (symbol, distribution, date, session, agenda item, "Draft resolution submitted by …") is the
  title block. Otherwise it is the first line standing alone, the first heading, or a paragraph
  of at most 20 words before the first unit.
* **Sections** are the headings after the title: Markdown ``#`` headings, numbered and lettered
  headings ("3.2 Enhanced cooperation", "4.1. Funding", "A. Introduction", "IV. Recommendations")
  and short lines of their own ("Members of the Working Group"). A section's label is its heading
  without the number; each unit is in the nearest section above it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from .model import Evidence, Section, SubItem
from .segment import Item, clean_text

__all__ = ["Structure", "heading_like", "name_like", "split_heading"]

Entry = tuple[str, list[tuple[int, int]], Item | None]
_TERMINAL = (".", ";", "!", "?", ":", ",")
_CHAPEAU = re.compile(r"^The\s+[A-Z][\w\s,'’-]{2,100},$")
_NUMBER = re.compile(
    r"^(?:(?:Section|Chapter|Part|Annex|Title)\s+)?"
    r"(?P<number>\d{1,3}(?:\.\d{1,3})*[.):]?|[A-Z]\.\d{1,3}(?:\.\d{1,3})*[.):]?|[A-Z][.):]|[IVXLC]{1,6}[.):])"
    r"\s+(?:[-–—:]\s+)?(?P<label>\S.*)$"
)
_CHAPEAU_LINE = re.compile(
    r"^(?:(?:We|The|This|These|It)\b.*|.*,.*|.*\b(?:the\s+following|as\s+follows|below)):$", re.I
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: a date or a place and a date ("Geneva, 14 April 2027", "14-15 May 2026", "April 2027"): no heading
_DATE_LINE = re.compile(
    rf"^(?:[A-Z][\w .'’-]{{0,40}},\s*)?(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+)?(?:{_MONTHS})"
    r"(?:\s+\d{1,2},?)?\s+\d{4}$"
)
#: a full date inside a short line: "Published 2 October 2026 · Dynamic Coalitions" (a byline)
_DATED = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\b|\b(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}\b")
_TITLE_BLOCK_LINE = re.compile(
    r"(?:^|\s)[A-Z]{1,5}(?:/[A-Z0-9][\w.-]*){2,}(?:\s|$)"  # a document symbol: E/CN.16/2029/CRP.3
    r"|(?i:^\s*(?:Distr\.\s*:|Original\s*:)|^\s*[\w -]*\bsession\s*$|^\s*(?:provisional\s+)?agenda\s+item\b"
    r"|^\s*item\s+\d+\s+of\s+the\s+(?:provisional\s+)?agenda)"
)
_RESOLUTION_NUMBER = re.compile(r"^(?:Resolution\s+)?\d{1,4}/\d{1,4}\.\s+")


_NAME_WORD = re.compile(r"[(\[]?(?:[A-Z][\w'’.&-]*|[A-Z]{2,}|\d[\w-]*)[)\],.]*")
_NAME_JOINERS = frozenset(
    [
        "of",
        "and",
        "for",
        "the",
        "in",
        "on",
        "at",
        "&",
        "de",
        "la",
        "le",
        "les",
        "del",
        "des",
        "du",
        "da",
        "do",
        "dos",
        "das",
        "e",
        "y",
        "et",
        "für",
        "und",
        "van",
        "von",
        "zu",
        "di",
        "al",
        "el",
    ]
)


def name_like(text: str) -> bool:
    """A name, as in a list of signatories: at most 12 words, each capitalised (or a joining word
    such as "of", "de", "für"), no sentence punctuation at the end."""
    words = text.split()
    return (
        0 < len(words) <= 12
        and not text.rstrip().endswith((";", ":", "!", "?"))
        and all(w.lower() in _NAME_JOINERS or _NAME_WORD.fullmatch(w) is not None for w in words)
    )


def heading_like(text: str) -> bool:
    """A line that reads as a heading: short, capitalised, without final punctuation."""
    words = text.split()
    return 0 < len(words) <= 12 and text[:1].isupper() and not text.rstrip().endswith(_TERMINAL)


def split_heading(text: str, marker: str | None = None) -> tuple[str, str | None]:
    """(label, number): "4.1. Funding" → ("Funding", "4.1"); "A. Introduction" → ("Introduction", "A")."""
    if marker:
        return text.strip(), marker.strip(" ().:") or None
    match = _NUMBER.match(text.strip())
    if match is None:
        return text.strip(), None
    return match["label"].strip(), match["number"].rstrip(".):")


class Structure:
    """Title, title block and sections of a planned document (the pipeline's entries)."""

    def __init__(self, text: str, planned: Sequence[Entry]) -> None:
        self.text = text
        self.planned = planned
        # the units' texts are the pipeline's business: only the other entries are read here
        self.texts = ["" if kind == "rec" else clean_text(text, ranges).text for kind, ranges, _item in planned]
        first_unit = next((i for i, (kind, _r, _i) in enumerate(planned) if kind == "rec"), len(planned))
        self.title = ""
        self.title_block: set[int] = set()
        chapeau = next((i for i in range(first_unit) if _CHAPEAU.match(self.texts[i])), None)
        if chapeau is not None:
            before = [i for i in range(chapeau) if self.texts[i] and not self.texts[i].endswith(":")]
            before = [i for i in before if not self._symbol_block(planned[i][1])] or before
            marked = [i for i in before if planned[i][0] == "title" or self._markdown_heading(planned[i][1])]
            if marked or before:  # a Markdown title wins over the last paragraph ("Submitted by …")
                self.title = _RESOLUTION_NUMBER.sub("", self.texts[(marked or before)[-1]])
            self.title_block = set(range(chapeau + 1))
        else:
            for i in range(first_unit):
                kind = planned[i][0]
                words = len(self.texts[i].split())
                if self._symbol_block(planned[i][1]):
                    continue  # "United Nations   E/CN.16/2029/CRP.3", "Thirty-second session": no title
                if self.texts[i] and (kind in ("title", "heading") or (kind == "paragraph" and words <= 20)):
                    self.title = self.texts[i]
                    self.title_block = set(range(i + 1))
                    break
        self._sections: list[tuple[int, str, str | None]] = []  # (entry index, label, number)
        names = self._name_runs()
        for i, (kind, ranges, item) in enumerate(planned):
            if i in self.title_block or not self.texts[i] or i in names:
                continue
            if kind == "heading" or (
                kind == "paragraph"
                and len(ranges) == 1
                and heading_like(split_heading(self.texts[i])[0])  # "1 About this submission" too
                and len(self.texts[i].split()) <= 8
            ):
                lead_in = kind != "heading" or (item is None and not self._markdown_heading(ranges))
                if self.texts[i].endswith(":") and lead_in and i + 1 < len(self.planned) and self.planned[i + 1][2]:
                    continue  # "Key messages:" over a list: a lead-in to the items, not a section
                if (
                    _CHAPEAU_LINE.match(self.texts[i])
                    or _DATE_LINE.match(self.texts[i].strip("*_ "))
                    or (len(self.texts[i].split()) <= 10 and _DATED.search(self.texts[i]))
                ):
                    continue  # "We, the undersigned organizations:" introduces the units, it heads nothing
                if self.texts[i].rstrip().endswith(("—", "–", "-")):
                    continue  # "— End of chapter —": a closing ornament
                if "@" in self.texts[i] or "://" in self.texts[i]:
                    continue  # "Contact: bpf@example.org": an address, not a heading
                marker = item.marker if item is not None and item.family != "bullet" else None
                own = clean_text(text, item.ranges).text if item is not None else self.texts[i]
                label, number = split_heading(own, marker)
                if label:
                    self._sections.append((i, label, number))
        self._ranges = {i: planned[i][1] for i, _l, _n in self._sections}
        self._starts = [at for at, _label, _number in self._sections]
        self._made: list[Section] | None = None

    def _name_runs(self) -> set[int]:
        """Short lines of their own that are names, not headings: a run of two or more under a
        heading ("Signatories" ⏎ "Open Internet Alliance" ⏎ "Red Libre, Chile"), or of three or more
        anywhere (the first of them may be the heading)."""
        flagged = [
            kind == "paragraph" and len(ranges) == 1 and name_like(self.texts[i])
            for i, (kind, ranges, _item) in enumerate(self.planned)
        ]
        names: set[int] = set()
        i = 0
        while i < len(flagged):
            if not flagged[i]:
                i += 1
                continue
            j = i
            while j < len(flagged) and flagged[j]:
                j += 1
            previous = self.planned[i - 1] if i > 0 else None
            after_heading = previous is not None and (
                previous[0] in ("heading", "title")
                or previous[0] == "paragraph"
                and len(previous[1]) == 1
                and heading_like(self.texts[i - 1])
            )
            if after_heading and j - i >= 2:
                names.update(range(i, j))
            elif j - i >= 3:
                names.update(range(i + 1, j))
            i = j
        return names

    def _symbol_block(self, ranges: list[tuple[int, int]]) -> bool:
        """A paragraph of a UN title block: a line holding a document symbol, "Distr.:",
        "Original:", a session or an agenda item."""
        return any(_TITLE_BLOCK_LINE.search(self.text[a:b]) for a, b in ranges)

    def _markdown_heading(self, ranges: list[tuple[int, int]]) -> bool:
        if not ranges:
            return False
        line_start = self.text.rfind("\n", 0, ranges[0][0]) + 1
        return "#" in self.text[line_start : ranges[0][0]]

    def sections(self, evidence: Callable[[int, int], Evidence]) -> list[Section]:
        """The sections in document order (made once)."""
        if self._made is None:
            self._made = []
            for position, (index, label, number) in enumerate(self._sections, 1):
                ranges = self._ranges[index]
                self._made.append(Section(position, label, number, evidence(ranges[0][0], ranges[-1][1])))
        return self._made

    def section_of(self, index: int, evidence: Callable[[int, int], Evidence]) -> Section | None:
        """The section of the unit at entry ``index``: the nearest heading above it."""
        k = bisect_right(self._starts, index) - 1
        return self.sections(evidence)[k] if k >= 0 else None

    @staticmethod
    def preambular(opening_kind: str | None) -> bool:
        """A unit opening with a participle or an adjective ("Recalling", "Mindful of",
        "Deeply concerned") is a preambular paragraph; every other unit is operative."""
        return opening_kind in ("ing", "adj")

    def sub_items(self, children: Sequence[Item], evidence: Callable[[int, int], Evidence]) -> list[SubItem]:
        """The lettered items folded into a unit ("(a) To strengthen …")."""
        found = []
        for child in children:
            ranges = child.all_ranges()
            body = clean_text(self.text, ranges).text
            if body and ranges:
                found.append(SubItem(child.marker.strip(" ().:"), body, evidence(ranges[0][0], ranges[-1][1])))
        return found
