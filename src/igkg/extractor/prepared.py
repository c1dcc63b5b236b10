"""The seam to the page-layout clean-up (:mod:`.layout`): the text the segmenter reads, and the
way back to the source's offsets.

``layout.prepare(source)`` turns a read source into a ``PreparedText``: the body with running
headers, page numbers and footnote blocks removed and line-end hyphenation joined, the footnotes
apart, the footnote markers it removed, and ``to_original`` mapping an offset of the body back
into the text evidence points into. The pipeline sees it through the :class:`Prepared` protocol.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from .layout import prepare
from .reading import SourceText

__all__ = ["Prepared", "prepare_source", "markers_in"]


class Prepared(Protocol):
    @property
    def original(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def footnotes(self) -> Sequence[Any]: ...
    @property
    def markers(self) -> Sequence[tuple[int, str]]: ...
    @property
    def format(self) -> str: ...
    def to_original(self, offset: int) -> int: ...


def prepare_source(source: SourceText, labels: Iterable[str] = ()) -> Prepared:
    """The prepared text of ``source``; ``labels`` (the graph's names) keep their hyphens."""
    return prepare(source, labels=labels)


#: the last document's markers, sorted, with their offsets: (the markers as given, sorted, offsets)
_last_index: list[tuple[Sequence[tuple[int, str]], list[tuple[int, str]], list[int]]] = []


def _marker_index(markers: Sequence[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[int]]:
    """``markers`` sorted, and their offsets, made once per document (each unit asks: sorting
    them for every unit made a text with thousands of footnotes quadratic)."""
    last = _last_index[0] if _last_index else None
    if last is not None and last[0] is markers:
        return last[1], last[2]
    ordered = sorted(markers)
    offsets = [offset for offset, _marker in ordered]
    _last_index[:] = [(markers, ordered, offsets)]  # one entry, replaced at once (threads see either)
    return ordered, offsets


def markers_in(prepared: Prepared, ranges: Sequence[tuple[int, int]]) -> list[str]:
    """The footnote markers removed inside ``ranges`` of the prepared text, in order, once each."""
    markers, offsets = _marker_index(prepared.markers)
    found: list[str] = []
    for start, end in ranges:
        index = bisect_left(offsets, start)
        while index < len(markers) and markers[index][0] <= end:
            if markers[index][1] not in found:
                found.append(markers[index][1])
            index += 1
    return found
