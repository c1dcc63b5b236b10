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
record per annotation and expands it either into pyoxigraph triples (:meth:`EvidenceWriter.triples`)
or straight into Turtle text from one template (an f-string) (:meth:`EvidenceWriter.turtle`): making half a
million Python term objects only to have them written out again was two thirds of the time of
``igkg extract --format ttl``. Both come from the same records; a test checks they are the same graph.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..namespaces import PREFIXES
from ..vocab import OA, PROV, RDF, XSD
from .model import Evidence

__all__ = ["EvidenceWriter"]

# the Turtle template writes these prefixed names: the serializer must declare their prefixes
assert all(PREFIXES.get(p) == ns for p, ns in (("oa", OA.NS), ("prov", PROV.NS), ("rdf", RDF.NS), ("xsd", XSD.NS)))

_CONTEXT = 32

MOTIVATIONS = {
    "identifying": OA.identifying,
    "linking": OA.linking,
    "classifying": OA.classifying,
    "describing": OA.describing,
}


def _escaped(text: str) -> str:
    """The contents of a Turtle "…" string: backslash, quotation mark and line ends escaped."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\r" in text:
        text = text.replace("\r", "\\r")
    return text


_Record = tuple[ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal", int, int, str, str]


class EvidenceWriter:
    """Records the annotations of one document, numbering them in the order they are made."""

    def __init__(self, document: str, source_iri: ox.NamedNode, source_text: str, activity: ox.NamedNode) -> None:
        self.document = document
        self.source_iri = source_iri
        self.source_text = source_text
        self.activity = activity
        self.records: list[_Record] = []

    def annotate(
        self,
        subject: ox.NamedNode,
        predicate: ox.NamedNode,
        obj: ox.NamedNode | ox.Literal,
        evidence: Evidence,
        motivation: str = "identifying",
    ) -> None:
        if motivation not in MOTIVATIONS:
            raise ValueError(f"unknown motivation {motivation!r}")
        start, end, exact = evidence.span()
        self.records.append((subject, predicate, obj, start, end, exact, motivation))

    def _context(self, start: int, end: int) -> tuple[str, str]:
        text = self.source_text
        return text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT]

    def triples(self) -> list[ox.Triple]:
        """Every annotation as pyoxigraph triples."""
        triples: list[ox.Triple] = []
        add = triples.append
        source, activity = self.source_iri, self.activity
        for count, (subject, predicate, obj, start, end, exact, motivation) in enumerate(self.records, 1):
            base = f"{self.document}/evidence-{count}"
            annotation, statement, target = (
                ox.NamedNode(base),
                ox.NamedNode(base + "-statement"),
                ox.NamedNode(base + "-target"),
            )
            position, quote = ox.NamedNode(base + "-position"), ox.NamedNode(base + "-quote")
            add(ox.Triple(annotation, RDF.type, OA.Annotation))
            add(ox.Triple(annotation, OA.motivatedBy, MOTIVATIONS[motivation]))
            add(ox.Triple(annotation, OA.hasBody, statement))
            add(ox.Triple(annotation, OA.hasTarget, target))
            add(ox.Triple(annotation, PROV.wasGeneratedBy, activity))
            add(ox.Triple(statement, RDF.type, RDF.Statement))
            add(ox.Triple(statement, RDF.subject, subject))
            add(ox.Triple(statement, RDF.predicate, predicate))
            add(ox.Triple(statement, RDF.object, obj))
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

    def turtle(self) -> str:
        """Every annotation as Turtle statements, for a document whose prefixes declare ``this:``
        (the document's IRI and "/"), ``oa:``, ``prov:``, ``rdf:`` and ``xsd:``."""
        parts: list[str] = []
        add = parts.append
        source, activity = str(self.source_iri), str(self.activity)
        terms: dict[object, str] = {}  # the same resources and predicates come back again and again
        text = self.source_text
        for count, (subject, predicate, obj, start, end, exact, motivation) in enumerate(self.records, 1):
            s = terms.get(subject) or terms.setdefault(subject, str(subject))
            p = terms.get(predicate) or terms.setdefault(predicate, str(predicate))
            o = terms.get(obj) or terms.setdefault(obj, str(obj))
            prefix = text[max(0, start - _CONTEXT) : start]
            suffix = text[end : end + _CONTEXT]
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
                f'{n}-quote a oa:TextQuoteSelector ;\n\toa:exact "{_escaped(exact)}"'
                + (f' ;\n\toa:prefix "{_escaped(prefix)}"' if prefix else "")
                + (f' ;\n\toa:suffix "{_escaped(suffix)}"' if suffix else "")
                + " .\n"
            )
        return "".join(parts)
