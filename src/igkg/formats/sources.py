"""Which named graph each source's triples go into (docs/graphs.md).

Every source has a graph of its own, so that ontology, concept schemes, each reference-data file
and each recommendation document can be told apart, exported with their names (N-Quads, TriG)
and replaced one by one on a server (``igkg push --document``):

* a bundled file: the graph named for its path, ``ontology/schemes.ttl`` →
  ``…/graph/ontology/schemes`` (in the ``graph/`` namespace of :mod:`igkg.namespaces`),
  ``data/actors/organizations.ttl`` →
  ``…/graph/data/actors/organizations``; a file holding one recommendation document (the seed)
  goes into that document's graph, ``…/graph/doc/<slug>``;
* a user's file: TriG and N-Quads keep their graph names; the triples of a file's default graph
  (all of them in Turtle, N-Triples, JSON-LD, RDF/XML) go into the graph of the one
  recommendation document they hold (``…/graph/doc/<slug>``), or of the one text copy they hold
  (``igkg attach-text`` written as Turtle: ``…/graph/text/<instrument>``), else into a graph
  named for the file, ``…/graph/file/<file name>``.

Queries read the union of all graphs. Oxigraph 0.5 reads a triple held by two graphs twice in
that union (its issue 1919), so when files are read into memory (:func:`read_sources`, and
:func:`load_sources`, which gives the same quads at Oxigraph's speed) a triple is kept once, in
the first graph that states it: the bundled graphs first, then the user's files in the order given.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..errors import InputError, ParseError
from ..limits import InputLimits
from ..namespaces import bundled_graph_iri, document_graph, file_graph
from ..resources import bundle_root, bundled_graph_files
from ..vocab import IGKG, RDF
from .guard import GuardedReader
from .rdf_reader import RdfText, load_file, parse_error, parse_file
from .registry import RdfSyntax, syntax_for_path

__all__ = ["bundled_sources", "graph_for_file", "graph_for_triples", "load_sources", "place", "read_sources",
           "source_name", "triples_once"]


def bundled_sources() -> list[tuple[Path, ox.NamedNode]]:
    """Every bundled file with the graph it goes into when it holds no single document."""
    root = bundle_root()
    return [(path, bundled_graph_iri(path.relative_to(root).as_posix())) for path in bundled_graph_files()]


def source_name(source: Path | RdfText) -> str:
    """The file name a user's source is known by (``stdin`` for standard input)."""
    if isinstance(source, RdfText):
        return source.name.strip("<>") or "stdin"
    return source.name


def graph_for_triples(quads: Sequence[ox.Quad], fallback: ox.NamedNode) -> ox.NamedNode:
    """The graph for the default-graph triples of one file: the one recommendation document's
    graph, or the one text copy's, else ``fallback``."""
    documents: set[str] = set()
    copies: set[str] = set()
    for quad in quads:
        if quad.predicate == RDF.type and isinstance(quad.graph_name, ox.DefaultGraph) \
                and isinstance(quad.subject, ox.NamedNode):
            if quad.object == IGKG.RecommendationDocument:
                documents.add(quad.subject.value)
            elif quad.object == IGKG.TextCopy:
                copies.add(quad.subject.value)
    if len(documents) == 1 and not copies:
        return document_graph(next(iter(documents)))
    if len(copies) == 1 and not documents:
        return ox.NamedNode(next(iter(copies)))
    return fallback


def place(quads: Iterable[ox.Quad], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The quads with those of the default graph moved into ``graph``; named graphs kept."""
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, graph)
        else:
            yield quad


def _parsed(source: Path | RdfText) -> list[ox.Quad]:
    return source.parse() if isinstance(source, RdfText) else parse_file(source)


def triples_once(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads, without those whose triple an earlier quad (of any graph) already gave."""
    seen: set[ox.Triple] = set()
    for quad in quads:
        triple = quad.triple
        if triple not in seen:
            seen.add(triple)
            yield quad


def read_sources(files: Iterable[Path | RdfText] = (), *, bundled: bool = True) -> list[ox.Quad]:
    """Parse the bundled files (unless ``bundled=False``) and ``files``, each into its graph,
    every triple kept once (in the first graph stating it). Raises on the first file that
    fails, before anything is stored."""
    placed: list[ox.Quad] = []
    for path, graph in bundled_sources() if bundled else []:
        quads = parse_file(path)
        placed.extend(place(quads, graph_for_triples(quads, graph)))
    for source in files:
        quads = _parsed(source)
        placed.extend(place(quads, graph_for_triples(quads, file_graph(source_name(source)))))
    return list(triples_once(placed))


_MARKERS = (b"RecommendationDocument", b"TextCopy")


def _mentions_a_holder(path: Path) -> bool:
    """Whether the file's bytes name either class at all (most large files do not: no parse)."""
    tail = b""
    with path.open("rb") as raw:
        while chunk := raw.read(1 << 20):
            window = tail + chunk
            if any(marker in window for marker in _MARKERS):
                return True
            tail = window[-32:]
    return False


def graph_for_file(path: Path, limits: InputLimits | None = None) -> ox.NamedNode:
    """:func:`graph_for_triples` for a file read as a stream (``igkg load``: the file is not held
    in memory; reading stops at a second document). A syntax error is raised as the load would."""
    fallback = file_graph(path.name)
    try:
        if not path.is_file() or not _mentions_a_holder(path):  # a named pipe is read once, by the load
            return fallback
        with path.open("rb") as raw:
            return _holder_graph(raw, syntax_for_path(path), fallback, path=path, base_iri=path.resolve().as_uri(),
                                 limits=limits)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def _holder_graph(raw: IO[bytes], syntax: RdfSyntax, fallback: ox.NamedNode, *, path: str | Path | None,
                  base_iri: str | None, limits: InputLimits | None) -> ox.NamedNode:
    holders: dict[ox.NamedNode, set[str]] = {IGKG.RecommendationDocument: set(), IGKG.TextCopy: set()}
    try:
        reader = GuardedReader(raw, syntax, path=path, limits=limits or InputLimits.from_environment())
        for quad in ox.parse(input=reader, format=syntax.oxigraph, base_iri=base_iri):
            if quad.predicate == RDF.type and quad.object in holders \
                    and isinstance(quad.graph_name, ox.DefaultGraph) and isinstance(quad.subject, ox.NamedNode):
                holders[quad.object].add(quad.subject.value)
                if sum(len(found) for found in holders.values()) > 1:
                    return fallback
    except SyntaxError as error:
        raise parse_error(error, path) from None
    except UnicodeDecodeError as error:
        raise ParseError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path) from None
    documents, copies = holders[IGKG.RecommendationDocument], holders[IGKG.TextCopy]
    if documents:
        return document_graph(next(iter(documents)))
    if copies:
        return ox.NamedNode(next(iter(copies)))
    return fallback


def _graph_for_text(text: RdfText) -> ox.NamedNode:
    fallback = file_graph(source_name(text))
    if not any(marker in text.data for marker in _MARKERS):
        return fallback
    return _holder_graph(io.BytesIO(text.data), text.chosen_syntax, fallback, path=text.name, base_iri=None,
                         limits=None)


#: Syntaxes without graph names: all of a file's triples go into one graph.
_TRIPLE_SYNTAXES = frozenset({"ttl", "nt", "xml"})
#: Up to this many quads already in the store, repeats are looked for from the store's side.
_FEW = 50_000


def load_sources(store: ox.Store, files: Iterable[Path | RdfText] = (), *, bundled: bool = True) -> None:
    """Load the bundled files (unless ``bundled=False``) and ``files`` into ``store``: the same
    quads as :func:`read_sources` gives (each source in its graph, every triple kept once, in the
    first graph stating it), but a file of triples (Turtle, N-Triples, RDF/XML) is parsed and
    stored by Oxigraph itself (:func:`~igkg.formats.rdf_reader.load_file`, through the guard), with
    no Python object per triple; its triples already in an earlier graph are then removed from its
    graph, looked up from the smaller side. TriG, N-Quads and JSON-LD (graph names of their own) are
    read as :func:`read_sources` reads them. Raises on the first file that fails."""
    if bundled:
        store.extend(read_sources(bundled=True))  # 4.5k triples in 30 files: 25 ms
    for source in files:
        syntax = source.chosen_syntax if isinstance(source, RdfText) else syntax_for_path(source)
        if syntax.name not in _TRIPLE_SYNTAXES:
            quads = _parsed(source)
            placed = place(quads, graph_for_triples(quads, file_graph(source_name(source))))
            store.extend([quad for quad in triples_once(placed) if not _stated(store, quad.triple)])
            continue
        before, earlier = len(store), list(store.named_graphs())
        if isinstance(source, RdfText):
            graph = _graph_for_text(source)
            source.load_into(store, graph)
        else:
            graph = graph_for_file(source)
            load_file(store, source, graph)
        _drop_repeats(store, graph, [g for g in earlier if g != graph], before)
        if graph not in earlier and next(iter(store.quads_for_pattern(None, None, None, graph)), None) is None:
            store.remove_graph(graph)  # every triple was stated before: no graph, as read_sources gives none


def _stated(store: ox.Store, triple: ox.Triple) -> bool:
    return next(iter(store.quads_for_pattern(triple.subject, triple.predicate, triple.object)), None) is not None


def _drop_repeats(store: ox.Store, graph: ox.NamedNode, others: list[ox.NamedNode | ox.BlankNode],
                  before: int) -> None:
    """Remove from ``graph`` (just loaded) the triples the ``others`` (the graphs before it) hold.
    Every triple was in one graph before the load, so a triple in ``graph`` and another is new."""
    if not others:
        return
    if before <= _FEW or before <= len(store) - before:  # the earlier quads are fewer: look each up
        repeats = [quad for other in others for found in store.quads_for_pattern(None, None, None, other)
                   if (quad := ox.Quad(found.subject, found.predicate, found.object, graph)) in store]
    else:  # the new quads are fewer: look each up in the other graphs
        repeats = [found for found in store.quads_for_pattern(None, None, None, graph)
                   if any(q.graph_name != graph for q in store.quads_for_pattern(found.subject, found.predicate,
                                                                                  found.object))]
    for quad in repeats:
        store.remove(quad)
