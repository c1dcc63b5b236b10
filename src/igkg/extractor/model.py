"""What extraction returns: a typed document, its recommendations and the evidence of each link.

Every link carries :class:`Evidence`: where in the source text (character offsets, as Web
Annotation ``oa:TextPositionSelector``) and with which words (``oa:TextQuoteSelector``) it was
read. The data model imports none of its writers: :class:`~igkg.extractor.document.ExtractedDocument`
adds the JSON and RDF output to :class:`Document`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "Evidence",
    "Link",
    "Action",
    "Provision",
    "Citation",
    "Recommendation",
    "ExtractionWarning",
    "Document",
    "Section",
    "SubItem",
    "Footnote",
    "no_cycle_collection",
]


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is made or written: neither makes
    reference cycles, and with a 5 MB text the collector's passes over the document's millions of
    objects cost a third of the extraction and most of the JSON output."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class SpanResolver(Protocol):
    """Works out where a span of a unit's text is in the source: (start, end, exact)."""

    def span(self, start: int, end: int) -> tuple[int, int, str]: ...


class Evidence:
    """A span of the source text: ``source[start:end] == exact``. Made from a span of a unit's
    clean text, it is worked out when first read (:meth:`deferred`): the JSON output never reads
    it, the RDF output reads each once."""

    __slots__ = ("_span", "_resolver", "_at")

    def __init__(self, start: int, end: int, exact: str) -> None:
        self._span: tuple[int, int, str] | None = (start, end, exact)
        self._resolver: SpanResolver | None = None
        self._at = (start, end)

    @classmethod
    def deferred(cls, resolver: SpanResolver, start: int, end: int) -> Evidence:
        evidence = cls.__new__(cls)
        evidence._span = None
        evidence._resolver = resolver
        evidence._at = (start, end)
        return evidence

    def _get(self) -> tuple[int, int, str]:
        if self._span is None:
            assert self._resolver is not None
            self._span = self._resolver.span(*self._at)
            self._resolver = None
        return self._span

    def span(self) -> tuple[int, int, str]:
        """(start, end, exact) at once."""
        return self._span if self._span is not None else self._get()

    @property
    def start(self) -> int:
        return self._get()[0]

    @property
    def end(self) -> int:
        return self._get()[1]

    @property
    def exact(self) -> str:
        return self._get()[2]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Evidence) and self._get() == other._get()

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        start, end, exact = self._get()
        return f"Evidence(start={start}, end={end}, exact={exact!r})"


@dataclass
class Link:
    """A resource a recommendation links to, and every place it was read from."""

    iri: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Action:
    position: int
    verb: str
    as_written: str
    evidence: Evidence
    addressees: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Provision:
    """A cited paragraph or sub-item: its number as cited and its node (``None`` when the
    graph has no such paragraph)."""

    number: str
    iri: str | None


@dataclass
class Citation:
    instrument: str
    as_written: str
    evidence: Evidence
    resolution: str  # "explicit", "whole-instrument" or "inferred"
    provisions: list[Provision] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class Section:
    """A heading of the document: its label (without number or letter) and printed number."""

    position: int  # 1, 2, … in document order
    label: str
    number: str | None
    evidence: Evidence


@dataclass(frozen=True)
class SubItem:
    """A lettered sub-item of a unit ("(a) To strengthen …"): its label and text."""

    label: str
    text: str
    evidence: Evidence


@dataclass
class Recommendation:
    position: int
    text: str
    evidence: Evidence
    actions: list[Action] = field(default_factory=list)
    mentions: list[Link] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    topics: list[Link] = field(default_factory=list)
    unknown_verb: Evidence | None = None
    number: str | None = None  # as printed: "3", "7", "4.2", "a"
    kind: str = "operative"  # or "preambular"
    section: Section | None = None
    footnotes: list[str] = field(default_factory=list)  # markers of the notes it carries
    sub_items: list[SubItem] = field(default_factory=list)

    @property
    def addressees(self) -> list[str]:
        """Every addressee of every action, in order, once."""
        return list(dict.fromkeys(a.iri for action in self.actions for a in action.addressees))


@dataclass
class Footnote:
    """A note of the document, and what it cites (a citation only in a note is the note's)."""

    marker: str
    text: str
    evidence: Evidence
    citations: list[Citation] = field(default_factory=list)


@dataclass(frozen=True)
class ExtractionWarning:
    position: int | None
    kind: str  # "unknown-verb", "unresolved-reference", "unknown-paragraph", "candidate"
    as_written: str
    message: str


@dataclass
class Document:
    """A recommendation document read from a text: what the writers (JSON, RDF) write."""

    source: str
    title: str
    slug: str
    iri: str
    source_file: str
    status: str
    recommendations: list[Recommendation]
    notes: list[str]
    warnings: list[ExtractionWarning]
    labels: dict[str, str] = field(repr=False)
    extractor: str
    text: str = field(default="", repr=False)  # the source text, for evidence quotes
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    format: str = "text"
    #: Triples other steps add to the document's RDF (the revision record of
    #: ``igkg extract --version-of``: prov:wasRevisionOf and the unit changes).
    extra_triples: list[Any] = field(default_factory=list, repr=False)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1]
