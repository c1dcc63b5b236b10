"""The knowledge graph as a Python object: load it, query it, validate it, export it.

>>> import igkg
>>> kg = igkg.load()
>>> rows = kg.query("citing-paragraph", instrument="Tunis Agenda", paragraph="69")
>>> [row["position"] for row in rows]
[4]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, QueryError, QuerySyntaxError
from .loading import parse_files
from .namespaces import sparql_prologue
from .params import resolve_parameters
from .queries import NamedQuery, adhoc_query, find_query, library
from .resources import bundled_graph_files
from .results import QueryResult, ResultTable
from .store import GraphStore, OxigraphStore

if TYPE_CHECKING:
    from .validation import ValidationReport
    from .viz_page import ExplorerPage

__all__ = ["KnowledgeGraph", "load", "Stats"]


@dataclass
class Stats:
    triples: int
    classes: list[tuple[str, int]]
    documents: int
    recommendations: int


_STATS_CLASSES = sparql_prologue() + """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class .
} GROUP BY ?class ORDER BY DESC(?n) ?class"""
_STATS_COUNTS = sparql_prologue() + """SELECT
  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?rec) AS ?recommendations)
WHERE {
  { ?doc a igkg:RecommendationDocument } UNION { ?rec a igkg:Recommendation }
}"""


class KnowledgeGraph:
    """A graph behind a :class:`~igkg.store.GraphStore`, with the named-query library."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    # -- queries --------------------------------------------------------------------------
    def named_query(self, name_or_path: str) -> NamedQuery:
        return find_query(name_or_path)

    def run(self, query: NamedQuery, params: Mapping[str, str] | None = None) -> QueryResult:
        """Run a named (or ad-hoc) query with parameter values as a person types them."""
        bindings = resolve_parameters(self.store, query, dict(params or {}))
        return self.store.query(query.text, bindings)

    def query(self, name_or_path: str, /, **params: str) -> QueryResult:
        """Run a named query (``"citing-paragraph"``) or a query file, with parameters."""
        return self.run(find_query(name_or_path), {k: str(v) for k, v in params.items()})

    def sparql(self, text: str) -> QueryResult:
        """Run a SPARQL query; igkg's prefixes (``igkg:``, ``eli:``, ``actor:`` …) are predeclared."""
        if not text.strip():
            raise QueryError("the query is empty")
        prologue = sparql_prologue()
        try:
            return self.store.query(prologue + text)
        except QuerySyntaxError as error:  # report positions in the text the user wrote
            raise error.shifted(prologue.count("\n")) from None

    @staticmethod
    def queries() -> dict[str, NamedQuery]:
        return library()

    # -- checks and exports ---------------------------------------------------------------
    def validate(self, shapes: Path | None = None) -> ValidationReport:
        from .validation import validate_store

        return validate_store(self.store, shapes)

    def export(self, syntax: str = "ttl") -> bytes:
        from .export import serialize_store

        return serialize_store(self.store, syntax)

    def visualize(self, focus: str | None = None, *, depth: int = 1, classes: Iterable[str] = (),
                  query: str | None = None, params: Mapping[str, str] | None = None,
                  physics: bool | None = None, title: str | None = None) -> ExplorerPage:
        """The graph explorer page (whole graph, ``focus`` + ``depth``, or a CONSTRUCT ``query``);
        displays inline in Jupyter, ``.save("graph.html")`` writes it. See docs/viz.md."""
        from .viz_page import explorer_page

        return explorer_page(self, focus=focus, depth=depth, classes=list(classes), query=query,
                             params=params, physics=physics, title=title)

    def stats(self) -> Stats:
        classes = self.store.query(_STATS_CLASSES)
        counts = self.store.query(_STATS_COUNTS)
        assert isinstance(classes, ResultTable) and isinstance(counts, ResultTable)
        row = next(iter(counts))
        return Stats(
            triples=len(self.store),
            classes=[(r["class"], r["n"]) for r in classes],
            documents=row["documents"],
            recommendations=row["recommendations"],
        )

    def __len__(self) -> int:
        return len(self.store)


def load(
    *paths: str | Path,
    data: Iterable[str | Path] = (),
    bundled: bool = True,
    store: str | Path | None = None,
    endpoint: str | None = None,
) -> KnowledgeGraph:
    """The bundled graph (ontology, concept schemes, reference data, recommendations) plus
    the user's own RDF files, in an in-memory store. Every file is parsed before anything is
    stored, so a syntax error in one leaves nothing half-loaded.

    ``store=DIR`` opens an on-disk store instead (made by ``igkg load``, see
    :mod:`igkg.persistent`), ``endpoint=URL`` a remote SPARQL endpoint (:mod:`igkg.endpoint`);
    files are not added to either (load them into the store, or push them, first)."""
    if store is not None or endpoint is not None:
        data = list(data)
        if store is not None and endpoint is not None:
            raise InputError("give a store or an endpoint, not both")
        if paths or data:
            raise InputError(
                "extra RDF files cannot be added to a store or endpoint graph: load them into the "
                "store first (igkg load FILE --store DIR) or push them to the endpoint (igkg push)"
            )
        if store is not None:
            from .persistent import open_store

            return KnowledgeGraph(open_store(store))
        from .endpoint import SparqlEndpointStore

        assert endpoint is not None
        return KnowledgeGraph(SparqlEndpointStore(endpoint))
    files = (bundled_graph_files() if bundled else []) + [Path(p) for p in (*paths, *data)]
    quads = parse_files(files)
    memory = OxigraphStore()
    memory.add(quads)
    return KnowledgeGraph(memory)


__all__ += ["adhoc_query"]
