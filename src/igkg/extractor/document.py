"""The extracted document with its outputs: the fixed JSON format and the RDF (with evidence).

:class:`ExtractedDocument` is the :class:`~igkg.extractor.model.Document` that
:func:`igkg.extract` returns; the writers (:mod:`.jsonout`, :mod:`.rdf`) take the plain data
model, so the model never imports them.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from .jsonout import document_to_dict
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
        one line (the C encoder writes it: an indented dump of 20,000 units is pure Python)."""
        data = self.to_dict()
        if indent is None:
            return json.dumps(data, ensure_ascii=False) + "\n"
        pad = " " * indent
        lines = []
        for key, value in data.items():
            if key == "recommendations" and value:
                units = (",\n" + pad * 2).join(json.dumps(rec, ensure_ascii=False) for rec in value)
                lines.append(f"{pad}{json.dumps(key)}: [\n{pad * 2}{units}\n{pad}]")
            else:
                lines.append(f"{pad}{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
        return "{\n" + ",\n".join(lines) + "\n}\n"

    def to_graph(self) -> list[ox.Triple]:
        """The document as RDF triples, modelled like the hand-made seed, with evidence."""
        return document_triples(self)

    def serialize(self, fmt: str = "ttl") -> bytes:
        """``json``, or an RDF syntax of :mod:`igkg.formats` (``ttl``, ``jsonld``, ``nt`` …)."""
        if fmt == "json":
            return self.to_json().encode("utf-8")
        return serialize_document(self, fmt)
