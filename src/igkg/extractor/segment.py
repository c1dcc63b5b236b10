"""The layout of a recommendation text: headings, paragraphs, notes and (nested) list items.

This module only sees structure; which items are recommendations is decided in
:mod:`igkg.extractor.pipeline`, which knows the operative verbs. Every block keeps the character
ranges it covers in the original text, so each extracted link can point back to its words.

Recognised: bullets (``•``, ``-``, ``*``, ``+``, ``–``, ``▪`` …), numbers (``1.``, ``1)``,
``(1)``, ``1.2.``, ``Recommendation 3:``), letters and roman numerals (``(a)``, ``a)``, ``a.``, ``(iv)``, ``A.``,
``IV.``); text wrapped over several lines; Markdown headings (``#``) and underlined headings;
horizontal rules; parenthesised notes; paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

__all__ = ["CleanText", "Item", "Block", "Layout", "segment", "clean_text"]

_ITEM = re.compile(
    r"""^(?P<indent>[ \t]*)(?P<marker>
        (?P<sym>[•◦▪▫‣⁃●○■□➢➤►✓✔·])[ \t]*
      | (?P<dash>[-*+–—])[ \t]+
      | (?P<num>(?:\(?\d{1,5}(?:\.\d{1,3}){1,3}\.?|\(?\d{1,5}[.)]|\(\d{1,5}\))[ \t]+
              |(?:Recommendation|Rec\.)[ \t]+\d{1,3}[a-z]?(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*[:.)\-–—](?:[ \t]+|$))
      | (?P<low>\(?[a-z]{1,2}\)|\([a-z]{1,2}\)|[a-z]\.|\(?[ivxlc]{2,6}[.)]|\([ivxlc]{2,6}\))[ \t]+
      | (?P<up>\(?[A-Z][.)]|\([A-Z]\)|[IVXLC]{2,6}[.)])[ \t]+
    )(?P<body>\S.*)?$""",
    re.X,
)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$")
_TERMINAL = tuple(".;:!?)")
_MARKDOWN = re.compile(
    r"\*\*|__|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])"
    r"|`+|\[(?=[^\[\]\n]*\]\([^()\s]*\))|\]\([^()\s]*\)"
)
_WORD = re.compile(r"\S+")
_DIGITS = re.compile(r"(\d+)")
_STRETCH = re.compile(r"\S+(?: \S+)*")
_FUNCTION_WORDS = frozenset(
    [
        "and",
        "or",
        "the",
        "of",
        "to",
        "in",
        "for",
        "with",
        "a",
        "an",
        "on",
        "at",
        "by",
        "as",
        "from",
        "its",
        "their",
        "our",
    ]
)
_MARKUP_CHARS = re.compile(r"[*_`\[\]]")
#: a resolution's chapeau: "The General Assembly,", "The Economic and Social Council,"
_BODY_CHAPEAU = re.compile(r"The(?:\s+(?:[A-Z][\w’'-]*|of|and|on|for|the)){1,9},")
_REFERENCE_WORD = re.compile(r"(?i:paragraphs?|paras?\.?|sections?|chapters?|articles?|items?|resolutions?|[§¶]+)")


@dataclass(frozen=True)
class CleanText:
    """Text with whitespace collapsed and Markdown emphasis removed, and where it came from:
    ``runs`` are (clean offset, original offset, length) of stretches copied unchanged."""

    text: str
    runs: tuple[tuple[int, int, int], ...]

    def source_offset(self, index: int) -> int:
        """The position in the original text of clean character ``index`` (a space maps to the
        character after the word before it)."""
        if not self.runs:
            return 0
        k = max(bisect_right(self._starts, index) - 1, 0)
        clean, original, length = self.runs[k]
        return original + min(index - clean, length)

    @property
    def _starts(self) -> list[int]:
        starts = self.__dict__.get("_starts_cache")
        if starts is None:
            starts = [run[0] for run in self.runs]
            object.__setattr__(self, "_starts_cache", starts)
        return starts

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text range ``[start, end)`` that clean characters ``start:end`` come from."""
        runs = self.runs
        if not runs:
            return (0, 0)
        # source_offset, twice, inlined, with comparisons for min() and max(): the RDF output
        # asks for a span per evidence annotation, a third of its time before
        n = len(self.text)
        start = 0 if start < 0 else start
        start = n - 1 if start > n - 1 else start
        last = (end if end > start + 1 else start + 1)
        last = (n if last > n else last) - 1
        starts = self.__dict__.get("_starts_cache") or self._starts
        k = bisect_right(starts, start) - 1
        clean, original, length = runs[k if k > 0 else 0]
        offset = start - clean
        a = original + (offset if offset < length else length)
        k = bisect_right(starts, last, k if k > 0 else 0) - 1
        clean, original, length = runs[k if k > 0 else 0]
        offset = last - clean
        return (a, original + (offset if offset < length else length) + 1)


def clean_text(source: str, ranges: Sequence[tuple[int, int]]) -> CleanText:
    """Join the ranges of ``source`` with single spaces, keeping each character's origin."""
    words: list[str] = []
    runs: list[tuple[int, int, int]] = []
    length = 0
    for start, end in ranges:
        segment = source[start:end]
        pieces: list[tuple[int, int]] = []
        last = 0
        if _MARKUP_CHARS.search(segment) is not None:  # most text has no Markdown at all
            for match in _MARKDOWN.finditer(segment):
                pieces.append((last, match.start()))
                last = match.end()
        if not pieces:
            # a stretch of words joined by single spaces is copied unchanged: one run for it
            for stretch in _STRETCH.finditer(segment):
                if words:
                    length += 1
                runs.append((length, start + stretch.start(), stretch.end() - stretch.start()))
                words.append(stretch.group())
                length += stretch.end() - stretch.start()
            continue
        pieces.append((last, len(segment)))
        kept = "".join(segment[a:b] for a, b in pieces)
        # where each piece of ``kept`` starts, in ``kept`` and in ``source``
        bounds: list[tuple[int, int]] = []
        position = 0
        for a, b in pieces:
            bounds.append((position, start + a))
            position += b - a
        for word in _WORD.finditer(kept):
            if words:
                length += 1
            w_start, w_end = word.start(), word.end()
            for index, (k_start, s_start) in enumerate(bounds):
                k_end = bounds[index + 1][0] if index + 1 < len(bounds) else len(kept)
                a, b = max(w_start, k_start), min(w_end, k_end)
                if a < b:
                    runs.append((length + a - w_start, s_start + a - k_start, b - a))
            words.append(word.group())
            length += w_end - w_start
    return CleanText(" ".join(words), tuple(runs))


@dataclass
class Item:
    """A list item: its marker, where it is, its text ranges and the items nested under it."""

    indent: int
    marker: str
    family: str  # "bullet", "number", "lower" (letters, roman numerals), "upper"
    number: int | None
    start: int  # offset of the marker
    line: int  # 1-based line number
    ranges: list[tuple[int, int]] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)

    def descendants(self) -> Iterator[Item]:
        for child in self.children:
            yield child
            yield from child.descendants()

    def all_ranges(self) -> list[tuple[int, int]]:
        """The item's own text, then each nested item with its marker."""
        ranges = list(self.ranges)
        for child in self.descendants():
            ranges.append((child.start, child.ranges[0][0]) if child.ranges else (child.start, child.start))
            ranges.extend(child.ranges)
        return [r for r in ranges if r[1] > r[0]]

    @property
    def end(self) -> int:
        ends = [r[1] for r in self.all_ranges()]
        return max(ends) if ends else self.start + len(self.marker)


@dataclass
class Block:
    """A top-level piece of the layout, in document order."""

    kind: str  # "title", "heading", "paragraph", "note", "item"
    ranges: list[tuple[int, int]]
    line: int
    item: Item | None = None


@dataclass
class Layout:
    source: str
    blocks: list[Block]

    def items(self) -> list[Item]:
        return [b.item for b in self.blocks if b.item is not None]


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end without line break, content) of every line."""
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        yield offset, offset + len(content), content
        offset += len(raw)


def _indent(prefix: str) -> int:
    return len(prefix.expandtabs(4))


def _family(match: re.Match[str]) -> tuple[str, int | None]:
    if match["sym"] or match["dash"]:
        return "bullet", None
    if match["num"]:
        digits = _DIGITS.search(match["num"])
        return "number", int(digits.group(1)) if digits else None
    if match["low"]:
        return "lower", None
    return "upper", None


class _Builder:
    """One pass over the lines: an open paragraph, the last list item, the stack of open lists."""

    def __init__(self, source: str, is_operative: Callable[[str], bool]) -> None:
        self.source = source
        self.is_operative = is_operative
        self.blocks: list[Block] = []
        self.stack: list[Item] = []
        self.para: Block | None = None
        self.last_item: Item | None = None
        self.numbers: dict[int, int] = {}

    def close(self) -> None:
        block = self.para
        if block is not None:
            text = " ".join(self.source[a:b].strip() for a, b in block.ranges).strip()
            if text.startswith("(") and text.rstrip(".").endswith(")"):
                block.kind = "note"
            elif (
                len(text) > 1
                and text.upper() == text
                and any(c.isalpha() for c in text)
                or text.endswith(":")
                and len(text.split()) <= 12
            ):
                block.kind = "heading"
        self.para = None

    def reset_lists(self) -> None:
        self.stack.clear()
        self.last_item = None
        self.numbers.clear()

    def add_item(self, match: re.Match[str], start: int, end: int, number: int) -> None:
        family, value = _family(match)
        indent = _indent(match["indent"])
        item = Item(indent, match["marker"].strip(), family, value, start + len(match["indent"]), number)
        if match["body"]:
            item.ranges.append((start + match.start("body"), end))
        if family == "number" and value is not None:
            self.numbers[indent] = value
        while self.stack:
            parent = self.stack[-1]
            if indent > parent.indent:
                break
            own_text = " ".join(self.source[a:b] for a, b in parent.ranges).rstrip()
            if (
                indent == parent.indent
                and family != parent.family
                and family in ("lower", "upper")
                and (own_text.endswith(":") or any(c.family == family for c in parent.children))
            ):
                break
            self.stack.pop()
        if self.stack:
            self.stack[-1].children.append(item)
        else:
            self.blocks.append(Block("item", [], number, item))
        self.stack.append(item)
        self.last_item = item

    def title(self, lines: list[tuple[int, int, str]]) -> int:
        """A first line standing on its own, which is not an operative recommendation, is the
        title (even when numbered, as in "1. A second take on …"). Returns lines consumed."""
        first = next((i for i, (_s, _e, text) in enumerate(lines) if text.strip()), None)
        if first is None or _HEADING.match(lines[first][2]) or _RULE.match(lines[first][2]):
            return 0
        start, end, line = lines[first]
        after = lines[first + 1][2] if first + 1 < len(lines) else ""
        if after.strip() and not _SETEXT.match(after):
            return 0
        match = _ITEM.match(line)
        body_start = start + (match.start("body") if match and match["body"] else len(line) - len(line.lstrip()))
        body = self.source[body_start:end].strip()
        if not body or self.is_operative(body):
            return 0
        if match and _family(match)[0] == "number":
            following = (_ITEM.match(text) for _s, _e, text in lines[first + 1 :] if text.strip())
            nxt = next(following, None)
            if nxt is not None and _family(nxt)[0] == "number" and _indent(nxt["indent"]) == _indent(match["indent"]):
                return 0
        self.blocks.append(Block("title", [(body_start, end)], first + 1))
        return first + 1 + (1 if _SETEXT.match(after) else 0)

    def run(self) -> list[Block]:
        previous_blank = True
        previous_line = ""
        lines = list(_lines(self.source))
        skip = self.title(lines)
        for number, (start, end, line) in enumerate(lines, 1):
            if number <= skip:
                continue
            stripped = line.strip()
            if not stripped:
                self.close()
                previous_blank = True
                continue
            heading = _HEADING.match(line)
            match = _ITEM.match(line)
            if (
                _SETEXT.match(line)
                and not previous_blank
                and self.para is not None
                and self.para.kind == "paragraph"
                and len(self.para.ranges) == 1
            ):
                self.para.kind = "heading"
                self.para = None
                self.reset_lists()
            elif _RULE.match(line):
                self.close()
                self.reset_lists()
            elif heading:
                self.close()
                self.reset_lists()
                if heading["text"]:
                    self.blocks.append(
                        Block("heading", [(start + heading.start("text"), start + heading.end("text"))], number)
                    )
            elif match and not self._wrapped_number(match, previous_blank, previous_line):
                self.close()
                self.add_item(match, start, end, number)
            else:
                self._text_line(start, end, line, number, previous_blank)
            previous_blank = False
            previous_line = stripped
        self.close()
        return self.blocks

    def _wrapped_number(self, match: re.Match[str], previous_blank: bool, previous_line: str) -> bool:
        """'as stated in paragraph' + newline + '72. The': a number that continues a sentence."""
        family, value = _family(match)
        if family != "number" or previous_blank or value is None or previous_line.endswith(_TERMINAL):
            return False
        if self.para is None and self.last_item is None:
            return False
        if self.para is None and self.last_item is not None and self._heading_item(self.last_item):
            return False  # "4.1. Funding" ⏎ "2. We express …": the heading is done
        if self.para is not None and len(self.para.ranges) == 1 and self._heading_line(previous_line):
            return False  # "Follow-up by other bodies" ⏎ "5. All stakeholders …": a heading, then the item
        expected = self.numbers.get(_indent(match["indent"]))
        return value != 1 and (expected is None or value != expected + 1)

    def _heading_line(self, line: str) -> bool:
        """A line of its own that reads as a heading: short, capitalised, no final punctuation, not
        ending in a word that needs more ("… in accordance with paragraph" ⏎ "72. …")."""
        words = line.split()
        return (
            0 < len(words) <= 8
            and line[:1].isupper()
            and "," not in line
            and not line.endswith(_TERMINAL)
            and words[-1].lower() not in _FUNCTION_WORDS
            and not _REFERENCE_WORD.fullmatch(words[-1])
            and not self.is_operative(line)
        )

    def _heading_item(self, item: Item) -> bool:
        """A numbered or lettered heading ("1.1 Purpose", "B. Follow-up"): short, no final
        punctuation, no operative verb, and nothing under it yet but its own line."""
        if item.family == "bullet" or len(item.ranges) != 1 or item.children:
            return False
        own = self.source[item.ranges[0][0] : item.ranges[0][1]].strip()
        words = own.split()
        return (
            0 < len(words) <= 8
            and own[:1].isupper()
            and "," not in own
            and not own.endswith(_TERMINAL)
            and words[-1].lower() not in _FUNCTION_WORDS  # "… including the ITU and" ⏎ "UNESCO, are …"
            and not self.is_operative(own)
        )

    def _new_preambular(self, line: str) -> bool:
        """Preambular paragraphs without blank lines between them: the paragraph so far ends with
        "," or ";" and this line opens (with a capital) with an operative verb ("Recalling …")."""
        assert self.para is not None
        last_start, last_end = self.para.ranges[-1]
        stripped = line.strip()
        return (
            self.source[last_start:last_end].rstrip().endswith((",", ";"))
            and stripped[:1].isupper()
            and self.is_operative(stripped)
        )

    def _text_line(self, start: int, end: int, line: str, number: int, previous_blank: bool) -> None:
        lead = len(line) - len(line.lstrip())
        first = start + lead
        if _BODY_CHAPEAU.fullmatch(line.strip()):
            # "The General Assembly," on a line of its own, as a copy of a PDF has it with no blank
            # line around: the resolution's chapeau is a paragraph of its own
            self.close()
            self.reset_lists()
            self.blocks.append(Block("paragraph", [(first, end)], number))
            return
        item = self.last_item
        if item is not None and self.para is None and not item.ranges and not item.children:
            item.ranges.append((first, end))  # "Recommendation 7:" with its body on the next lines
            return
        if item is not None and self.para is None and line.strip()[:1].isupper() and self._heading_item(item):
            item = None  # "1.1 Purpose" ⏎ "This statement …": a heading never takes the next line
        if item is not None and self.para is None:
            own = " ".join(self.source[a:b] for a, b in item.ranges).rstrip()
            stripped = line.strip()
            is_note = stripped.startswith("(") and stripped.rstrip(".").endswith(")") and own.endswith(_TERMINAL)
            if not previous_blank and not is_note:
                item.ranges.append((first, end))
                return
            if previous_blank and _indent(line[:lead]) > item.indent and not is_note:
                item.ranges.append((first, end))
                return
        if self.para is not None and not previous_blank and not self._new_preambular(line):
            self.para.ranges.append((first, end))
            return
        self.close()
        self.reset_lists()
        self.para = Block("paragraph", [(first, end)], number)
        self.blocks.append(self.para)


def segment(source: str, is_operative: Callable[[str], bool] = lambda _text: False) -> Layout:
    """Split a text into a title, headings, paragraphs, notes and list items (with nested items).
    ``is_operative`` tells whether a line opens with an operative verb (it is then no title)."""
    return Layout(source, _Builder(source, is_operative).run())
