"""The short labels people read in place of IRIs ("WGEC #8", "TA ¶72(g)", "IGF"): the explorer's
labels, for any IRIs (the cells of a result table, the links of a resource page)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..results import ResultTable
from ..stores.base import GraphStore
from ..vocab import ELI, IGKG, RDF
from .facts import Facts, container_names, describe
from .style import LABEL_FACTS, full_name, node_look

__all__ = ["labels_for", "names_for", "label_table", "LABEL_LIMIT"]

#: Tables with more distinct IRIs than this keep their IRIs (one look-up per 800 IRIs).
LABEL_LIMIT = 20_000
#: What a label is made of: types, the links to wholes, a few literals (not a text, not every link).
_READ = (RDF.type.value, ELI.is_part_of.value, IGKG.preparedWithin.value, *LABEL_FACTS)


def _looks(store: GraphStore, iris: Iterable[str]) -> dict[str, tuple[str, str]]:
    keys = sorted(set(iris))[:LABEL_LIMIT]
    if not keys:
        return {}
    facts = Facts()
    describe(store, facts, [ox.NamedNode(k) for k in keys], _READ)
    containers = container_names(store, facts, keys, _READ)
    out: dict[str, tuple[str, str]] = {}
    for key in keys:
        literals = facts.literals.get(key, {})
        types = facts.types.get(key, [])
        if not literals and not types:
            continue  # nothing known about it: the IRI is its best name
        look = node_look(types, key, literals, containers.get(key))
        out[key] = (look.label, full_name(key, literals, look.label))
    return out


def labels_for(store: GraphStore, iris: Iterable[str]) -> dict[str, str]:
    """IRI → short label, for the IRIs the graph says something about."""
    return {k: label for k, (label, _name) in _looks(store, iris).items()}


def names_for(store: GraphStore, iris: Iterable[str]) -> dict[str, tuple[str, str]]:
    """IRI → (short label, full name)."""
    return _looks(store, iris)


def label_table(store: GraphStore, table: ResultTable) -> ResultTable:
    """The table, with its labels looked up in ``store`` when first shown."""
    table.label_lookup = lambda iris: labels_for(store, iris)
    return table
