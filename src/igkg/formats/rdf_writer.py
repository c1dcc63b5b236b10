"""Writing the graph in any RDF syntax of the registry.

Turtle, N-Triples, N-Quads, TriG and RDF/XML are written by Oxigraph (fast, with igkg's
prefixes). JSON-LD is compacted by rdflib with the bundled context
(``ontology/context.jsonld``), embedded in the output: a reader never fetches a context.

RDF/XML is an XML 1.0 document, which cannot carry every string: a literal holding NUL, another
control character (other than tab, line feed, carriage return) or U+FFFE/U+FFFF is refused with
the triple named (export it as Turtle, N-Triples or JSON-LD, which carry any string). A carriage
return is written as ``&#13;``: written raw, every XML parser would turn CR LF into LF.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from ..errors import InputError
from ..namespaces import PREFIXES
from ..resources import ontology_dir
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
    # rdflib (the JSON-LD compaction) is imported when JSON-LD is written, not by every command
    # that writes RDF: 0.12 s of start-up for `igkg extract … --format ttl`
    from .jsonld_writer import graph_to_jsonld
    from .rdflib_bridge import quads_to_graph

    return graph_to_jsonld(quads_to_graph(quads), bundled_context())


#: What XML 1.0 cannot hold (its Char production), even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_checked(statements: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    """The statements, refusing a literal that an XML 1.0 document cannot carry."""
    for statement in statements:
        for term in (statement.subject, statement.object):
            if isinstance(term, ox.Literal):
                bad = _NOT_XML.search(term.value)
                if bad is not None:
                    value = term.value if len(term.value) < 60 else term.value[:57] + "…"
                    raise InputError(
                        f"cannot write RDF/XML: the literal {value!r} of {statement.subject} {statement.predicate} "
                        f"holds U+{ord(bad.group()):04X}, which an XML 1.0 document cannot carry; export as "
                        f"Turtle, N-Triples or JSON-LD instead")
        yield statement


def _xml(statements: Iterable[ox.Triple]) -> bytes:
    data = _bytes(ox.serialize(_xml_checked(statements), format=ox.RdfFormat.RDF_XML, prefixes=dict(PREFIXES)))
    return data.replace(b"\r", b"&#13;")  # only literal text can hold a CR


def serialize_triples(triples: Iterable[ox.Triple], syntax: str = "ttl") -> bytes:
    """Serialize triples (a CONSTRUCT result, say) in a syntax of the registry."""
    chosen = rdf_syntax(syntax)
    if chosen.name == "jsonld":
        return _jsonld(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if chosen.name == "xml":
        return _xml(triples)
    if chosen.supports_datasets:
        items: list[ox.Quad] | list[ox.Triple] = [
            ox.Quad(t.subject, t.predicate, t.object) for t in triples
        ]
    else:
        items = list(triples)
    return _bytes(ox.serialize(items, format=chosen.oxigraph, prefixes=dict(PREFIXES)))


def _distinct(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The triples of the quads, each once (a triple two graphs hold is one statement of the union)."""
    seen: set[ox.Triple] = set()
    for quad in quads:
        triple = quad.triple
        if triple not in seen:
            seen.add(triple)
            yield triple


def serialize_quads(quads: Iterable[ox.Quad], syntax: str = "ttl") -> bytes:
    """Quads (a store's, say) in the given syntax: N-Quads and TriG keep the graph names (one
    named graph per source); the other syntaxes write the union of the graphs, each triple once."""
    chosen = rdf_syntax(syntax)
    if chosen.name == "jsonld":
        return _jsonld(ox.Quad(t.subject, t.predicate, t.object) for t in _distinct(quads))
    if chosen.name == "xml":
        return _xml(_distinct(quads))
    if chosen.supports_datasets:
        ordered = sorted(quads, key=lambda q: (q.graph_name.value if isinstance(q.graph_name, ox.NamedNode)
                                                else ""))  # one block per graph in TriG
        return _bytes(ox.serialize(ordered, format=chosen.oxigraph, prefixes=dict(PREFIXES)))
    return _bytes(ox.serialize(_distinct(quads), format=chosen.oxigraph, prefixes=dict(PREFIXES)))
