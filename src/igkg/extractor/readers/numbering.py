"""Word list numbering: the number or letter Word shows before a paragraph, which is not in the
paragraph's text but computed from ``word/numbering.xml``.

A paragraph is numbered through its own ``w:numPr`` (``w:numId`` and ``w:ilvl``) or through its
style's (following ``w:basedOn``; a style that names only the list takes the level whose
``w:pStyle`` is that style). ``w:numId`` leads to a ``w:num``, which names a ``w:abstractNum``
(possibly through ``w:numStyleLink``) and may override levels (``w:lvlOverride`` with
``w:startOverride`` or a whole ``w:lvl``). Each level has a start value (``w:start``), a format
(``w:numFmt``: decimal, lowerLetter, upperRoman, bullet …), a pattern (``w:lvlText``: ``%1.``,
``(%2)``, ``%1.%2.``), whether it shows every level in decimal (``w:isLgl``) and when it restarts
(``w:lvlRestart``). As in Word, lists that share an abstract definition share their counters, a
``w:num`` with a start override restarts its levels where it is first used, and a level
restarts after a higher level is used, unless ``w:lvlRestart`` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["W", "Numbering", "format_number"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9


def _val(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    if found is None:
        return None
    value = found.get(f"{W}val")
    return str(value) if value is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _letters(n: int) -> str:
    # Word's letter numbering: a … z, aa … zz, aaa …
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt`` (``decimal``, ``lowerLetter``, ``upperRoman`` …)."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after levels < this (1-based); 0: never
    legal: bool = False
    style: str | None = None


def _level(element: Any) -> _Level:
    restart = _val(element, f"{W}lvlRestart")
    return _Level(
        start=_int(_val(element, f"{W}start"), 1),
        fmt=_val(element, f"{W}numFmt") or "decimal",
        text=_val(element, f"{W}lvlText") if element.find(f"{W}lvlText") is not None else "%1.",  # type: ignore[arg-type]
        restart=_int(restart, 1) if restart is not None else None,
        legal=element.find(f"{W}isLgl") is not None and _val(element, f"{W}isLgl") not in ("0", "false"),
        style=_val(element, f"{W}pStyle"),
    )


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)
    used: bool = False


class Numbering:
    """The list numbers of a Word document, computed paragraph by paragraph in document order."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._style_links: dict[str, str] = {}  # numStyleLink name -> abstractNum that defines it
        self._links: dict[str, str] = {}  # abstractNum with numStyleLink -> the style it links to
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        if numbering is not None:
            for abstract in numbering.iter(f"{W}abstractNum"):
                key = str(abstract.get(f"{W}abstractNumId"))
                self._abstract[key] = {_int(lvl.get(f"{W}ilvl"), 0): _level(lvl) for lvl in abstract.iter(f"{W}lvl")}
                if (link := _val(abstract, f"{W}styleLink")) is not None:
                    self._style_links[link] = key
                if (link := _val(abstract, f"{W}numStyleLink")) is not None:
                    self._links[key] = link
            for num in numbering.iter(f"{W}num"):
                entry = _Num(_val(num, f"{W}abstractNumId") or "")
                for override in num.iter(f"{W}lvlOverride"):
                    ilvl = _int(override.get(f"{W}ilvl"), 0)
                    if (start := _val(override, f"{W}startOverride")) is not None:
                        entry.starts[ilvl] = _int(start, 1)
                    if (lvl := override.find(f"{W}lvl")) is not None:
                        entry.levels[ilvl] = _level(lvl)
                self._nums[str(num.get(f"{W}numId"))] = entry
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id -> numId, ilvl, basedOn
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                ppr = style.find(f"{W}pPr")
                num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
                self._styles[str(style.get(f"{W}styleId"))] = (
                    _val(num_pr, f"{W}numId"),
                    _val(num_pr, f"{W}ilvl"),
                    _val(style, f"{W}basedOn"),
                )

    def _style_numbering(self, style: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style is not None and style not in seen:
            seen.add(style)
            num_id, ilvl, based_on = self._styles.get(style, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style = based_on
        return None, None

    def _definition(self, num: _Num) -> dict[int, _Level]:
        abstract = num.abstract
        link = self._links.get(abstract)
        if link is not None:  # numStyleLink: the levels are those of the list the style links to
            if link in self._style_links:
                abstract = self._style_links[link]
            else:
                linked_num, _ilvl = self._style_numbering(link)
                if linked_num in self._nums:
                    abstract = self._nums[linked_num].abstract
        return self._abstract.get(abstract, {})

    def label(self, paragraph: Any, style: str | None) -> tuple[str, int] | None:
        """The label Word shows before ``paragraph`` (a ``w:p``) and its list level, or ``None``;
        advances the counters, so call it for every paragraph in document order."""
        ppr = paragraph.find(f"{W}pPr")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id, ilvl_text = _val(num_pr, f"{W}numId"), _val(num_pr, f"{W}ilvl")
        style_num, style_ilvl = self._style_numbering(style)
        if num_id is None:
            num_id = style_num
            ilvl_text = ilvl_text if ilvl_text is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return None
        num = self._nums[num_id]
        levels = {**self._definition(num), **num.levels}
        if ilvl_text is None and style is not None:
            ilvl_text = next((str(k) for k, lvl in levels.items() if lvl.style == style), None)
        ilvl = min(max(_int(ilvl_text, 0), 0), _LEVELS - 1)
        level = levels.get(ilvl, _Level())
        counters = self._counters.setdefault(num.abstract, [None] * _LEVELS)
        if not num.used:
            num.used = True
            for k, start in num.starts.items():
                if 0 <= k < _LEVELS:
                    counters[k] = start - 1
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return "-", ilvl
        text = level.text
        for k in range(_LEVELS):
            token = f"%{k + 1}"
            if token in text:
                other = levels.get(k, _Level())
                value = counters[k] if counters[k] is not None else other.start
                fmt = "decimal" if level.legal and other.fmt != "none" else other.fmt
                text = text.replace(token, format_number(value or 0, fmt))
        text = text.strip()
        return (text, ilvl) if text else None
