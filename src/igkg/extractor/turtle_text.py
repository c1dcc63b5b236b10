"""Turtle written as text: the terms of an extracted document and the statements that group them.

An extracted document is written to Turtle (``igkg extract --format ttl``, ``--into``) straight
from strings: each term in its Turtle form (``this:rec-3``, ``eli:cites``, ``"…"@en``, ``4``),
each triple a tuple of three of them, the triples grouped by subject (``;``) and by predicate
(``,``) as Oxigraph's serializer groups them. Making a pyoxigraph term and triple object for
every one of a large document's triples, only to have them serialized again, was most of the
time of the RDF output; the triples themselves (``to_graph()``) are now Oxigraph's parse of
that text.

Every IRI written here comes from :mod:`igkg.vocab` or :mod:`igkg.namespaces` or is the value of
a ``NamedNode`` the graph held (a valid IRI, so a valid Turtle ``<IRIREF>``); strings escape the
four characters a Turtle ``"…"`` string cannot hold raw (backslash, quotation mark, LF, CR).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from ..namespaces import compact
from ..vocab import RDF, XSD

__all__ = ["escaped", "iri", "en", "plain", "integer", "term", "prefix_header", "statements", "parse", "NodeTable"]

_INTEGER = re.compile(r"[+-]?[0-9]+")
_XSD_STRING, _XSD_INTEGER, _RDF_TYPE = XSD.string.value, XSD.integer.value, RDF.type.value


def escaped(text: str) -> str:
    """The contents of a Turtle "…" string: backslash, quotation mark and line ends escaped."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\r" in text:
        text = text.replace("\r", "\\r")
    return text


@functools.lru_cache(maxsize=65536)
def iri(value: str) -> str:
    """An IRI as Turtle writes it: ``a`` for ``rdf:type``, a prefixed name of igkg's prefixes
    when its local part is a plain one (:func:`igkg.namespaces.compact`), else ``<value>``.
    (A document names the same few hundred resources again and again: the answers are kept.)"""
    if value == _RDF_TYPE:
        return "a"
    name = compact(value)
    if name == value or name[name.index(":") + 1] == "-":  # a local part cannot start with "-"
        return f"<{value}>"
    return name


def en(text: str) -> str:
    """An English string: ``"…"@en``."""
    return f'"{escaped(text)}"@en'


def plain(text: str) -> str:
    """A plain string (``xsd:string``): ``"…"``."""
    return f'"{escaped(text)}"'


def integer(value: int) -> str:
    """An ``xsd:integer``, written as Turtle's number: ``4``."""
    return str(value)


def term(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> str:
    """Any pyoxigraph term (the triples other steps add to a document) in the same forms."""
    if isinstance(node, ox.NamedNode):
        return iri(node.value)
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    if isinstance(node, ox.Literal):
        if node.language:
            return f'"{escaped(node.value)}"@{node.language}'
        datatype = node.datatype.value
        if datatype == _XSD_STRING:
            return plain(node.value)
        if datatype == _XSD_INTEGER and _INTEGER.fullmatch(node.value):
            return node.value
        return f'"{escaped(node.value)}"^^{iri(datatype)}'
    raise TypeError(f"no Turtle term for {node!r}")


def prefix_header(prefixes: Mapping[str, str]) -> str:
    """The ``@prefix`` lines of ``prefixes`` (prefix → namespace), in their order."""
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in prefixes.items())


def statements(triples: Iterable[tuple[str, str, str]]) -> str:
    """Triples of Turtle terms as statements: consecutive triples about the same subject joined
    with ``;``, consecutive objects of the same predicate with ``,``; each ends with `` .``."""
    parts: list[str] = []
    add = parts.append
    last_subject = last_predicate = None
    for subject, predicate, obj in triples:
        if subject != last_subject:
            if last_subject is not None:
                add(" .\n")
            add(f"{subject} {predicate} {obj}")
            last_subject, last_predicate = subject, predicate
        elif predicate != last_predicate:
            add(f" ;\n\t{predicate} {obj}")
            last_predicate = predicate
        else:
            add(f" , {obj}")
    if last_subject is not None:
        add(" .\n")
    return "".join(parts)


def parse(turtle: bytes) -> list[ox.Triple]:
    """The triples of Turtle text this module wrote (Oxigraph's parser), in their order."""
    return [quad.triple for quad in ox.parse(turtle, format=ox.RdfFormat.TURTLE)]


class NodeTable:
    """The pyoxigraph ``NamedNode`` of each IRI in the Turtle forms :func:`iri` writes (``a``,
    ``prefix:local`` of ``prefixes``, ``<…>``), each made once."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = prefixes
        self.nodes: dict[str, ox.NamedNode] = {}

    def __call__(self, name: str) -> ox.NamedNode:
        node = self.nodes.get(name)
        if node is None:
            node = self.nodes[name] = ox.NamedNode(self._value(name))
        return node

    def _value(self, name: str) -> str:
        if name == "a":
            return _RDF_TYPE
        if name.startswith("<"):
            return name[1:-1]
        prefix, _, local = name.partition(":")
        return self.prefixes[prefix] + local
