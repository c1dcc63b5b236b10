"""What a resource page shows about one IRI: its name and short label, types, literal properties,
links out and in (each with the other end's label), the recommendation text with the words its
links were read from (evidence spans), and the paragraphs it cites with their subjects.

Every query binds the IRI as a term (a VALUES block), never as text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import compact
from ..network.facts import property_names
from ..network.labels import names_for
from ..results import GraphResult, ResultTable
from ..stores.oxigraph import OxigraphStore
from ..vocab import IGKG, RDF
from .engine import Limits, run_sync

__all__ = ["Resource", "Link", "describe_resource", "resource_triples", "highlight"]

_OUT = "SELECT ?p ?o WHERE { ?s ?p ?o }"
_IN = "SELECT ?s ?p WHERE { ?s ?p ?o FILTER(!isLiteral(?s)) }"
_SPANS = """SELECT DISTINCT ?exact ?why WHERE {
  { ?r igkg:hasAction/igkg:verbAsWritten ?exact BIND("operative verb" AS ?why) }
  UNION { ?r igkg:qualifiedCitation/igkg:asWritten ?exact BIND("citation as written" AS ?why) }
  UNION { ?r igkg:hasAction?/^rdf:subject/^oa:hasBody ?note .
          ?note oa:hasTarget/oa:hasSelector/oa:exact ?exact ; oa:hasBody/rdf:predicate ?p .
          ?p rdfs:label ?why }
}"""
_CITED = """SELECT DISTINCT ?paragraph ?subject ?words WHERE {
  ?r eli:cites ?paragraph . OPTIONAL { ?paragraph igkg:subjectSummary ?subject }
  OPTIONAL { ?paragraph igkg:provisionText ?words }
}"""
#: The words of a paragraph or sub-item from a copy the user attached (igkg attach-text), with
#: the copy's file and date when the graph has the copy.
_WORDS = """SELECT ?words ?file ?date WHERE {
  ?s igkg:provisionText ?words .
  OPTIONAL { ?s eli:is_part_of+ ?instrument . ?copy a igkg:TextCopy ; igkg:copyOf ?instrument ;
             igkg:sourceFile ?file . OPTIONAL { ?copy dcterms:created ?date } }
} ORDER BY ?file"""
_LIMITS = Limits(timeout=10.0, row_cap=5_000)


@dataclass
class Link:
    relation: str
    predicate: str
    iri: str
    label: str
    name: str


@dataclass
class Resource:
    iri: str
    label: str
    name: str
    types: list[Link] = field(default_factory=list)
    properties: list[tuple[str, list[str]]] = field(default_factory=list)
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    text: str | None = None
    spans: list[tuple[str, str]] = field(default_factory=list)
    cited: list[tuple[Link, str, str]] = field(default_factory=list)  # paragraph, subject, words
    words: list[tuple[str, str]] = field(default_factory=list)  # attached words, where they are from

    @property
    def known(self) -> bool:
        return bool(self.types or self.properties or self.outgoing or self.incoming)


def _table(store: OxigraphStore, query: str, iri: ox.NamedNode, var: str) -> ResultTable:
    outcome = run_sync(store, query, {var: iri}, limits=_LIMITS)
    assert isinstance(outcome.result, ResultTable)
    return outcome.result


def describe_resource(store: OxigraphStore, iri: str) -> Resource:
    node = ox.NamedNode(iri)
    out = _table(store, _OUT, node, "s")
    inc = _table(store, _IN, node, "o")
    iris = {iri} | {t.value for row in out.rows for t in row if isinstance(t, ox.NamedNode)}
    iris |= {t.value for row in inc.rows for t in row if isinstance(t, ox.NamedNode)}
    names = names_for(store, iris)
    relations = property_names(store, {t.value for row in (*out.rows, *inc.rows) for t in row[-1:]
                                       if isinstance(t, ox.NamedNode)} |
                               {t.value for row in out.rows for t in row[:1] if isinstance(t, ox.NamedNode)})

    def link(predicate: str, other: str) -> Link:
        label, name = names.get(other, (compact(other, for_display=True), other))
        return Link(relations.get(predicate) or compact(predicate), predicate, other, label, name)

    label, name = names.get(iri, (compact(iri, for_display=True), iri))
    resource = Resource(iri, label, name)
    literals: dict[str, list[str]] = {}
    for p, o in out.rows:
        assert isinstance(p, ox.NamedNode)
        if isinstance(o, ox.Literal) and p == IGKG.provisionText:
            continue  # shown as the words, below
        if isinstance(o, ox.Literal):
            literals.setdefault(p.value, []).append(o.value)
            if p == IGKG.text:
                resource.text = o.value
        elif p == RDF.type and isinstance(o, ox.NamedNode):
            resource.types.append(link(p.value, o.value))
        elif isinstance(o, ox.NamedNode | ox.BlankNode):
            resource.outgoing.append(link(p.value, o.value if isinstance(o, ox.NamedNode) else f"_:{o.value}"))
    resource.properties = sorted(((relations.get(p) or compact(p), v) for p, v in literals.items()))
    for s, p in inc.rows:
        assert isinstance(p, ox.NamedNode)
        key = s.value if isinstance(s, ox.NamedNode) else f"_:{s.value}"  # type: ignore[union-attr]
        resource.incoming.append(link(p.value, key))
    resource.outgoing.sort(key=lambda x: (x.relation, x.label))
    resource.incoming.sort(key=lambda x: (x.relation, x.label))
    if any(p == IGKG.provisionText for p, _o in out.rows):
        resource.words = _words(store, node)
    if resource.text is not None:
        spans = _table(store, _SPANS, node, "r")
        resource.spans = sorted({(str(e.value), str(w.value)) for e, w in spans.rows  # type: ignore[union-attr]
                                 if e is not None and w is not None})
        cited = _table(store, _CITED, node, "r")
        para_names = names_for(store, {row[0].value for row in cited.rows if isinstance(row[0], ox.NamedNode)})
        for paragraph, subject, words in cited.rows:
            assert isinstance(paragraph, ox.NamedNode)
            plabel, pname = para_names.get(paragraph.value, (compact(paragraph.value), paragraph.value))
            resource.cited.append((Link("cites", "", paragraph.value, plabel, pname),
                                   subject.value if isinstance(subject, ox.Literal) else "",
                                   words.value if isinstance(words, ox.Literal) else ""))
        resource.cited.sort(key=lambda c: c[0].label)
    return resource


def _words(store: OxigraphStore, node: ox.NamedNode) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for words, file, when in _table(store, _WORDS, node, "s").rows:
        if not isinstance(words, ox.Literal):
            continue
        if not isinstance(file, ox.Literal):
            origin = "a copy attached with igkg attach-text"
        else:
            origin = f"{file.value}, read on {when.value}" if isinstance(when, ox.Literal) else file.value
        found.setdefault(words.value, origin)
    return sorted(found.items())


def highlight(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """The text cut into pieces, each with the reason it is highlighted (or None); a span's
    words match across any whitespace; the whole text is not a span."""
    marks: list[tuple[int, int, str]] = []
    for exact, why in spans:
        words = exact.split()
        if not words or " ".join(words) == " ".join(text.split()):
            continue
        pattern = r"\s+".join(re.escape(w) for w in words)
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            marks.append((match.start(), match.end(), why))
    marks.sort()
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for start, end, why in marks:
        if start < at:
            continue  # overlapping spans: the first wins
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], why))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def resource_triples(store: OxigraphStore, iri: str) -> GraphResult:
    """The triples about the IRI (it as subject), for Turtle and JSON-LD answers."""
    outcome = run_sync(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": ox.NamedNode(iri)},
                       limits=_LIMITS)
    assert isinstance(outcome.result, GraphResult)
    return outcome.result
