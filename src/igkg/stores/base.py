"""The one small interface the graph lives behind.

Three places a graph can live share :class:`GraphStore`: in memory and on disk
(:class:`~igkg.stores.oxigraph.OxigraphStore`), and a remote SPARQL endpoint
(:class:`~igkg.stores.endpoint.SparqlEndpointStore`). Everything else in igkg (named queries,
validation, export, the explorer) talks to this interface.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol, runtime_checkable

import pyoxigraph as ox

from ..results import QueryResult, ResultTable, Term

__all__ = ["GraphStore", "count_triples", "graph_names"]


@runtime_checkable
class GraphStore(Protocol):
    """What igkg needs from a place that holds a graph."""

    #: A short human description ("memory", "store ./kg", "endpoint http://…/query").
    location: str

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` maps variable names to RDF terms."""
        ...

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad (for export, validation and network analysis)."""
        ...

    def __len__(self) -> int: ...


_DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"


def count_triples(store: GraphStore) -> int:
    """The distinct triples of the store's default graph, the union of its graphs: a triple held
    by two graphs counts once (``len(store)`` counts the quads, once per graph). A store whose
    ``triples_once`` is true (a graph read into memory, where each triple is kept once) is
    counted without a query."""
    if getattr(store, "triples_once", False):
        return len(store)
    result = store.query(_DISTINCT)
    rows = list(result) if isinstance(result, ResultTable) else []
    value = rows[0]["n"] if rows else 0
    return value if isinstance(value, int) else 0


def graph_names(store: GraphStore) -> list[str]:
    """The IRIs of the store's named graphs, sorted."""
    result = store.query(_GRAPHS)
    if not isinstance(result, ResultTable):
        return []
    return sorted(row["g"] for row in result if isinstance(row["g"], str))
