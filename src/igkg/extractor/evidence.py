"""Evidence for every extracted link, as W3C Web Annotations with PROV provenance.

For each link (a recommendation's verb, addressee, mention, citation, topic, and its place in
the document) and each place it was read from, one annotation::

    <doc/x/evidence-7> a oa:Annotation ;
        oa:motivatedBy oa:identifying ;                  # linking for citations, classifying for topics
        oa:hasBody <doc/x/evidence-7-statement> ;       # rdf:Statement: the triple this supports
        oa:hasTarget <doc/x/evidence-7-target> ;
        prov:wasGeneratedBy <doc/x/extraction> .        # igkg:Extraction, igkg:extractorVersion
    <doc/x/evidence-7-target> a oa:SpecificResource ; oa:hasSource <id/source/x.txt> ;
        oa:hasSelector <…-position> , <…-quote> .
    <…-position> a oa:TextPositionSelector ; oa:start 812 ; oa:end 815 .
    <…-quote> a oa:TextQuoteSelector ; oa:exact "IGF" ; oa:prefix "…" ; oa:suffix "…" .

Offsets count Unicode code points of the source text (after a UTF-8 byte-order mark). Every
node has an IRI under the document, so writing the same text twice gives the same triples.

The annotations are most of a document's triples (18 of every 20 or so). The writer keeps one
record per annotation, its terms in their Turtle forms (:mod:`.turtle_text`), and writes it
straight into Turtle text from one template (an f-string) (:meth:`EvidenceWriter.turtle`):
making half a million Python term objects only to have them written out again was two thirds of
the time of ``igkg extract --format ttl``. ``to_graph()`` is Oxigraph's parse of that text; a
test checks it is the graph main's triple-by-triple writer made (``tests/extract_rdf_reference.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyoxigraph as ox

from ..namespaces import PREFIXES
from ..vocab import OA, PROV, RDF, XSD
from .model import Evidence
from .turtle_text import escaped

__all__ = ["EvidenceWriter"]

# the Turtle template writes these prefixed names: the serializer must declare their prefixes
assert all(PREFIXES.get(p) == ns for p, ns in (("oa", OA.NS), ("prov", PROV.NS), ("rdf", RDF.NS), ("xsd", XSD.NS)))

_CONTEXT = 32

#: the motivations an annotation may have (``oa:<name>``)
MOTIVATIONS = frozenset({"identifying", "linking", "classifying", "describing"})

_Record = tuple[str, str, str, int, int, str, str]


class EvidenceWriter:
    """Records the annotations of one document, numbering them in the order they are made."""

    def __init__(self, source_iri: str, source_text: str, activity: str) -> None:
        """``source_iri`` and ``activity`` in their Turtle forms."""
        self.source_iri = source_iri
        self.source_text = source_text
        self.activity = activity
        self.records: list[_Record] = []

    def annotate(
        self, subject: str, predicate: str, obj: str, evidence: Evidence, motivation: str = "identifying"
    ) -> None:
        """One annotation of the triple ``subject predicate obj`` (Turtle terms) read from ``evidence``."""
        if motivation not in MOTIVATIONS:
            raise ValueError(f"unknown motivation {motivation!r}")
        start, end, exact = evidence.span()
        self.records.append((subject, predicate, obj, start, end, exact, motivation))

    def triples(self, node: Callable[[str], ox.NamedNode]) -> list[ox.Triple]:
        """Every annotation as pyoxigraph triples; ``node`` makes the node of an IRI in its Turtle
        form (:class:`.turtle_text.NodeTable`)."""
        triples: list[ox.Triple] = []
        add = triples.append
        source, activity = node(self.source_iri), node(self.activity)
        motivations = {name: getattr(OA, name) for name in MOTIVATIONS}
        base_iri = node("this:evidence-").value
        for count, (subject, predicate, obj, start, end, exact, motivation) in enumerate(self.records, 1):
            base = f"{base_iri}{count}"
            annotation, statement, target = (
                ox.NamedNode(base),
                ox.NamedNode(base + "-statement"),
                ox.NamedNode(base + "-target"),
            )
            position, quote = ox.NamedNode(base + "-position"), ox.NamedNode(base + "-quote")
            add(ox.Triple(annotation, RDF.type, OA.Annotation))
            add(ox.Triple(annotation, OA.motivatedBy, motivations[motivation]))
            add(ox.Triple(annotation, OA.hasBody, statement))
            add(ox.Triple(annotation, OA.hasTarget, target))
            add(ox.Triple(annotation, PROV.wasGeneratedBy, activity))
            add(ox.Triple(statement, RDF.type, RDF.Statement))
            add(ox.Triple(statement, RDF.subject, node(subject)))
            add(ox.Triple(statement, RDF.predicate, node(predicate)))
            add(ox.Triple(statement, RDF.object, node(obj)))
            add(ox.Triple(target, RDF.type, OA.SpecificResource))
            add(ox.Triple(target, OA.hasSource, source))
            add(ox.Triple(target, OA.hasSelector, position))
            add(ox.Triple(target, OA.hasSelector, quote))
            add(ox.Triple(position, RDF.type, OA.TextPositionSelector))
            add(ox.Triple(position, OA.start, ox.Literal(str(start), datatype=XSD.nonNegativeInteger)))
            add(ox.Triple(position, OA.end, ox.Literal(str(end), datatype=XSD.nonNegativeInteger)))
            add(ox.Triple(quote, RDF.type, OA.TextQuoteSelector))
            add(ox.Triple(quote, OA.exact, ox.Literal(exact)))
            prefix, suffix = self._context(start, end)
            if prefix:
                add(ox.Triple(quote, OA.prefix, ox.Literal(prefix)))
            if suffix:
                add(ox.Triple(quote, OA.suffix, ox.Literal(suffix)))
        return triples

    def _context(self, start: int, end: int) -> tuple[str, str]:
        text = self.source_text
        return text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT]

    def turtle(self, chunk: int = 1000) -> Iterator[str]:
        """Every annotation as Turtle statements, for a document whose prefixes declare ``this:``
        (the document's IRI and "/"), ``oa:``, ``prov:``, ``rdf:`` and ``xsd:``; ``chunk``
        annotations at a time, so that the whole text never has to be one string (the quotes of
        a text with one non-ASCII character make a string of two or four bytes a character)."""
        parts: list[str] = []
        add = parts.append
        source, activity = self.source_iri, self.activity
        text = self.source_text
        for count, (s, p, o, start, end, exact, motivation) in enumerate(self.records, 1):
            prefix, suffix = text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT]
            n = f"this:evidence-{count}"
            # one annotation (``this:`` is the document's IRI and "/"); an f-string is the fastest template
            add(
                f"{n} a oa:Annotation ;\n\toa:motivatedBy oa:{motivation} ;\n\toa:hasBody {n}-statement ;\n"
                f"\toa:hasTarget {n}-target ;\n\tprov:wasGeneratedBy {activity} .\n"
                f"{n}-statement a rdf:Statement ;\n\trdf:subject {s} ;\n\trdf:predicate {p} ;\n\trdf:object {o} .\n"
                f"{n}-target a oa:SpecificResource ;\n\toa:hasSource {source} ;\n"
                f"\toa:hasSelector {n}-position , {n}-quote .\n"
                f'{n}-position a oa:TextPositionSelector ;\n\toa:start "{start}"^^xsd:nonNegativeInteger ;\n'
                f'\toa:end "{end}"^^xsd:nonNegativeInteger .\n'
                f'{n}-quote a oa:TextQuoteSelector ;\n\toa:exact "{escaped(exact)}"'
                + (f' ;\n\toa:prefix "{escaped(prefix)}"' if prefix else "")
                + (f' ;\n\toa:suffix "{escaped(suffix)}"' if suffix else "")
                + " .\n"
            )
            if count % chunk == 0:
                yield "".join(parts)
                parts.clear()
        yield "".join(parts)
