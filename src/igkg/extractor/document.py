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
from .model import Document
from .rdf import document_triples, serialize_document

__all__ = ["ExtractedDocument"]


class ExtractedDocument(Document):
    """A recommendation document read from a text, ready to be written as JSON or RDF."""

    def to_dict(self) -> dict[str, Any]:
        """The fixed JSON format (see ``docs/extract.md``) as Python objects."""
        return document_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON text; with ``indent``, the top level is indented and each recommendation is
        one line, written by the C encoder one unit at a time (an indented dump of 20,000 units
        is pure Python, and holding all their dictionaries at once is not needed)."""
        if indent is None:
            return json.dumps(self.to_dict(), ensure_ascii=False) + "\n"
        pad = " " * indent
        parts = ["{\n"]
        for index, (key, value) in enumerate(document_parts(self)):
            parts.append(f"{',' if index else ''}\n{pad}{json.dumps(key)}: " if index else f"{pad}{json.dumps(key)}: ")
            if key == "recommendations":
                parts.append("[")
                for k, rec in enumerate(value):
                    parts.append(f"{',' if k else ''}\n{pad * 2}")
                    parts.append(json.dumps(rec, ensure_ascii=False))
                parts.append(f"\n{pad}]" if len(parts) and parts[-1] != "[" else "]")
            else:
                parts.append(json.dumps(value, ensure_ascii=False))
        parts.append("\n}\n")
        return "".join(parts)

    def to_graph(self) -> list[ox.Triple]:
        """The document as RDF triples, modelled like the hand-made seed, with evidence."""
        return document_triples(self)

    def serialize(self, fmt: str = "ttl") -> bytes:
        """``json``, or an RDF syntax of :mod:`igkg.formats` (``ttl``, ``jsonld``, ``nt`` …)."""
        if fmt == "json":
            return self.to_json().encode("utf-8")
        return serialize_document(self, fmt)
