"""An instrument's text cut into its numbered paragraphs and their sub-items (``igkg attach-text``).

The text is what the readers and the layout clean-up make of a user's copy (page headers,
footers, page numbers and footnotes removed, line-end hyphens decided). A line such as ``69. We …``
or ``69) We …`` opens paragraph 69; a line such as ``(a) …``, ``a) …`` or ``a. …`` opens a
sub-item of the paragraph above, and so does ``(ii) …`` when the paragraph's items are numbered
in roman numerals (a list bullet before the label, ``- (a) …`` as the web page reader writes a
list item, is passed over). What comes before the first paragraph (the title block) is not a paragraph;
a heading between paragraphs (a short run of lines without final punctuation, a Markdown ``#``
line, a line in capitals) ends the paragraph above and is left out.

The instrument's own numbering guides the cut (``expected``: its paragraph numbers, and each
paragraph's sub-item labels in order), so that words which merely look like a number at the
start of a line stay text:

* a number opens a paragraph when it follows the one before (``last + 1``) or is one of the
  instrument's later paragraphs (a skipped one is then *missing*); a number after a line that
  ends on a reference (``… paragraph⏎72.``) is text;
* a number seen before is recorded as *repeated*, a number lower than the one before as *out of
  order* (an annex numbered from 1 again is not mistaken for the instrument);
* a label opens a sub-item when it is the next of its series (``a`` after nothing, ``c`` after
  ``b``; ``i``, ``ii``, ``iii`` for roman numerals) or one of the paragraph's later labels;
  ``(i)`` under a lettered item whose paragraph has no ``i`` stays the item's text (a nested
  list); a label seen before in the paragraph is *repeated*, one lower than the one before *out
  of order*.

Lines are joined with single spaces; a paragraph's text is its opening words and then each
sub-item on a line of its own, ``(a) …``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Item", "Provision", "Segmented", "segment_provisions", "LETTERS", "ROMAN", "series_of"]

_PARAGRAPH = re.compile(r"^\s{0,8}(\d{1,4})\s?[.)]\s+(?=\S)")
_ITEM = re.compile(r"^\s*(?:[-*\u2022]\s+)?(?:\(([a-z]|[ivxl]{1,6})\)|([a-z]|[ivxl]{1,6})[.)])\s+(?=\S)")
_REFERENCE_END = re.compile(r"(?:\bparagraphs?|\bparas?\.?|¶|§|\band|\bto|\bthrough|\bof|\bor|,)\s*$", re.I)
_FINAL = (".", ";", ":", ",", "!", "?", "\u201d", '"', ")")

LETTERS: tuple[str, ...] = tuple("abcdefghijklmnopqrstuvwxyz")
ROMAN: tuple[str, ...] = (
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi", "xxvii",
    "xxviii", "xxix", "xxx",
)


def series_of(labels: Sequence[str]) -> tuple[str, ...]:
    """The series ``labels`` are numbered in: roman numerals when they start at ``i`` and all are
    roman (``i, ii, iii``), else letters."""
    roman = all(label in ROMAN for label in labels)
    if labels and labels[0] == "i" and roman and (len(labels) == 1 or labels[1] == "ii"):
        return ROMAN
    return LETTERS


@dataclass
class Item:
    label: str
    line: int
    words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class Provision:
    """A numbered paragraph: its number, the line it starts on, its opening words, its items."""

    number: int
    line: int
    words: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @property
    def opening(self) -> str:
        return " ".join(self.words)

    @property
    def text(self) -> str:
        parts = [self.opening] if self.words else []
        parts += [f"({item.label}) {item.text}" for item in self.items]
        return "\n".join(parts)

    @property
    def labels(self) -> list[str]:
        return [item.label for item in self.items]


@dataclass
class Problem:
    """A number or label the text has twice (``repeated``) or lower than the one before
    (``out of order``), with the line of the text it is on."""

    kind: str
    where: str  # "¶4" or "¶4(b)"
    line: int
    after: str = ""


@dataclass
class Segmented:
    provisions: list[Provision] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_number(self) -> dict[int, Provision]:
        return {p.number: p for p in self.provisions}


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines (with their 1-based line numbers)."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_heading(lines: list[tuple[int, str]]) -> bool:
    first = lines[0][1].strip()
    if first.startswith("#"):
        return True
    joined = " ".join(line.strip() for _n, line in lines)
    letters = [c for c in joined if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(joined) < 200:
        return True
    return len(lines) <= 2 and len(joined.split()) <= 12 and not joined.endswith(_FINAL)


class _Cutter:
    def __init__(self, expected: Mapping[int, Sequence[str]] | None) -> None:
        self.expected = expected
        self.found = Segmented()
        self.current: Provision | None = None  # the paragraph items go into (set aside when repeated)
        self.sink: list[str] | None = None  # where the next line's words go
        self.seen: set[int] = set()
        self.previous = ""

    def _paragraph(self, value: int, line: int, words: list[str]) -> bool:
        last = self.found.provisions[-1].number if self.found.provisions else 0
        if value in self.seen or value < last:
            kind = "repeated" if value in self.seen else "out of order"
            self.found.problems.append(Problem(kind, f"¶{value}", line, f"¶{last}"))
            self.current = Provision(value, line, words)  # set aside, with its words and items
            self.sink = self.current.words
            return True
        if value == last + 1 or self.expected is None or value in self.expected:
            self.seen.add(value)
            self.current = Provision(value, line, words)
            self.found.provisions.append(self.current)
            self.sink = self.current.words
            return True
        return False  # "2005. …": a number at the start of a line, not the instrument's

    def _item(self, label: str, line: int, words: list[str]) -> bool:
        current = self.current
        if current is None:
            return False
        wanted = list(self.expected.get(current.number, ())) if self.expected is not None else []
        series = series_of(wanted or ([label] if not current.items else current.labels))
        if label not in series:
            return False
        have = current.labels
        position = series.index(label)
        last = series.index(have[-1]) if have and have[-1] in series else -1
        if label in have or position < last:
            kind = "repeated" if label in have else "out of order"
            after = f"¶{current.number}({have[-1]})" if have else ""
            self.found.problems.append(Problem(kind, f"¶{current.number}({label})", line, after))
            self.sink = list(words)  # set aside: the words do not join the item above
            return True
        if position == last + 1 or (label in wanted and position > last):
            current.items.append(Item(label, line, words))
            self.sink = current.items[-1].words
            return True
        return False

    def line(self, number: int, line: str) -> None:
        after_reference = bool(_REFERENCE_END.search(self.previous))
        self.previous = line
        paragraph = _PARAGRAPH.match(line)
        if paragraph and not after_reference and self._paragraph(int(paragraph.group(1)), number,
                                                                line[paragraph.end():].split()):
            return
        item = _ITEM.match(line)
        if item and not after_reference and self._item(item.group(1) or item.group(2), number,
                                                       line[item.end():].split()):
            return
        if self.sink is not None:
            self.sink.extend(line.split())

    def opens(self, line: str) -> bool:
        return bool(_PARAGRAPH.match(line) or _ITEM.match(line))


def segment_provisions(text: str, expected: Mapping[int, Sequence[str]] | None = None) -> Segmented:
    """Cut ``text`` into numbered paragraphs and sub-items, guided by the instrument's
    ``expected`` numbering (paragraph number → its sub-item labels in order; see the module)."""
    cutter = _Cutter(expected)
    for block in _blocks(text):
        lead: list[tuple[int, str]] = []
        for number, line in block:
            if cutter.opens(line):
                break
            lead.append((number, line))
        in_sentence = bool(cutter.sink) and not cutter.sink[-1].endswith(_FINAL)  # type: ignore[index]
        if lead and _is_heading(lead) and not in_sentence:
            cutter.current = cutter.sink = None  # a heading ends the paragraph above; its lines are left out
            cutter.previous = ""
            block = block[len(lead):]
        for number, line in block:
            cutter.line(number, line)
        cutter.previous = ""
    return cutter.found
