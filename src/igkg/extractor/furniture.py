"""Page furniture: what a printed page carries besides its text, found at the top and bottom of
each page, not by the words of any one document.

* **Running headers and footers**: a line near a page edge that recurs near the edges of at
  least half the pages (two at least). Lines are compared as bags of words with every number
  made ``#``, so "Page 3 of 9" matches "Page 4 of 9" and a header whose parts swap sides on
  even and odd pages ("A/RES/81/999   Internet governance" / "Internet governance   A/RES/81/999")
  is one header. Each header is removed once per page, the first from the top (a title that
  repeats the running header just below it stays).
* **Page numbers**: "7", "7/9", "- 7 -", "Page 4 of 12", "page 4", alone on an edge line or
  beside a job number.
* **Job numbers** of UN documents: "26-01234 (E)", "GE.26-01234", with the date that follows
  them ("110127") and the barcode text ("*2601234*").
* **Document symbols** alone on an edge line ("E/CN.16/2029/CRP.3", "A/RES/81/999"): the short
  running header of a UN document, which page 1 carries inside a longer line ("United Nations
  E/CN.16/2029/CRP.3"), so that in a copy of two pages it recurs on one page only; and, on the
  first line of any page but the first, a symbol set apart from a short title ("A/RES/80/321
  Information and communications technologies …"), the running header of such a copy.

Only the lines at the edges are looked at: from the top and from the bottom of a page, lines
are furniture while they are (blank lines are skipped), and the first line that is not stops
the search, so a number or a repeated line in the middle of a page is never touched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

__all__ = [
    "ZONE",
    "is_page_number",
    "is_job_line",
    "is_symbol_line",
    "is_symbol_header",
    "running_keys",
    "furniture_lines",
    "line_key",
]

#: How many non-blank lines at each edge of a page may be furniture.
ZONE = 4

_NUMBER = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"(?i:(?:page|p\.)?\s*\d{1,4}\s*(?:/|of)\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|(?:page|p\.)\s*\d{1,4}|\d{1,4})"
    r"|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})"  # front-matter pages, lower case only
)
_JOB = re.compile(r"(?:[A-Z]{2}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?")
_BARCODE = re.compile(r"\*\d{5,}\*")
_JOB_PARTS = re.compile(
    r"(?:[A-Z]{2}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?|\([A-Z]\)|\*\d{5,}\*|\d{6}|(?:page|p\.)?\s*\d{1,4}\s*(?:/|of)\s*\d{1,4}"
    r"|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}",
    re.I,
)
_GAP = re.compile(r"\s{2,}|\t")
_SYMBOL = re.compile(r"[A-Z]{1,5}(?:/[A-Z0-9][\w.-]*){2,}")


def line_key(line: str) -> tuple[str, ...]:
    """``line`` as a bag of words with numbers made ``#``: how running lines are compared."""
    return tuple(sorted(_NUMBER.sub("#", line).split()))


def is_page_number(line: str) -> bool:
    """A line that holds only a page number ("7", "7/9", "- 7 -", "Page 4 of 12", "iv")."""
    return bool(_PAGE_NUMBER.fullmatch(line.strip()))


def is_job_line(line: str) -> bool:
    """A line of job numbers, their dates, barcodes and page numbers ("26-01234 (E)  110127",
    "2/4   26-01234", "*2601234*"), with at least one job number or barcode in it."""
    stripped = line.strip()
    if not (_JOB.search(stripped) or _BARCODE.search(stripped)):
        return False
    parts = [p for p in _GAP.split(stripped) if p]
    return all(_JOB_PARTS.fullmatch(part) for part in parts)


def is_symbol_line(line: str) -> bool:
    """A line that holds only a UN document symbol ("E/CN.16/2029/CRP.3"), maybe with a page number."""
    parts = [p for p in _GAP.split(line.strip()) if p]
    if parts and parts[-1].endswith("."):
        return False  # "2   A/82/64-E/2027/12.": a footnote citing a document, not a header
    return bool(parts) and any(_SYMBOL.fullmatch(p) for p in parts) and all(
        _SYMBOL.fullmatch(p) or is_page_number(p) for p in parts
    )


def is_symbol_header(line: str) -> bool:
    """A symbol set apart (by a wide gap) from a short running title or a page number:
    "A/RES/80/321      Information and communications technologies for development"."""
    parts = [p for p in _GAP.split(line.strip()) if p]
    return (
        len(parts) >= 2
        and any(_SYMBOL.fullmatch(p) for p in parts)
        and all(_SYMBOL.fullmatch(p) or is_page_number(p) or _header_text(p) for p in parts)
    )


def _header_text(part: str) -> bool:
    return len(part.split()) <= 14 and not part.rstrip().endswith((".", ";", ":", ",", "!", "?"))


def _edges(lines: Sequence[str]) -> list[int]:
    """Indexes of the first and last :data:`ZONE` non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:ZONE] + filled[-ZONE:]))


def running_keys(pages: Sequence[Sequence[str]]) -> set[tuple[str, ...]]:
    """The keys (:func:`line_key`) of lines near the edges of at least half the pages (two at least)."""
    if len(pages) < 2:
        return set()
    seen: Counter[tuple[str, ...]] = Counter()
    for lines in pages:
        seen.update({line_key(lines[i]) for i in _edges(lines)})
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, count in seen.items() if count >= need and key}


def furniture_lines(lines: Sequence[str], running: set[tuple[str, ...]], *, first_page: bool = True) -> set[int]:
    """Indexes of a page's furniture lines: running headers and footers, page numbers, job numbers;
    on a page after the first, a first line that is a symbol beside a running title."""
    found: set[int] = set()
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        used: set[tuple[str, ...]] = set()
        looked = 0
        for i in order:
            line = lines[i]
            if not line.strip():
                continue
            if i in found or looked >= ZONE:
                break
            looked += 1
            key = line_key(line)
            if key in running and key not in used:
                used.add(key)
            elif not (
                is_page_number(line)
                or is_job_line(line)
                or is_symbol_line(line)
                or (not first_page and looked == 1 and order.step == 1 and is_symbol_header(line))
            ):
                break
            found.add(i)
    return found
