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

import pyoxigraph as ox

from .errors import InputError, ParameterError, QueryError, QueryRefused, QuerySyntaxError, ValidationFailed
from .formats.rdf_reader import RdfText
from .formats.sources import load_sources
from .limits import QueryPolicy
from .namespaces import PREFIXES, compact, sparql_prologue
from .network.labels import label_table
from .queries.library import NamedQuery, find_query, library
from .queries.params import resolve_label, resolve_parameters
from .queries.runner import run_kept, run_named
from .results import QueryResult, ResultTable
from .stores.base import GraphStore, count_triples, graph_names
from .stores.oxigraph import OxigraphStore

if TYPE_CHECKING:
    from .stores.endpoint import EndpointSettings
    from .stores.publish import PushReport
    from .stores.staging import BulkPushReport
    from .validation import ValidationReport

__all__ = ["Graph", "Stats", "open_graph"]


@dataclass
class Stats:
    """What :meth:`Graph.stats` counts: distinct triples (a triple two graphs hold counts once),
    quads (a triple once per graph holding it), named graphs, instances per class (most first),
    documents and recommendations."""

    triples: int
    classes: list[tuple[str, int]]
    documents: int
    recommendations: int
    quads: int = 0
    graphs: int = 0

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the counts, and ``classes`` as ``{class IRI: instances}`` (most first)."""
        return {"triples": self.triples, "quads": self.quads, "graphs": self.graphs, "documents": self.documents,
                "recommendations": self.recommendations, "classes": dict(self.classes)}


_STATS_CLASSES = sparql_prologue() + """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class .
} GROUP BY ?class ORDER BY DESC(?n) ?class"""
_STATS_COUNTS = sparql_prologue() + """SELECT
  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?rec) AS ?recommendations)
WHERE {
  { ?doc a igkg:RecommendationDocument } UNION { ?rec a igkg:Recommendation }
}"""


_DOCUMENT_GRAPHS = sparql_prologue() + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?doc a igkg:RecommendationDocument } }"
_OTHER_DOCUMENTS = sparql_prologue() + """ASK { GRAPH ?g { ?other a igkg:RecommendationDocument }
  FILTER(?other != ?doc) }"""


def _document_iri(store: GraphStore, text: str) -> str:
    """A recommendation document named by IRI, prefixed name, slug (``wgec-second-take``) or title."""
    candidates = [text] if ":" in text else [f"doc:{text}", text]
    for candidate in candidates:
        try:
            node = resolve_label(store, "node", candidate)
        except ParameterError:
            continue
        if store.query(_IS_DOCUMENT, {"doc": node}):
            return node.value
    raise InputError(f"{text!r} is not a recommendation document of the graph (give its IRI, doc:SLUG or title)")


_IS_DOCUMENT = sparql_prologue() + "ASK { ?doc a igkg:RecommendationDocument }"
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

    def run(self, query: NamedQuery, params: Mapping[str, str] | None = None, *, limit: int | None = None,
            offset: int = 0) -> QueryResult:
        """Run a named (or file) query with parameter values as a person types them; with
        ``limit``/``offset``, rows ``offset`` to ``offset + limit`` of its answer (the table's
        ``total`` says how many there are). On an on-disk store the answer is kept and pages are
        read from it (see :mod:`igkg.queries.runner`)."""
        bindings = resolve_parameters(self.store, query, dict(params or {}))
        return self._labelled(run_named(self.store, query, bindings, limit=limit, offset=offset))

    def warm(self) -> list[str]:
        """Build the text index and run every named query that needs no parameter, and the stats,
        so that an on-disk store keeps their answers (``igkg load --store DIR --warm``):
        afterwards they, and each page of them, are read from the kept answers in milliseconds,
        and a search goes through the index, in this process and any other. Returns the names
        run; a store that keeps nothing (memory, an endpoint) runs nothing."""
        answers = getattr(self.store, "answers", None)
        if answers is None:
            return []
        oxigraph = getattr(self.store, "oxigraph", None)
        if isinstance(oxigraph, ox.Store):
            answers.index_texts(oxigraph)
        done = []
        for query in library().values():
            if any(p.required for p in query.parameters):
                continue
            run_named(self.store, query, resolve_parameters(self.store, query, {}), limit=0)
            done.append(query.name)
        self.stats()
        return done

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
    def validate(self, shapes: Path | None = None, *, engine: str = "sparql") -> ValidationReport:
        """Check the graph against the SHACL shapes (``ontology/shapes.ttl`` unless ``shapes``);
        ``engine``: ``sparql`` (shapes compiled to SPARQL, fast) or ``pyshacl`` (the reference)."""
        from .validation import validate_store

        return validate_store(self.store, shapes, engine=engine)

    def export(self, syntax: str = "ttl") -> bytes:
        """Every triple in an RDF syntax of :mod:`igkg.formats` (``ttl``, ``nt``, ``jsonld`` …):
        N-Quads and TriG with one named graph per source, the others the union, each triple once."""
        from .formats.rdf_writer import serialize_quads

        return serialize_quads(self.store.quads(), syntax)

    def describe(self, endpoint: str | None = None) -> list[ox.Triple]:
        """The dataset's VoID + DCAT description (:mod:`igkg.dataset`): title, licence, publisher,
        version, triples per graph, classes and properties with their counts, and the SPARQL
        ``endpoint`` it is served at, if given. ``serialize_triples(kg.describe(), "ttl")`` writes it."""
        from .dataset import describe_dataset

        return describe_dataset(self.store, endpoint=endpoint)

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted (one per source: see :mod:`igkg.formats.sources`)."""
        return graph_names(self.store)

    def triple_count(self) -> int:
        """Distinct triples of the union of all graphs (``len(graph)``); a triple held by two
        graphs counts once. ``len(graph.store)`` counts quads."""
        return count_triples(self.store)

    def push(self, url: str, *, graph: str | None = None, replace: bool = False, protocol: str = "auto",
             query_url: str | None = None, validate: bool = True, strategy: str = "single",
             update_url: str | None = None, settings: EndpointSettings | None = None,
             document: str | None = None, streams: int | None = None) -> PushReport | BulkPushReport:
        """Publish the graph to a triple store, validated first unless ``validate=False``: a graph
        that does not conform is not sent (:class:`~igkg.errors.ValidationFailed`, carrying the
        report). ``strategy``: ``single`` sends everything in one request
        (:mod:`igkg.stores.publish`); ``move`` and ``versioned`` stream it into a staging graph
        and switch in one SPARQL Update (:mod:`igkg.stores.staging`; ``versioned`` is the fast one).

        With ``document`` (an IRI, prefixed name, slug or title of a recommendation document),
        only that document's graph is sent, to the graph of the same name on the server (or
        ``graph``), replacing what that graph held and nothing else. ``streams``: how many
        uploads ``move``/``versioned`` send side by side into the staging graph (default 2 on
        Oxigraph's Graph Store, 1 elsewhere; see docs/push.md)."""
        from .stores.publish import push
        from .stores.staging import STRATEGIES, GraphPart, bulk_push

        if strategy not in ("single", *STRATEGIES):
            raise InputError(f"unknown push strategy {strategy!r}; use single, {', '.join(STRATEGIES)}")
        source = None
        if document is not None:
            source = self.document_graph(document)
            graph, replace = graph or source, True

        if validate:
            report = self.validate()
            if not report.conforms:
                raise ValidationFailed(
                    f"the graph does not conform to the shapes ({len(report.violations)} violations); "
                    f"nothing was pushed", report.text())
        if strategy != "single":
            return bulk_push(self.store, url, parts=[GraphPart(target=graph, source=source)], replace=replace,
                             strategy=strategy, update_url=update_url, query_url=query_url, settings=settings,
                             streams=streams)
        return push(self.store, url, graph=graph, replace=replace, protocol=protocol, query_url=query_url,
                    settings=settings, source_graph=source)

    def document_graph(self, document: str) -> str:
        """The named graph holding a recommendation document (given by IRI, prefixed name, slug
        or title); :class:`~igkg.errors.InputError` when it is not alone in one graph."""
        iri = _document_iri(self.store, document)
        rows = self.store.query(_DOCUMENT_GRAPHS, {"doc": ox.NamedNode(iri)})
        graphs = sorted(r["g"] for r in rows) if isinstance(rows, ResultTable) else []
        if len(graphs) != 1:
            where = "no named graph" if not graphs else f"{len(graphs)} graphs ({', '.join(graphs)})"
            raise InputError(f"the document {compact(iri)} is in {where}: only a document in a graph of its own "
                             f"can be pushed alone")
        others = self.store.query(_OTHER_DOCUMENTS, {"g": ox.NamedNode(graphs[0]), "doc": ox.NamedNode(iri)})
        if others:
            raise InputError(f"the graph <{graphs[0]}> holds other documents besides {compact(iri)}: push the "
                             f"whole graph instead (without --document)")
        return str(graphs[0])

    def stats(self) -> Stats:
        """Count triples, instances per class, documents and recommendations."""
        classes = run_kept(self.store, _STATS_CLASSES)
        counts = run_kept(self.store, _STATS_COUNTS)
        assert isinstance(classes, ResultTable) and isinstance(counts, ResultTable)
        row = next(iter(counts))
        return Stats(
            triples=self.triple_count(),
            classes=[(r["class"], r["n"]) for r in classes],
            documents=row["documents"],
            recommendations=row["recommendations"],
            quads=len(self.store),
            graphs=len(self.graphs()),
        )

    def __len__(self) -> int:
        return self.triple_count()


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
    files = [p if isinstance(p, RdfText) else Path(p) for p in (*paths, *data)]
    memory = OxigraphStore(policy=policy)
    load_sources(memory.oxigraph, files, bundled=bundled)  # each source in its graph, each triple once
    memory.triples_once = True
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
