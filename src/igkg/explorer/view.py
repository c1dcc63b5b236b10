"""The drawn graph: which nodes and edges the explorer shows, gathered from a GraphStore.

Nodes are resources (IRIs and blank nodes); literals are not nodes but facts shown in a
node's tooltip and details panel; ``rdf:type`` is not an edge but the node's class and look
(:mod:`igkg.explorer.style`); ontology terms (classes, properties) describe the data and are left
out. Edges are labelled by their property's ``rdfs:label`` ("cites", "is part of"), or its
prefixed name when it has none.

Three ways to choose what is drawn: the whole graph; a focus node and every node within
``depth`` hops of it (in either direction, not through ``rdf:type``), found hop by hop with
queries whose node lists are VALUES blocks of escaped terms; or the triples of a CONSTRUCT
result. ``classes`` then keeps only nodes of the given explorer classes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import InputError, ParameterError
from ..namespaces import compact
from ..queries.params import resolve_label
from ..results import GraphResult, ResultTable, Term
from ..stores.base import GraphStore
from ..stores.binding import term_to_sparql
from ..vocab import ELI, IGKG, RDF, RDFS
from .style import CLASS_KEYS, CLASSES, NodeLook, full_name, is_schema, node_look, short_name

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GraphView", "ViewNode", "ViewEdge", "build_view", "parse_classes", "DEFAULT_MAX_NODES"]

RDF_TYPE = RDF.type.value
_IS_PART_OF = ELI.is_part_of.value
_PREPARED_WITHIN = IGKG.preparedWithin.value
_ACRONYM = IGKG.acronym.value
_RDFS_LABEL = RDFS.label.value
_CHUNK = 800
DEFAULT_MAX_NODES = 20_000

Node = ox.NamedNode | ox.BlankNode


def _key(term: Node) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


@dataclass
class ViewNode:
    """One drawn node: its types, literal facts (predicate IRI → values) and look."""

    key: str
    types: list[str]
    facts: dict[str, list[str]]
    look: NodeLook
    name: str

    @property
    def cls(self) -> str:
        return self.look.cls.key


@dataclass(frozen=True)
class ViewEdge:
    source: str
    target: str
    predicate: str


@dataclass
class GraphView:
    """What the explorer draws; ``nodes`` keyed by IRI (or ``_:id``), ``edges`` between them."""

    nodes: dict[str, ViewNode]
    edges: list[ViewEdge]
    property_names: dict[str, str] = field(default_factory=dict)
    title: str = "igkg explorer"
    focus: str | None = None

    def relation(self, predicate: str) -> str:
        """How an edge is labelled: the property's ``rdfs:label``, else its prefixed name."""
        return self.property_names.get(predicate) or compact(predicate)

    def class_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for node in self.nodes.values():
            counts[node.cls] += 1
        return {key: counts[key] for key in CLASS_KEYS if counts.get(key)}

    def to_networkx(self) -> nx.MultiDiGraph:
        """A networkx multigraph with ``label``, ``name``, ``class`` and ``iri`` on nodes and
        ``relation`` and ``predicate`` on edges (for analytics and GraphML / GEXF export)."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        for key, node in self.nodes.items():
            graph.add_node(key, label=node.look.label, name=node.name, **{"class": node.cls}, iri=key)
        for edge in self.edges:
            graph.add_edge(edge.source, edge.target, relation=self.relation(edge.predicate),
                           predicate=edge.predicate)
        return graph

    def __len__(self) -> int:
        return len(self.nodes)


class _Facts:
    """Triples gathered about resources: types, literal values and links, by subject."""

    def __init__(self) -> None:
        self.types: dict[str, list[str]] = defaultdict(list)
        self.literals: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.links: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.terms: dict[str, Node] = {}
        self.described: set[str] = set()

    def add(self, subject: object, predicate: object, obj: object) -> None:
        """Take one triple; RDF-star triple terms (and anything else) are passed over."""
        if not isinstance(subject, ox.NamedNode | ox.BlankNode) or not isinstance(predicate, ox.NamedNode):
            return
        s = _key(subject)
        self.terms.setdefault(s, subject)
        if isinstance(obj, ox.Literal):
            values = self.literals[s][predicate.value]
            if obj.value not in values:
                values.append(obj.value)
        elif predicate.value == RDF_TYPE:
            if isinstance(obj, ox.NamedNode) and obj.value not in self.types[s]:
                self.types[s].append(obj.value)
        elif isinstance(obj, ox.NamedNode | ox.BlankNode):
            o = _key(obj)
            self.terms.setdefault(o, obj)
            self.links[s].add((predicate.value, o))

    def first_link(self, key: str, predicate: str) -> str | None:
        targets = sorted(o for p, o in self.links.get(key, ()) if p == predicate)
        return targets[0] if targets else None


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


def _describe(store: GraphStore, facts: _Facts, terms: Iterable[Node]) -> None:
    """Add every triple whose subject is one of ``terms``."""
    todo = [t for t in terms if _key(t) not in facts.described]
    for batch in _chunks(todo):
        for s, p, o in _rows(store, f"SELECT ?s ?p ?o WHERE {{ {_values('s', batch)} ?s ?p ?o }}"):
            facts.add(s, p, o)
    facts.described.update(_key(t) for t in todo)


def _incoming(store: GraphStore, facts: _Facts, terms: Iterable[Node]) -> set[str]:
    """Add the links pointing at ``terms``; returns the keys of their subjects."""
    found: set[str] = set()
    for batch in _chunks(terms):
        sparql = (f"SELECT ?s ?p ?o WHERE {{ {_values('o', batch)} ?s ?p ?o "
                  f"FILTER (?p != <{RDF_TYPE}>) }}")
        for s, p, o in _rows(store, sparql):
            if isinstance(s, ox.NamedNode | ox.BlankNode):
                facts.add(s, p, o)
                found.add(_key(s))
    return found


def _property_names(store: GraphStore, predicates: Iterable[str]) -> dict[str, str]:
    names: dict[str, tuple[int, str]] = {}
    for batch in _chunks(ox.NamedNode(p) for p in sorted(set(predicates))):
        sparql = f"SELECT ?p ?label WHERE {{ {_values('p', batch)} ?p <{_RDFS_LABEL}> ?label }}"
        for p, label in _rows(store, sparql):
            assert isinstance(p, ox.NamedNode) and isinstance(label, ox.Literal)
            rank = 0 if label.language in ("en", None, "") else 1
            if p.value not in names or (rank, label.value) < names[p.value]:
                names[p.value] = (rank, label.value)
    return {p: label for p, (_rank, label) in names.items()}


def parse_classes(values: Iterable[str]) -> list[str]:
    """Class keys from ``--classes`` values (comma-separated or repeated); unknown names fail."""
    keys = [v.strip().lower().replace(" ", "-") for value in values for v in value.split(",") if v.strip()]
    unknown = [k for k in keys if k not in CLASS_KEYS]
    if unknown:
        raise ParameterError(f"unknown class {unknown[0]!r}; use one of {', '.join(CLASS_KEYS)}")
    return list(dict.fromkeys(keys))


def _neighbourhood(store: GraphStore, facts: _Facts, focus: Node, depth: int, max_nodes: int) -> set[str]:
    seen = {_key(focus)}
    frontier: list[Node] = [focus]
    facts.terms[_key(focus)] = focus
    for _hop in range(depth):
        _describe(store, facts, frontier)
        reached: set[str] = set()
        for node in frontier:
            reached.update(o for p, o in facts.links.get(_key(node), ()))
        reached |= _incoming(store, facts, frontier)
        new = sorted(reached - seen)
        _describe(store, facts, (facts.terms[k] for k in new))
        new = [k for k in new if not is_schema(facts.types.get(k, ()))]
        seen.update(new)
        if len(seen) > max_nodes:
            raise InputError(
                f"the view would have more than {max_nodes} nodes at depth {_hop + 1}: "
                "lower the depth, draw fewer classes, or raise the node limit"
            )
        frontier = [facts.terms[k] for k in new]
        if not frontier:
            break
    _describe(store, facts, frontier)
    return seen


def _container_names(store: GraphStore, facts: _Facts, keys: Iterable[str]) -> dict[str, str]:
    """For each node that is part of something, the short name of the outermost whole."""
    tops: dict[str, str] = {}
    pending = [k for k in keys if facts.first_link(k, _IS_PART_OF)]
    for key in pending:
        current, chain = key, {key}
        while True:
            parent = facts.first_link(current, _IS_PART_OF)
            if parent is None or parent in chain:
                break
            if parent not in facts.described:
                _describe(store, facts, [facts.terms[parent]])
            chain.add(parent)
            current = parent
        if current != key:
            tops[key] = current
    names: dict[str, str] = {}
    for top in set(tops.values()):
        body = facts.first_link(top, _PREPARED_WITHIN)
        acronym = None
        if body is not None:
            _describe(store, facts, [facts.terms[body]])
            acronym = next(iter(sorted(facts.literals.get(body, {}).get(_ACRONYM, []))), None)
        names[top] = short_name(top, facts.literals.get(top, {}), acronym)
    return {key: names[top] for key, top in tops.items()}


def build_view(
    store: GraphStore,
    *,
    focus: str | None = None,
    depth: int = 1,
    classes: Sequence[str] = (),
    result: GraphResult | None = None,
    title: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> GraphView:
    """The graph to draw: the whole graph, ``focus`` (a label, acronym or IRI) with every node
    within ``depth`` hops, or the triples of a CONSTRUCT ``result``; then only ``classes``."""
    if depth < 0:
        raise ParameterError(f"the depth must be 0 or more, not {depth}")
    wanted = parse_classes(classes)
    facts = _Facts()
    focus_key: str | None = None
    if result is not None:
        for triple in result.triples:
            facts.add(triple.subject, triple.predicate, triple.object)
        keys = set(facts.terms)
        edge_source = {k: set(v) for k, v in facts.links.items()}
        _describe(store, facts, [facts.terms[k] for k in sorted(keys)])
        keys = {k for k in keys if not is_schema(facts.types.get(k, ()))}
    elif focus is not None:
        node = resolve_label(store, "node", focus)
        focus_key = _key(node)
        keys = _neighbourhood(store, facts, node, depth, max_nodes)
        edge_source = facts.links
    else:
        for quad in store.quads():
            facts.add(quad.subject, quad.predicate, quad.object)
        facts.described.update(facts.terms)
        # Resources described by the data, and what the data links to; not what only the
        # ontology links to (the datatypes of its ranges, the sources of its terms).
        subjects = {k for k in facts.types.keys() | facts.literals.keys() | facts.links.keys()
                    if not is_schema(facts.types.get(k, ()))}
        keys = subjects | {o for s in subjects for _p, o in facts.links.get(s, ())}
        keys = {k for k in keys if not is_schema(facts.types.get(k, ()))}
        edge_source = facts.links
    if len(keys) > max_nodes:
        raise InputError(f"the view would have {len(keys)} nodes (more than {max_nodes}): "
                         "use --focus, --classes or --max-nodes")

    containers = _container_names(store, facts, sorted(keys))
    nodes: dict[str, ViewNode] = {}
    for key in keys:
        literal_facts = {p: list(v) for p, v in facts.literals.get(key, {}).items()}
        types = facts.types.get(key, [])
        look = node_look(types, key, literal_facts, containers.get(key))
        if wanted and look.cls.key not in wanted and key != focus_key:
            continue
        nodes[key] = ViewNode(key, list(types), literal_facts, look, full_name(key, literal_facts, look.label))
    order = {c.key: i for i, c in enumerate(CLASSES)}
    nodes = dict(sorted(nodes.items(), key=lambda kv: (order.get(kv[1].cls, 99), kv[1].look.label, kv[0])))
    edges = sorted(
        {ViewEdge(s, o, p) for s, links in edge_source.items() if s in nodes for p, o in links if o in nodes},
        key=lambda e: (e.source, e.predicate, e.target),
    )
    predicates = {e.predicate for e in edges} | {p for n in nodes.values() for p in n.facts}
    view = GraphView(nodes, edges, _property_names(store, predicates), focus=focus_key)
    if title is not None:
        view.title = title
    elif focus_key is not None and focus_key in nodes:
        view.title = f"{nodes[focus_key].name}: neighbourhood, depth {depth}"
    return view
