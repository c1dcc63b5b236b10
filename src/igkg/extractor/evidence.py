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
"""

from __future__ import annotations

import pyoxigraph as ox

from ..vocab import OA, PROV, RDF, XSD
from .model import Evidence

__all__ = ["EvidenceWriter"]

_CONTEXT = 32

MOTIVATIONS = {
    "identifying": OA.identifying,
    "linking": OA.linking,
    "classifying": OA.classifying,
    "describing": OA.describing,
}


class EvidenceWriter:
    """Appends annotation triples to ``triples``, numbering them within one document."""

    def __init__(
        self,
        document: str,
        source_iri: ox.NamedNode,
        source_text: str,
        activity: ox.NamedNode,
        triples: list[ox.Triple],
    ) -> None:
        self.document = document
        self.source_iri = source_iri
        self.source_text = source_text
        self.activity = activity
        self.triples = triples
        self.count = 0

    def annotate(
        self,
        subject: ox.NamedNode,
        predicate: ox.NamedNode,
        obj: ox.NamedNode | ox.Literal,
        evidence: Evidence,
        motivation: str = "identifying",
    ) -> None:
        self.count += 1
        base = f"{self.document}/evidence-{self.count}"
        annotation, statement, target = (
            ox.NamedNode(base),
            ox.NamedNode(base + "-statement"),
            ox.NamedNode(base + "-target"),
        )
        position, quote = ox.NamedNode(base + "-position"), ox.NamedNode(base + "-quote")
        text = self.source_text
        add = self.triples.append
        add(ox.Triple(annotation, RDF.type, OA.Annotation))
        add(ox.Triple(annotation, OA.motivatedBy, MOTIVATIONS[motivation]))
        add(ox.Triple(annotation, OA.hasBody, statement))
        add(ox.Triple(annotation, OA.hasTarget, target))
        add(ox.Triple(annotation, PROV.wasGeneratedBy, self.activity))
        add(ox.Triple(statement, RDF.type, RDF.Statement))
        add(ox.Triple(statement, RDF.subject, subject))
        add(ox.Triple(statement, RDF.predicate, predicate))
        add(ox.Triple(statement, RDF.object, obj))
        add(ox.Triple(target, RDF.type, OA.SpecificResource))
        add(ox.Triple(target, OA.hasSource, self.source_iri))
        add(ox.Triple(target, OA.hasSelector, position))
        add(ox.Triple(target, OA.hasSelector, quote))
        add(ox.Triple(position, RDF.type, OA.TextPositionSelector))
        add(ox.Triple(position, OA.start, ox.Literal(str(evidence.start), datatype=XSD.nonNegativeInteger)))
        add(ox.Triple(position, OA.end, ox.Literal(str(evidence.end), datatype=XSD.nonNegativeInteger)))
        add(ox.Triple(quote, RDF.type, OA.TextQuoteSelector))
        add(ox.Triple(quote, OA.exact, ox.Literal(evidence.exact)))
        prefix = text[max(0, evidence.start - _CONTEXT) : evidence.start]
        suffix = text[evidence.end : evidence.end + _CONTEXT]
        if prefix:
            add(ox.Triple(quote, OA.prefix, ox.Literal(prefix)))
        if suffix:
            add(ox.Triple(quote, OA.suffix, ox.Literal(suffix)))
