"""The pages of a text: a PDF's pages and the pages of a text copied out of a PDF.

A PDF reader separates pages with form feeds, and so do most text copies. A copy made in a PDF
viewer may have lost them; its pages still show where they end, with the footnotes printed at the
foot of each page under a rule of underscores. :func:`pages_of` therefore splits at form feeds,
and in a text without any at the end of each block of footnotes (the lines after the rule that
open with a note marker and the lines that continue them, up to a blank line that no other note
follows, or up to a job number or page number), so that the layout clean-up can remove the next
page's running header and join a paragraph that runs on over the break.
"""

from __future__ import annotations

import re

from .footnotes import is_rule, note_start
from .furniture import is_job_line, is_page_number

__all__ = ["split_pages", "pages_of", "line_spans"]


def split_pages(text: str) -> list[tuple[int, int]]:
    """The spans of the pages of ``text``, split at form feeds."""
    spans: list[tuple[int, int]] = []
    start = 0
    while (end := text.find("\f", start)) != -1:
        spans.append((start, end))
        start = end + 1
    spans.append((start, len(text)))
    return spans


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Line spans (without the line break) of ``text[start:end]``."""
    out: list[tuple[int, int]] = []
    while start <= end:
        stop = text.find("\n", start, end)
        if stop == -1:
            stop = end
        content_end = stop - 1 if stop > start and text[stop - 1] == "\r" else stop
        if start < end or not out:
            out.append((start, content_end))
        start = stop + 1
    return out


def _spans(cuts: list[int], length: int) -> list[tuple[int, int]]:
    """The pages between ``cuts`` (ascending offsets where a page starts) over a text of ``length``."""
    starts = [0, *cuts]
    return list(zip(starts, [*cuts, length], strict=True))


def _next_filled(texts: list[str], k: int) -> int | None:
    return next((j for j in range(k, len(texts)) if texts[j].strip()), None)


def _notes_end(texts: list[str], first: int) -> int:
    """The index of the first line after the notes that open at line ``first``."""
    k = first + 1
    while k < len(texts):
        line = texts[k]
        if not line.strip():
            following = _next_filled(texts, k)
            if following is None or note_start(texts[following]) is None:
                return k
            k = following
            continue
        if is_job_line(line) or (is_page_number(line) and note_start(line) is None):
            return k
        k += 1
    return k


def _footer_cuts(text: str) -> list[tuple[int, int]]:
    """A copy without form feeds or footnotes: pages end after each footer line of a job number
    ("26-05872 (E)    160426", "2/3      26-05872") or of a page number of the page count ("2/3",
    "Page 2 of 3", "- 2 -"), where more text follows."""
    lines = line_spans(text, 0, len(text))
    texts = [text[a:b] for a, b in lines]
    cuts = [
        lines[k + 1][0]
        for k, line in enumerate(texts)
        if k + 1 < len(lines)
        and (is_job_line(line) or _PAGE_OF.fullmatch(line.strip()))
        and _next_filled(texts, k + 1) is not None
    ]
    return _spans(cuts, len(text))


_PAGE_OF = re.compile(r"(?i:page\s+)?\d{1,4}\s*(?:/|of)\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]")


def pages_of(text: str) -> list[tuple[int, int]]:
    """The pages of ``text``: at form feeds, else after each block of footnotes (see above), else
    after each footer line (:func:`_footer_cuts`)."""
    if "\f" in text:
        return split_pages(text)
    if "_____" not in text:
        return _footer_cuts(text)
    lines = line_spans(text, 0, len(text))
    texts = [text[a:b] for a, b in lines]
    cuts: list[int] = []
    k = 0
    while k < len(lines):
        following = _next_filled(texts, k + 1) if is_rule(texts[k]) else None
        if following is None or note_start(texts[following]) is None:
            k += 1
            continue
        end = _notes_end(texts, following)
        if end < len(lines) and _next_filled(texts, end) is not None:
            cuts.append(lines[end][0])
        k = end
    return _spans(cuts, len(text))
