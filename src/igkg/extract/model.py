"""What extraction returns: a typed document, its recommendations and the evidence of each link.

Every link carries :class:`Evidence`: where in the source text (character offsets, as Web
Annotation ``oa:TextPositionSelector``) and with which words (``oa:TextQuoteSelector``) it was
read. :meth:`ExtractedDocument.to_json` gives the fixed JSON format; :meth:`to_graph` the RDF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

__all__ = [
    "Evidence",
    "Link",
    "Action",
    "Provision",
    "Citation",
    "Recommendation",
    "ExtractionWarning",
    "ExtractedDocument",
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
class ExtractedDocument:
    """A recommendation document read from a text, ready to be written as JSON or RDF."""

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

    def to_dict(self) -> dict[str, Any]:
        """The fixed JSON format (see ``docs/extract.md``) as Python objects."""
        from .jsonout import document_to_dict

        return document_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    def to_graph(self) -> list[ox.Triple]:
        """The document as RDF triples, modelled like the hand-made seed, with evidence."""
        from .rdf import document_triples

        return document_triples(self)

    def serialize(self, fmt: str = "ttl") -> bytes:
        """``json``, or an RDF syntax of :mod:`igkg.formats` (``ttl``, ``jsonld``, ``nt`` …)."""
        if fmt == "json":
            return self.to_json().encode("utf-8")
        from .rdf import serialize_document

        return serialize_document(self, fmt)
