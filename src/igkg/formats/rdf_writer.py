"""Writing the graph in any RDF syntax of the registry.

Turtle, N-Triples, N-Quads, TriG and RDF/XML are written by Oxigraph (fast, with igkg's
prefixes). JSON-LD is compacted by rdflib with the bundled context
(``ontology/context.jsonld``), embedded in the output: a reader never fetches a context.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from ..namespaces import PREFIXES
from ..resources import ontology_dir
from .rdflib_bridge import quads_to_graph
from .registry import rdf_syntax

__all__ = ["serialize_quads", "serialize_triples", "bundled_context"]


def bundled_context() -> dict[str, object]:
    """The JSON-LD ``@context`` object shipped in ``ontology/context.jsonld``."""
    document = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    context = document["@context"]
    assert isinstance(context, dict)
    return context


def _bytes(data: bytes | None) -> bytes:
    assert data is not None  # ox.serialize returns bytes when no output is given
    return data


def _jsonld(quads: Iterable[ox.Quad]) -> bytes:
    graph = quads_to_graph(quads)
    text = graph.serialize(format="json-ld", context=bundled_context(), auto_compact=True, indent=1)
    return text.encode("utf-8")


def serialize_triples(triples: Iterable[ox.Triple], syntax: str = "ttl") -> bytes:
    """Serialize triples (a CONSTRUCT result, say) in a syntax of the registry."""
    chosen = rdf_syntax(syntax)
    if chosen.name == "jsonld":
        return _jsonld(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if chosen.supports_datasets:
        items: list[ox.Quad] | list[ox.Triple] = [
            ox.Quad(t.subject, t.predicate, t.object) for t in triples
        ]
    else:
        items = list(triples)
    return _bytes(ox.serialize(items, format=chosen.oxigraph, prefixes=dict(PREFIXES)))


def serialize_quads(quads: Iterable[ox.Quad], syntax: str = "ttl") -> bytes:
    """Quads (a store's, say) in the given syntax (graph names kept in N-Quads and TriG)."""
    chosen = rdf_syntax(syntax)
    if chosen.name == "jsonld":
        return _jsonld(quads)
    if chosen.supports_datasets:
        return _bytes(ox.serialize(quads, format=chosen.oxigraph, prefixes=dict(PREFIXES)))
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    return _bytes(ox.serialize(triples, format=chosen.oxigraph, prefixes=dict(PREFIXES)))
