"""What extraction returns: a typed document, its recommendations and the evidence of each link.

Every link carries :class:`Evidence`: where in the source text (character offsets, as Web
Annotation ``oa:TextPositionSelector``) and with which words (``oa:TextQuoteSelector``) it was
read. The data model imports none of its writers: :class:`~igkg.extractor.document.ExtractedDocument`
adds the JSON and RDF output to :class:`Document`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Evidence",
    "Link",
    "Action",
    "Provision",
    "Citation",
    "Recommendation",
    "ExtractionWarning",
    "Document",
]


@dataclass(frozen=True)
class Evidence:
    """A span of the source text: ``source[start:end] == exact``."""

    start: int
    end: int
    exact: str


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

    @property
    def addressees(self) -> list[str]:
        """Every addressee of every action, in order, once."""
        return list(dict.fromkeys(a.iri for action in self.actions for a in action.addressees))


@dataclass(frozen=True)
class ExtractionWarning:
    position: int | None
    kind: str  # "unknown-verb", "unresolved-reference"
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

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1]
