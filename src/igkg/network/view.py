"""The drawn graph: which nodes and edges a network view shows, gathered from a GraphStore.

Nodes are resources (IRIs and blank nodes); literals are not nodes but facts shown in a
node's tooltip and details panel; ``rdf:type`` is not an edge but the node's class and look
(:mod:`igkg.network.style`); ontology terms (classes, properties) describe the data and are left
out. **Concepts** of the schemes (verification status, verbs and their kinds, topics, document
status) are properties of the nodes that point at them ("verification status: verified"), not
nodes — drawn as nodes they are hubs that pull unrelated resources together — unless
``concepts=True`` (or the class ``concept`` is asked for, or the focus is a concept). Edges are
labelled by their property's ``rdfs:label`` ("cites", "is part of"), or its prefixed name.

Three ways to choose what is drawn: the whole graph; a focus node and every node within
``depth`` hops of it along meaningful links (in either direction, not through ``rdf:type`` nor
through concepts); or the triples of a CONSTRUCT result. ``classes`` then keeps only nodes of
the given classes. With ``reserve=True`` the view also carries the next ring of neighbours
(not drawn), so a page can expand a node without asking anyone.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError, ParameterError
from ..namespaces import compact
from ..queries.params import resolve_label
from ..results import GraphResult
from ..stores.base import GraphStore
from ..vocab import RDF
from .facts import Facts, Node, container_names, describe, incoming, node_key, property_names
from .style import CLASS_KEYS, CLASSES, NodeLook, full_name, is_concept, is_schema, node_look

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GraphView", "ViewNode", "ViewEdge", "build_view", "collector_paused", "parse_classes",
           "DEFAULT_MAX_NODES", "RESERVE_LIMIT"]

RDF_TYPE = RDF.type.value
DEFAULT_MAX_NODES = 20_000
#: At most this many not-yet-drawn neighbours travel with a view for expanding nodes.
RESERVE_LIMIT = 3_000


@dataclass(slots=True)
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


@dataclass(frozen=True, slots=True)
class ViewEdge:
    source: str
    target: str
    predicate: str


@dataclass
class GraphView:
    """What a network view draws; ``nodes`` keyed by IRI (or ``_:id``), ``edges`` between them;
    ``reserve`` and ``reserve_edges``: the next ring, for expanding nodes (not drawn)."""

    nodes: dict[str, ViewNode]
    edges: list[ViewEdge]
    property_names: dict[str, str] = field(default_factory=dict)
    title: str = "igkg explorer"
    focus: str | None = None
    reserve: dict[str, ViewNode] = field(default_factory=dict)
    reserve_edges: list[ViewEdge] = field(default_factory=list)

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


def parse_classes(values: Iterable[str]) -> list[str]:
    """Class keys from ``--classes`` values (comma-separated or repeated); unknown names fail."""
    keys = [v.strip().lower().replace(" ", "-") for value in values for v in value.split(",") if v.strip()]
    unknown = [k for k in keys if k not in CLASS_KEYS]
    if unknown:
        raise ParameterError(f"unknown class {unknown[0]!r}; use one of {', '.join(CLASS_KEYS)}")
    return list(dict.fromkeys(keys))


class _Walk:
    """Hop-by-hop neighbourhoods along the links a view draws."""

    def __init__(self, store: GraphStore, facts: Facts, concepts: bool) -> None:
        self.store, self.facts, self.concepts = store, facts, concepts

    def drawable(self, key: str) -> bool:
        types = self.facts.types.get(key, ())
        return not is_schema(types) and (self.concepts or not is_concept(types))

    def ring(self, frontier: Sequence[Node], seen: set[str]) -> list[str]:
        """The drawable nodes one hop from ``frontier`` that are not in ``seen``."""
        facts = self.facts
        describe(self.store, facts, frontier)
        reached: set[str] = set()
        for node in frontier:
            reached.update(o for _p, o in facts.links.get(node_key(node), ()))
        reached |= incoming(self.store, facts, frontier)
        new = sorted(reached - seen)
        describe(self.store, facts, (facts.terms[k] for k in new))
        return [k for k in new if self.drawable(k)]

    def around(self, focus: Node, depth: int, max_nodes: int) -> tuple[set[str], list[str]]:
        """The nodes within ``depth`` hops of ``focus``, and the ring just beyond them."""
        seen = {node_key(focus)}
        self.facts.terms[node_key(focus)] = focus
        frontier: list[Node] = [focus]
        for hop in range(depth):
            new = self.ring(frontier, seen)
            seen.update(new)
            if len(seen) > max_nodes:
                raise InputError(
                    f"the view would have more than {max_nodes} nodes at depth {hop + 1}: "
                    "lower the depth, draw fewer classes, or raise the node limit"
                )
            frontier = [self.facts.terms[k] for k in new]
            if not frontier:
                return seen, []
        describe(self.store, self.facts, frontier)
        return seen, frontier_keys(frontier)


def frontier_keys(frontier: Sequence[Node]) -> list[str]:
    return [node_key(n) for n in frontier]


def _concept_facts(facts: Facts, key: str, concept_labels: dict[str, str | None]) -> dict[str, list[str]]:
    """A node's literal facts, plus each link to a concept as a fact valued by the concept's
    label (``concept_labels``: for every node met so far, its label if it is a concept, else
    ``None``; filled in as nodes are met)."""
    literal_facts = {p: list(v) for p, v in facts.literals.get(key, {}).items()}
    out = facts.links.get(key)
    if not out:
        return literal_facts
    linked = []
    for p, o in out:
        if o not in concept_labels:
            types = facts.types.get(o, ())
            concept_labels[o] = node_look(types, o, facts.literals.get(o, {})).label if is_concept(types) else None
        label = concept_labels[o]
        if label is not None:
            linked.append((p, o, label))
    for predicate, _target, label in sorted(linked):
        values = literal_facts.setdefault(predicate, [])
        if label not in values:
            values.append(label)
    return literal_facts


def _view_nodes(store: GraphStore, facts: Facts, keys: Iterable[str], concepts: bool) -> dict[str, ViewNode]:
    keys = sorted(keys)
    containers = container_names(store, facts, keys)
    concept_labels: dict[str, str | None] = {}
    literals, types_of = facts.literals, facts.types
    nodes: dict[str, ViewNode] = {}
    for key in keys:
        node_facts = {p: list(v) for p, v in literals.get(key, {}).items()} if concepts \
            else _concept_facts(facts, key, concept_labels)
        types = types_of.get(key, [])
        look = node_look(types, key, node_facts, containers.get(key))
        nodes[key] = ViewNode(key, list(types), node_facts, look, full_name(key, node_facts, look.label))
    order = {c.key: i for i, c in enumerate(CLASSES)}
    return dict(sorted(nodes.items(), key=lambda kv: (order.get(kv[1].cls, 99), kv[1].look.label, kv[0])))


def _edges(links: dict[str, set[tuple[str, str]]], sources: Iterable[str], ends: set[str],
           touching: set[str] | None = None) -> list[ViewEdge]:
    """The links from ``sources`` to ``ends``, once each, by source, predicate and target; with
    ``touching``, only those with an end in it. Sorted source by source (each source's few
    links among themselves), not as one long list of triples."""
    edges: list[ViewEdge] = []
    for s in sorted(set(sources)):
        out = links.get(s)
        if not out:
            continue
        if touching is None or s in touching:
            found = [(p, o) for p, o in out if o in ends]
        else:
            found = [(p, o) for p, o in out if o in touching]
        found.sort()
        edges.extend(ViewEdge(s, o, p) for p, o in found)
    return edges


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, and restore it as it was. Building a view (and its
    page's data) makes a few hundred thousand small containers that all live as long as the view:
    the collector finds nothing to free among them, yet its passes over the growing heap cost a
    quarter to a third of the time, and grow faster than the view. Reference counting still frees
    everything that is dropped."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def build_view(
    store: GraphStore,
    *,
    focus: str | None = None,
    depth: int = 1,
    classes: Sequence[str] = (),
    result: GraphResult | None = None,
    title: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    concepts: bool = False,
    reserve: bool = False,
) -> GraphView:
    """The graph to draw: the whole graph, ``focus`` (a label, acronym or IRI) with every node
    within ``depth`` hops, or the triples of a CONSTRUCT ``result``; then only ``classes``.
    ``concepts`` draws scheme concepts as nodes; ``reserve`` adds the next ring (see module)."""
    if depth < 0:
        raise ParameterError(f"the depth must be 0 or more, not {depth}")
    with collector_paused():
        return _build_view(store, focus, depth, classes, result, title, max_nodes, concepts, reserve)


def _build_view(store: GraphStore, focus: str | None, depth: int, classes: Sequence[str], result: GraphResult | None,
                title: str | None, max_nodes: int, concepts: bool, reserve: bool) -> GraphView:
    wanted = parse_classes(classes)
    concepts = concepts or "concept" in wanted
    facts = Facts()
    focus_key: str | None = None
    ring: list[str] = []
    if result is not None:
        for triple in result.triples:
            facts.add(triple.subject, triple.predicate, triple.object)
        keys = set(facts.terms)
        edge_source = {k: set(v) for k, v in facts.links.items()}
        describe(store, facts, [facts.terms[k] for k in sorted(keys)])
        walk = _Walk(store, facts, concepts)
        keys = {k for k in keys if walk.drawable(k)}
    elif focus is not None:
        node = resolve_label(store, "node", focus)
        focus_key = node_key(node)
        describe(store, facts, [node])
        concepts = concepts or is_concept(facts.types.get(focus_key, ()))
        walk = _Walk(store, facts, concepts)
        keys, frontier = walk.around(node, depth, max_nodes)
        if reserve:
            ring = walk.ring([facts.terms[k] for k in frontier], keys)[:RESERVE_LIMIT] if frontier else []
        edge_source = facts.links
    else:
        facts.add_all(store.quads())
        facts.described.update(facts.terms)
        walk = _Walk(store, facts, concepts)
        # Resources described by the data, and what the data links to; not what only the
        # ontology links to (the datatypes of its ranges, the sources of its terms).
        subjects = {k for k in facts.types.keys() | facts.literals.keys() | facts.links.keys()
                    if not is_schema(facts.types.get(k, ()))}
        keys = subjects | {o for s in subjects for _p, o in facts.links.get(s, ())}
        keys = {k for k in keys if walk.drawable(k)}
        if reserve and not concepts:  # the concepts, to expand on demand
            ring = sorted(k for k in subjects if is_concept(facts.types.get(k, ())))[:RESERVE_LIMIT]
        edge_source = facts.links
    if len(keys) > max_nodes:
        raise InputError(f"the view would have {len(keys)} nodes (more than {max_nodes}): "
                         "use --focus, --classes or --max-nodes")

    nodes = _view_nodes(store, facts, keys, concepts)
    if wanted:
        nodes = {k: n for k, n in nodes.items() if n.cls in wanted or k == focus_key}
    edges = _edges(edge_source, nodes, set(nodes))
    spare = _view_nodes(store, facts, ring, True) if ring else {}
    if wanted:
        spare = {k: n for k, n in spare.items() if n.cls in wanted}
    ends = set(nodes) | set(spare)
    spare_edges = _edges(facts.links, ends, ends, touching=set(spare)) if spare else []
    predicates = {e.predicate for e in (*edges, *spare_edges)} | {p for n in nodes.values() for p in n.facts}
    view = GraphView(nodes, edges, property_names(store, predicates), focus=focus_key, reserve=spare,
                     reserve_edges=spare_edges)
    if title is not None:
        view.title = title
    elif focus_key is not None and focus_key in nodes:
        view.title = f"{nodes[focus_key].name}: neighbourhood, depth {depth}"
    return view
