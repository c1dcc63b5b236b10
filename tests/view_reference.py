"""The explorer's view builder as it was before issue 13 (the quadratic-ish one), kept as the
reference that ``tests/test_view_builder.py`` compares the linear builder against: the same store
must give the same nodes (keys, types, facts, looks, names, in the same order), the same edges in
the same order, the same reserve ring and property names. Only the parts that gather and assemble
are copied; the store queries (``describe``, ``incoming``, ``property_names``) and the pure style
functions are igkg's own, shared by both.
"""

# ruff: noqa
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from igkg.errors import InputError, ParameterError
from igkg.network.facts import Node, describe, incoming, node_key, property_names, _IS_PART_OF, _PREPARED_WITHIN, _ACRONYM
from igkg.network.style import CLASSES, full_name, is_concept, is_schema, node_look, short_name
from igkg.network.view import GraphView, ViewEdge, ViewNode, parse_classes, DEFAULT_MAX_NODES, RESERVE_LIMIT
from igkg.queries.params import resolve_label
from igkg.results import GraphResult
from igkg.stores.base import GraphStore
from igkg.vocab import RDF

RDF_TYPE = RDF.type.value


class Facts:  # the old one, as it was
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
        s = node_key(subject)
        self.terms.setdefault(s, subject)
        if isinstance(obj, ox.Literal):
            values = self.literals[s][predicate.value]
            if obj.value not in values:
                values.append(obj.value)
        elif predicate.value == RDF_TYPE:
            if isinstance(obj, ox.NamedNode) and obj.value not in self.types[s]:
                self.types[s].append(obj.value)
        elif isinstance(obj, ox.NamedNode | ox.BlankNode):
            o = node_key(obj)
            self.terms.setdefault(o, obj)
            self.links[s].add((predicate.value, o))

    def first_link(self, key: str, predicate: str) -> str | None:
        targets = sorted(o for p, o in self.links.get(key, ()) if p == predicate)
        return targets[0] if targets else None



def container_names(store: GraphStore, facts: Facts, keys: Iterable[str]) -> dict[str, str]:
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
                describe(store, facts, [facts.terms[parent]])
            chain.add(parent)
            current = parent
        if current != key:
            tops[key] = current
    names: dict[str, str] = {}
    for top in set(tops.values()):
        body = facts.first_link(top, _PREPARED_WITHIN)
        acronym = None
        if body is not None:
            describe(store, facts, [facts.terms[body]])
            acronym = next(iter(sorted(facts.literals.get(body, {}).get(_ACRONYM, []))), None)
        names[top] = short_name(top, facts.literals.get(top, {}), acronym)
    return {key: names[top] for key, top in tops.items()}


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


def _concept_facts(facts: Facts, key: str) -> dict[str, list[str]]:
    """A node's literal facts, plus each link to a concept as a fact valued by the concept's label."""
    literal_facts = {p: list(v) for p, v in facts.literals.get(key, {}).items()}
    for predicate, target in sorted(facts.links.get(key, ())):
        if is_concept(facts.types.get(target, ())):
            look = node_look(facts.types.get(target, []), target, facts.literals.get(target, {}))
            values = literal_facts.setdefault(predicate, [])
            if look.label not in values:
                values.append(look.label)
    return literal_facts


def _view_nodes(store: GraphStore, facts: Facts, keys: Iterable[str], concepts: bool) -> dict[str, ViewNode]:
    keys = sorted(keys)
    containers = container_names(store, facts, keys)
    nodes: dict[str, ViewNode] = {}
    for key in keys:
        node_facts = {p: list(v) for p, v in facts.literals.get(key, {}).items()} if concepts \
            else _concept_facts(facts, key)
        types = facts.types.get(key, [])
        look = node_look(types, key, node_facts, containers.get(key))
        nodes[key] = ViewNode(key, list(types), node_facts, look, full_name(key, node_facts, look.label))
    order = {c.key: i for i, c in enumerate(CLASSES)}
    return dict(sorted(nodes.items(), key=lambda kv: (order.get(kv[1].cls, 99), kv[1].look.label, kv[0])))


def _edges(links: dict[str, set[tuple[str, str]]], sources: Iterable[str], ends: set[str]) -> list[ViewEdge]:
    return sorted({ViewEdge(s, o, p) for s in sources for p, o in links.get(s, ()) if o in ends},
                  key=lambda e: (e.source, e.predicate, e.target))


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
        for quad in store.quads():
            facts.add(quad.subject, quad.predicate, quad.object)
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
    spare_edges = [e for e in _edges(facts.links, ends, ends) if e.source in spare or e.target in spare]
    predicates = {e.predicate for e in (*edges, *spare_edges)} | {p for n in nodes.values() for p in n.facts}
    view = GraphView(nodes, edges, property_names(store, predicates), focus=focus_key, reserve=spare,
                     reserve_edges=spare_edges)
    if title is not None:
        view.title = title
    elif focus_key is not None and focus_key in nodes:
        view.title = f"{nodes[focus_key].name}: neighbourhood, depth {depth}"
    return view
