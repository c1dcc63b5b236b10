"""The knowledge graph as a Python object: a store plus the named-query library.

:class:`Graph` is the core: query, validate, export, count, push. It knows nothing of the
wings (extraction, the explorer); :class:`igkg.KnowledgeGraph` adds the conveniences that
span them (``visualize``). :func:`open_graph` is the one place that decides where a graph
lives: the bundled files in memory (plus the user's files), an on-disk store, or an endpoint.

>>> from igkg.graph import open_graph
>>> graph = open_graph()
>>> rows = graph.query("citing-paragraph", instrument="Tunis Agenda", paragraph="69")
>>> [row["position"] for row in rows]
[4]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, QueryError, QueryRefused, QuerySyntaxError, ValidationFailed
from .formats.rdf_reader import RdfText, parse_files
from .limits import QueryPolicy
from .namespaces import PREFIXES, sparql_prologue
from .network.labels import label_table
from .queries.library import NamedQuery, find_query, library
from .queries.params import resolve_parameters
from .resources import bundled_graph_files
from .results import QueryResult, ResultTable
from .stores.base import GraphStore
from .stores.oxigraph import OxigraphStore

if TYPE_CHECKING:
    from .stores.endpoint import EndpointSettings
    from .stores.publish import PushReport
    from .validation import ValidationReport

__all__ = ["Graph", "Stats", "open_graph"]


@dataclass
class Stats:
    """What :meth:`Graph.stats` counts: triples, instances per class (most first), documents
    and recommendations."""

    triples: int
    classes: list[tuple[str, int]]
    documents: int
    recommendations: int

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the counts, and ``classes`` as ``{class IRI: instances}`` (most first)."""
        return {"triples": self.triples, "documents": self.documents, "recommendations": self.recommendations,
                "classes": dict(self.classes)}


_STATS_CLASSES = sparql_prologue() + """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class .
} GROUP BY ?class ORDER BY DESC(?n) ?class"""
_STATS_COUNTS = sparql_prologue() + """SELECT
  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?rec) AS ?recommendations)
WHERE {
  { ?doc a igkg:RecommendationDocument } UNION { ?rec a igkg:Recommendation }
}"""


_PREFIXED_NAME = re.compile(r"([A-Za-z][\w.-]*)?:")


def _undeclared_prefix(text: str, line: int, column: int) -> str | None:
    """The prefix of the prefixed name that ends at (or around) ``line``/``column`` when it is
    neither predeclared nor declared in ``text``."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    before = lines[line - 1][: max(0, column - 1)]
    found = list(_PREFIXED_NAME.finditer(before))
    if not found:
        return None
    prefix = found[-1].group(1) or ""
    declared = set(re.findall(r"PREFIX\s+([\w.-]*):", text, flags=re.I)) | set(PREFIXES)
    return None if prefix in declared else prefix


class Graph:
    """A graph behind a :class:`~igkg.stores.base.GraphStore`, with the named-query library."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    # -- queries --------------------------------------------------------------------------
    def named_query(self, name_or_path: str) -> NamedQuery:
        """The named query ``name`` (see ``igkg queries``) or the query in the file ``path.rq``."""
        return find_query(name_or_path)

    def run(self, query: NamedQuery, params: Mapping[str, str] | None = None) -> QueryResult:
        """Run a named (or file) query with parameter values as a person types them."""
        bindings = resolve_parameters(self.store, query, dict(params or {}))
        return self._labelled(self.store.query(query.text, bindings))

    def _labelled(self, result: QueryResult) -> QueryResult:
        """Tables find their labels in this graph when first shown (see :mod:`igkg.network.labels`)."""
        if isinstance(result, ResultTable):
            label_table(self.store, result)
        return result

    def query(self, name_or_path: str, /, **params: str) -> QueryResult:
        """Run a named query (``"citing-paragraph"``) or a query file, with parameters."""
        return self.run(find_query(name_or_path), {k: str(v) for k, v in params.items()})

    def sparql(self, text: str) -> QueryResult:
        """Run a SPARQL query; igkg's prefixes (``igkg:``, ``eli:``, ``actor:`` …) are predeclared."""
        if not text.strip():
            raise QueryError("the query is empty")
        prologue = sparql_prologue()
        try:
            return self._labelled(self.store.query(prologue + text))
        except QueryRefused as error:  # report positions in the text the user wrote
            raise error.shifted(prologue.count("\n")) from None
        except QuerySyntaxError as error:
            shifted = error.shifted(prologue.count("\n"), text)
            prefix = _undeclared_prefix(text, shifted.line, shifted.column)
            if prefix is not None:
                known = ", ".join(PREFIXES)
                raise QuerySyntaxError(f"unknown prefix {prefix}: (declare it with PREFIX {prefix}: <…>, or use "
                                       f"one of the predeclared prefixes: {known})", line=shifted.line,
                                       column=shifted.column, query=text) from None
            raise shifted from None

    @staticmethod
    def queries() -> dict[str, NamedQuery]:
        """The named-query library, by name."""
        return library()

    # -- checks, exports, publishing ------------------------------------------------------
    def validate(self, shapes: Path | None = None) -> ValidationReport:
        """Check the graph against the SHACL shapes (``ontology/shapes.ttl`` unless ``shapes``)."""
        from .validation import validate_store

        return validate_store(self.store, shapes)

    def export(self, syntax: str = "ttl") -> bytes:
        """Every triple in an RDF syntax of :mod:`igkg.formats` (``ttl``, ``nt``, ``jsonld`` …)."""
        from .formats.rdf_writer import serialize_quads

        return serialize_quads(self.store.quads(), syntax)

    def push(self, url: str, *, graph: str | None = None, replace: bool = False, protocol: str = "auto",
             query_url: str | None = None, validate: bool = True,
             settings: EndpointSettings | None = None) -> PushReport:
        """Publish the graph to a triple store in one request (see :mod:`igkg.stores.publish`),
        validated first unless ``validate=False``: a graph that does not conform is not sent
        (:class:`~igkg.errors.ValidationFailed`, carrying the report)."""
        from .stores.publish import push

        if validate:
            report = self.validate()
            if not report.conforms:
                raise ValidationFailed(
                    f"the graph does not conform to the shapes ({len(report.violations)} violations); "
                    f"nothing was pushed", report.text())
        return push(self.store, url, graph=graph, replace=replace, protocol=protocol, query_url=query_url,
                    settings=settings)

    def stats(self) -> Stats:
        """Count triples, instances per class, documents and recommendations."""
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


def open_store(
    *paths: str | Path | RdfText,
    data: Iterable[str | Path | RdfText] = (),
    bundled: bool = True,
    store: str | Path | None = None,
    endpoint: str | None = None,
    policy: QueryPolicy | None = None,
) -> GraphStore:
    """The store behind :func:`open_graph` (same arguments)."""
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
            from .stores.disk import open_store as open_disk_store

            return open_disk_store(store, policy)
        from .stores.endpoint import SparqlEndpointStore

        assert endpoint is not None
        return SparqlEndpointStore(endpoint, policy=policy)
    files: list[Path | RdfText] = [*(bundled_graph_files() if bundled else [])]
    files += [p if isinstance(p, RdfText) else Path(p) for p in (*paths, *data)]
    quads = parse_files(files)
    memory = OxigraphStore(policy=policy)
    memory.add(quads)
    return memory


def open_graph(
    *paths: str | Path | RdfText,
    data: Iterable[str | Path | RdfText] = (),
    bundled: bool = True,
    store: str | Path | None = None,
    endpoint: str | None = None,
    policy: QueryPolicy | None = None,
) -> Graph:
    """The bundled graph (ontology, concept schemes, reference data, recommendations) plus
    the user's own RDF files, in an in-memory store. Every file is parsed before anything is
    stored, so a syntax error in one leaves nothing half-loaded.

    ``store=DIR`` opens an on-disk store instead (made by ``igkg load``, see
    :mod:`igkg.stores.disk`), ``endpoint=URL`` a remote SPARQL endpoint
    (:mod:`igkg.stores.endpoint`); files are not added to either (load them into the store, or
    push them, first). ``policy`` says how queries may run (deadline, ``SERVICE`` endpoints;
    default: from the environment, see :mod:`igkg.limits`)."""
    return Graph(open_store(*paths, data=data, bundled=bundled, store=store, endpoint=endpoint, policy=policy))
