"""Gathering what the network views draw: triples about resources, read from a GraphStore in
batches whose node lists are VALUES blocks of escaped terms, and the names of the wholes that
resources are part of (for labels such as "WGEC #4" and "TA ¶72")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox

from ..results import ResultTable, Term
from ..stores.base import GraphStore
from ..stores.binding import term_to_sparql
from ..vocab import ELI, IGKG, RDF, RDFS
from .style import short_name

__all__ = ["Facts", "Node", "node_key", "describe", "incoming", "property_names", "container_names"]

RDF_TYPE = RDF.type.value
_IS_PART_OF = ELI.is_part_of.value
_PREPARED_WITHIN = IGKG.preparedWithin.value
_ACRONYM = IGKG.acronym.value
_RDFS_LABEL = RDFS.label.value
_CHUNK = 800

Node = ox.NamedNode | ox.BlankNode


def node_key(term: Node) -> str:
    """How views key a node: its IRI, or ``_:id`` for a blank node."""
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


class Facts:
    """Triples gathered about resources: types, literal values and links, by subject."""

    def __init__(self) -> None:
        self.types: dict[str, list[str]] = defaultdict(list)
        self.literals: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.links: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.terms: dict[str, Node] = {}
        self.described: set[str] = set()

    def add(self, subject: object, predicate: object, obj: object) -> None:
        """Take one triple; RDF-star triple terms (and anything else) are passed over."""
        self.add_all(((subject, predicate, obj),))

    def add_all(self, triples: Iterable[tuple[object, object, object] | ox.Triple | ox.Quad]) -> None:
        """Take many triples (or quads: their graph is ignored) in one loop: the whole-graph view
        reads every quad of the store through here, so it does the work of :meth:`add` inline."""
        types, literals, links, terms = self.types, self.literals, self.links, self.terms
        named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal
        resource = named | blank
        for item in triples:
            subject, predicate, obj = item[0], item[1], item[2]
            if isinstance(subject, named):
                s = subject.value
            elif isinstance(subject, blank):
                s = f"_:{subject.value}"
            else:
                continue
            if not isinstance(predicate, named):
                continue
            if s not in terms:
                terms[s] = subject
            p = predicate.value
            if isinstance(obj, literal):
                values = literals[s][p]
                value = obj.value
                if value not in values:
                    values.append(value)
            elif p == RDF_TYPE:
                if isinstance(obj, named):
                    kinds = types[s]
                    if obj.value not in kinds:
                        kinds.append(obj.value)
            elif isinstance(obj, resource):
                o = obj.value if isinstance(obj, named) else f"_:{obj.value}"
                if o not in terms:
                    terms[o] = obj
                links[s].add((p, o))

    def first_link(self, key: str, predicate: str) -> str | None:
        out = self.links.get(key)
        return min((o for p, o in out if p == predicate), default=None) if out else None


def _values(var: str, terms: Sequence[Node]) -> str:
    return f"VALUES ?{var} {{ {' '.join(term_to_sparql(t) for t in terms)} }}"


def _chunks(terms: Iterable[Node]) -> Iterator[list[ox.NamedNode]]:
    batch: list[ox.NamedNode] = []
    for term in terms:
        if isinstance(term, ox.NamedNode):  # a blank node cannot be named in a query
            batch.append(term)
            if len(batch) == _CHUNK:
                yield batch
                batch = []
    if batch:
        yield batch


def _rows(store: GraphStore, sparql: str) -> list[tuple[Term | None, ...]]:
    result = store.query(sparql)
    assert isinstance(result, ResultTable)
    return result.rows


def describe(store: GraphStore, facts: Facts, terms: Iterable[Node], only: Sequence[str] | None = None) -> None:
    """Add every triple whose subject is one of ``terms``; ``only``: with one of these predicates
    (a label look-up reads a few properties, not a recommendation's text and every link; the
    terms then count as described for that look-up's ``facts`` alone)."""
    todo = [t for t in terms if node_key(t) not in facts.described]
    # a FILTER, not a second VALUES block: Oxigraph joins two VALUES blocks before the pattern
    # (8 s for 800 subjects at 1M triples on disk, against 0.03 s)
    chosen = "" if only is None else f"FILTER (?p IN ({', '.join(term_to_sparql(ox.NamedNode(p)) for p in only)}))"
    for batch in _chunks(todo):
        for s, p, o in _rows(store, f"SELECT ?s ?p ?o WHERE {{ {_values('s', batch)} ?s ?p ?o {chosen} }}"):
            facts.add(s, p, o)
    facts.described.update(node_key(t) for t in todo)


def incoming(store: GraphStore, facts: Facts, terms: Iterable[Node]) -> set[str]:
    """Add the links pointing at ``terms``; returns the keys of their subjects."""
    found: set[str] = set()
    for batch in _chunks(terms):
        sparql = (f"SELECT ?s ?p ?o WHERE {{ {_values('o', batch)} ?s ?p ?o "
                  f"FILTER (?p != <{RDF_TYPE}>) }}")
        for s, p, o in _rows(store, sparql):
            if isinstance(s, ox.NamedNode | ox.BlankNode):
                facts.add(s, p, o)
                found.add(node_key(s))
    return found


def property_names(store: GraphStore, predicates: Iterable[str]) -> dict[str, str]:
    names: dict[str, tuple[int, str]] = {}
    for batch in _chunks(ox.NamedNode(p) for p in sorted(set(predicates))):
        sparql = f"SELECT ?p ?label WHERE {{ {_values('p', batch)} ?p <{_RDFS_LABEL}> ?label }}"
        for p, label in _rows(store, sparql):
            assert isinstance(p, ox.NamedNode) and isinstance(label, ox.Literal)
            rank = 0 if label.language in ("en", None, "") else 1
            if p.value not in names or (rank, label.value) < names[p.value]:
                names[p.value] = (rank, label.value)
    return {p: label for p, (_rank, label) in names.items()}



def container_names(store: GraphStore, facts: Facts, keys: Iterable[str],
                    only: Sequence[str] | None = None) -> dict[str, str]:
    """For each node that is part of something, the short name of the outermost whole (wholes
    described with ``only``, as by :func:`describe`)."""
    tops: dict[str, str] = {}
    parents: dict[str, str | None] = {}  # each described node's whole, looked up once

    def parent_of(node: str) -> str | None:
        if node in parents:
            return parents[node]
        found = facts.first_link(node, _IS_PART_OF)
        if node in facts.described:  # its links are all known: they will not change
            parents[node] = found
        return found

    pending = [k for k in keys if parent_of(k)]
    for key in pending:
        current, chain = key, {key}
        while True:
            parent = parent_of(current)
            if parent is None or parent in chain:
                break
            if parent not in facts.described:
                describe(store, facts, [facts.terms[parent]], only)
            chain.add(parent)
            current = parent
        if current != key:
            tops[key] = current
    names: dict[str, str] = {}
    for top in set(tops.values()):
        body = facts.first_link(top, _PREPARED_WITHIN)
        acronym = None
        if body is not None:
            describe(store, facts, [facts.terms[body]], only)
            acronym = next(iter(sorted(facts.literals.get(body, {}).get(_ACRONYM, []))), None)
        names[top] = short_name(top, facts.literals.get(top, {}), acronym)
    return {key: names[top] for key, top in tops.items()}
