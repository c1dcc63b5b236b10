"""The extracted document with its outputs: the fixed JSON format and the RDF (with evidence).

:class:`ExtractedDocument` is the :class:`~igkg.extractor.model.Document` that
:func:`igkg.extract` returns; the writers (:mod:`.jsonout`, :mod:`.rdf`) take the plain data
model, so the model never imports them.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from .jsonout import document_parts, document_to_dict
from .model import Document, no_cycle_collection
from .rdf import document_triples, serialize_document

__all__ = ["ExtractedDocument"]


class ExtractedDocument(Document):
    """A recommendation document read from a text, ready to be written as JSON or RDF."""

    def to_dict(self) -> dict[str, Any]:
        """The fixed JSON format (see ``docs/extract.md``) as Python objects."""
        with no_cycle_collection():
            return document_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON text, written one unit at a time by the C encoder (an indented dump of 20,000
        units is pure Python, and their dictionaries need not all be held at once). With
        ``indent`` the top level is indented and each recommendation is one line; without, the
        whole document is one line, as ``json.dumps`` writes it."""
        with no_cycle_collection():
            return self._json(indent)

    def _json(self, indent: int | None) -> str:
        if indent is None:
            first, between, unit_lead, unit_sep, close_units, last = "{", ", ", "", ", ", "]", "}\n"
        else:
            pad = " " * indent
            first, between, unit_lead = "{\n" + pad, ",\n" + pad, "\n" + pad * 2
            unit_sep, close_units, last = ",\n" + pad * 2, "\n" + pad + "]", "\n}\n"
        parts = [first]
        for index, (key, value) in enumerate(document_parts(self)):
            if index:
                parts.append(between)
            parts.append(json.dumps(key) + ": ")
            if key != "recommendations":
                parts.append(json.dumps(value, ensure_ascii=False))
                continue
            parts.append("[")
            count = 0
            for rec in value:  # each unit straight into the parts: no intermediate joined copy
                parts.append(unit_sep if count else unit_lead)
                parts.append(json.dumps(rec, ensure_ascii=False))
                count += 1
            parts.append(close_units if count else "]")
        parts.append(last)
        return "".join(parts)

    def to_graph(self) -> list[ox.Triple]:
        """The document as RDF triples, modelled like the hand-made seed, with evidence."""
        with no_cycle_collection():
            return document_triples(self)

    def serialize(self, fmt: str = "ttl") -> bytes:
        """``json``, or an RDF syntax of :mod:`igkg.formats` (``ttl``, ``jsonld``, ``nt`` …)."""
        if fmt == "json":
            return self.to_json().encode("utf-8")
        with no_cycle_collection():
            return serialize_document(self, fmt)
