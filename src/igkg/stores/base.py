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

from ..results import QueryResult, Term

__all__ = ["GraphStore"]


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
