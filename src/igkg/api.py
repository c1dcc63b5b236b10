"""The public Python API: :func:`load`, :func:`extract` and :class:`KnowledgeGraph`.

This layer sits above the core and the wings: it is where a convenience that spans them
lives (``kg.visualize()`` draws with the explorer wing; :func:`extract` runs the extraction
wing), so that the core's :class:`~igkg.graph.Graph` imports no wing. Wings are imported when
first used, never when ``igkg`` is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .formats.rdf_reader import RdfText, parse_files
from .graph import Graph, open_store
from .limits import QueryPolicy
from .queries.params import resolve_label
from .resources import bundled_graph_files
from .results import GraphResult, QueryResult

if TYPE_CHECKING:
    from .drafts.compare import Diff
    from .explorer.page import ExplorerPage
    from .extractor.attach import AttachedText
    from .extractor.document import ExtractedDocument

__all__ = ["KnowledgeGraph", "GraphSource", "load", "extract", "diff", "record_revision"]


class KnowledgeGraph(Graph):
    """The knowledge graph: named queries, SPARQL, validation, export, push
    (see :class:`~igkg.graph.Graph`), and the explorer page (:meth:`visualize`).

    >>> import igkg
    >>> kg = igkg.load()
    >>> len(kg.query("recommendations"))
    14
    """

    def _labelled(self, result: QueryResult) -> QueryResult:
        """Tables find their labels in this graph; CONSTRUCT results draw as a small explorer."""
        result = super()._labelled(result)
        if isinstance(result, GraphResult):
            result.drawing = self._draw_result
        return result

    def _draw_result(self, result: GraphResult) -> str:
        from .explorer.page import ExplorerPage
        from .network.view import build_view

        view = build_view(self.store, result=result, title=f"{len(result)} triples")
        page = ExplorerPage.from_view(view)
        page.height = 420
        return page._repr_html_()

    def visualize(self, focus: str | None = None, *, depth: int = 1, classes: Iterable[str] = (),
                  query: str | None = None, params: Mapping[str, str] | None = None,
                  physics: bool | None = None, title: str | None = None) -> ExplorerPage:
        """The graph explorer page (whole graph, ``focus`` + ``depth``, or a CONSTRUCT ``query``);
        displays inline in Jupyter, ``.save("graph.html")`` writes it. See docs/viz.md."""
        from .explorer.page import explorer_page

        return explorer_page(self, focus=focus, depth=depth, classes=list(classes), query=query,
                             params=params, physics=physics, title=title)


def load(
    *paths: str | Path | RdfText,
    data: Iterable[str | Path | RdfText] = (),
    bundled: bool = True,
    store: str | Path | None = None,
    endpoint: str | None = None,
    policy: QueryPolicy | None = None,
) -> KnowledgeGraph:
    """The bundled graph (ontology, concept schemes, reference data, recommendations) plus
    the user's own RDF files (``paths``, ``data``: paths, or :class:`~igkg.formats.rdf_reader.RdfText`
    for RDF that is not in a file), in memory; or an on-disk store
    (``store=DIR``, made by ``igkg load``), or a remote SPARQL endpoint (``endpoint=URL``).

    Every file is parsed before anything is stored, so a syntax error in one leaves nothing
    half-loaded (:class:`~igkg.errors.ParseError` with file, line and column). Files cannot be
    added to a store or an endpoint (:class:`~igkg.errors.InputError`): load them into the
    store, or push them, first. ``policy`` (:class:`igkg.limits.QueryPolicy`) gives queries a
    deadline and the endpoints ``SERVICE`` may call (default: from the environment).
    """
    return KnowledgeGraph(open_store(*paths, data=data, bundled=bundled, store=store, endpoint=endpoint,
                                     policy=policy))


@dataclass(frozen=True)
class GraphSource:
    """Where a graph comes from: the bundled graph plus ``data`` files, or an on-disk ``store``,
    or a remote ``endpoint`` (the command line's ``--data`` / ``--store`` / ``--endpoint``)."""

    data: tuple[Path | RdfText, ...] = ()
    store: Path | None = None
    endpoint: str | None = None
    policy: QueryPolicy | None = None

    def with_files(self, files: Iterable[Path | RdfText]) -> GraphSource:
        """The same source with more files to add to the bundled graph."""
        return GraphSource((*self.data, *files), self.store, self.endpoint, self.policy)

    def open(self) -> KnowledgeGraph:
        """Load the graph (see :func:`load`; files cannot be added to a store or endpoint)."""
        return load(data=self.data, store=self.store, endpoint=self.endpoint, policy=self.policy)


def extract(
    path: str | Path | None = None,
    *,
    text: str | None = None,
    graph: Graph | None = None,
    name: str | None = None,
    slug: str | None = None,
    status: str = "draft",
) -> ExtractedDocument:
    """Extract the recommendations of a file (``path=``) or a string (``text=``) as a
    recommendation document: operative verbs, addressees, mentions, cited paragraphs, each
    with the words it was read from. See :func:`igkg.extractor.extract` and docs/extract.md.

    >>> import igkg
    >>> doc = igkg.extract(text="Draft\\n\\n1. Encourages the IGF to act on paragraph 72(g) of the Tunis Agenda.\\n")
    >>> [a["label"] for a in doc.to_dict()["recommendations"][0]["actions"]]
    ['encourages']
    """
    from .extractor import extract as extract_document

    return extract_document(path, text=text, graph=graph, name=name, slug=slug, status=status)


def attach_text(
    path: str | Path,
    instrument: str,
    *,
    graph: Graph | None = None,
    into: str | Path | None = None,
    only_known: bool = False,
    read_on: date | None = None,
) -> AttachedText:
    """Read a user's copy of an instrument (PDF, Word, web page or text) and match its numbered
    paragraphs and sub-items to the instrument's paragraph nodes in ``graph`` (default: the
    bundled graph); ``instrument`` is its label, acronym, symbol or IRI. With ``into=FOLDER``
    the words are written to ``FOLDER/<instrument>-text.ttl``, a named graph of their own
    (``…/graph/text/<instrument>``, an ``igkg:TextCopy`` with the file's name, SHA-256 and
    date), to be read with ``load(data=[...])``. A text whose numbering does not fit raises
    :class:`~igkg.errors.TextMismatch` (one line per problem) and writes nothing. See
    docs/attach-text.md.
    """
    from .extractor.attach import attach_text as attach
    from .extractor.attach import write_text_copy

    attached = attach(path, instrument, graph if graph is not None else load(), read_on=read_on,
                      only_known=only_known)
    if into is not None:
        write_text_copy(attached, Path(into))
    return attached


def diff(old: str | Path, new: str | Path, *, graph: Graph | None = None) -> Diff:
    """Compare two versions of a recommendation text: each a file of any format
    :func:`extract` reads, or a document already in ``graph`` (its IRI, prefixed name or
    label). Units are aligned by content; see :mod:`igkg.drafts` and docs/diff.md.

    >>> import igkg
    >>> d = igkg.diff("data/sources/seed-wgec-second-take.txt", "doc:wgec-second-take")
    >>> d.summary["unchanged"], d.differs
    (14, False)
    """
    from .drafts.compare import compare
    from .drafts.units import read_side
    from .stores.oxigraph import OxigraphStore

    kg = graph if graph is not None else load()
    sides: list[tuple[str, str | None]] = []  # (what the user named, the document IRI when in the graph)
    extracted: list[list[ox.Triple]] = []
    for which, item in (("old", old), ("new", new)):
        path = Path(item)
        if str(item) == "-" or path.is_file() or path.suffix.lower() in _TEXT_SUFFIXES:
            document = extract(path, graph=kg, slug=f"{_slug(path)}-{which}-version")
            extracted.append(document.to_graph())
            sides.append((str(item), document.iri))
        else:
            sides.append((str(item), None))
    files_store = None
    if extracted:
        files_store = OxigraphStore()
        files_store.add(parse_files(bundled_graph_files()))
        files_store.add(ox.Quad(t.subject, t.predicate, t.object) for triples in extracted for t in triples)
    read = []
    for named, iri in sides:
        if iri is not None:
            assert files_store is not None
            side = read_side(files_store, iri)
            side.document = named
        else:
            node = resolve_label(kg.store, "node", named)
            side = read_side(kg.store, node.value)
        read.append(side)
    return compare(read[0], read[1])


_TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm", ".xhtml"})


def record_revision(document: ExtractedDocument, previous: str, *, graph: Graph | None = None,
                    label: str | None = None, when: date | None = None) -> Diff:
    """Record the extracted ``document`` as a later version of ``previous`` (a document in
    ``graph``: IRI, prefixed name or label): its RDF gains ``prov:wasRevisionOf``, the version
    label and date, and one ``igkg:UnitChange`` per changed unit (docs/diff.md). Returns the diff."""
    from .drafts.compare import compare
    from .drafts.history import revision_triples
    from .drafts.units import read_side
    from .stores.oxigraph import OxigraphStore

    kg = graph if graph is not None else load()
    old = read_side(kg.store, resolve_label(kg.store, "node", previous).value)
    temporary = OxigraphStore()
    temporary.add(parse_files(bundled_graph_files()))
    temporary.add(ox.Quad(t.subject, t.predicate, t.object) for t in document.to_graph())
    result = compare(old, read_side(temporary, document.iri))
    document.extra_triples.extend(revision_triples(result, old.document, document.iri, label=label, when=when))
    return result


def _slug(path: Path) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in path.stem.lower()).strip("-")
    return stem[:40] or "text"
