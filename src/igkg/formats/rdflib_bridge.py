"""Converting between Oxigraph terms and rdflib terms, at the edges where rdflib is needed
(pySHACL validation, JSON-LD export with a context, the plain-rdflib benchmarks)."""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import pyoxigraph as ox
import rdflib

from ..vocab import XSD

__all__ = ["to_rdflib", "quads_to_graph"]



def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype == XSD.string:
            return rdflib.Literal(term.value)
        # normalize=False: rdflib would otherwise rewrite "01"^^xsd:integer as "1"
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"cannot convert {term!r} to rdflib")



def quads_to_graph(quads: Iterable[ox.Quad], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """All quads as triples of one rdflib graph (graph names are dropped)."""
    graph = graph if graph is not None else rdflib.Graph()
    add = graph.add
    with warnings.catch_warnings():  # rdflib warns on every ill-typed literal ("01"^^xsd:boolean): data, not news
        warnings.filterwarnings("ignore", category=UserWarning, module="rdflib.term")
        for quad in quads:
            add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))  # type: ignore[arg-type]
    return graph
