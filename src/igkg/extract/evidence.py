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

from ..namespaces import PREFIXES
from .model import Evidence

__all__ = ["EvidenceWriter"]

_OA = PREFIXES["oa"]
_RDF = PREFIXES["rdf"]
_TYPE = ox.NamedNode(_RDF + "type")
_NON_NEGATIVE = ox.NamedNode(PREFIXES["xsd"] + "nonNegativeInteger")
_CONTEXT = 32

MOTIVATIONS = {
    "identifying": ox.NamedNode(_OA + "identifying"),
    "linking": ox.NamedNode(_OA + "linking"),
    "classifying": ox.NamedNode(_OA + "classifying"),
    "describing": ox.NamedNode(_OA + "describing"),
}


def _n(local: str, namespace: str = _OA) -> ox.NamedNode:
    return ox.NamedNode(namespace + local)


_P = {
    name: _n(name)
    for name in (
        "hasBody",
        "hasTarget",
        "hasSource",
        "hasSelector",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "motivatedBy",
    )
}
_C = {name: _n(name) for name in ("Annotation", "SpecificResource", "TextPositionSelector", "TextQuoteSelector")}
_STATEMENT = _n("Statement", _RDF)
_SUBJECT, _PREDICATE, _OBJECT = _n("subject", _RDF), _n("predicate", _RDF), _n("object", _RDF)
_GENERATED = _n("wasGeneratedBy", PREFIXES["prov"])


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
        add(ox.Triple(annotation, _TYPE, _C["Annotation"]))
        add(ox.Triple(annotation, _P["motivatedBy"], MOTIVATIONS[motivation]))
        add(ox.Triple(annotation, _P["hasBody"], statement))
        add(ox.Triple(annotation, _P["hasTarget"], target))
        add(ox.Triple(annotation, _GENERATED, self.activity))
        add(ox.Triple(statement, _TYPE, _STATEMENT))
        add(ox.Triple(statement, _SUBJECT, subject))
        add(ox.Triple(statement, _PREDICATE, predicate))
        add(ox.Triple(statement, _OBJECT, obj))
        add(ox.Triple(target, _TYPE, _C["SpecificResource"]))
        add(ox.Triple(target, _P["hasSource"], self.source_iri))
        add(ox.Triple(target, _P["hasSelector"], position))
        add(ox.Triple(target, _P["hasSelector"], quote))
        add(ox.Triple(position, _TYPE, _C["TextPositionSelector"]))
        add(ox.Triple(position, _P["start"], ox.Literal(str(evidence.start), datatype=_NON_NEGATIVE)))
        add(ox.Triple(position, _P["end"], ox.Literal(str(evidence.end), datatype=_NON_NEGATIVE)))
        add(ox.Triple(quote, _TYPE, _C["TextQuoteSelector"]))
        add(ox.Triple(quote, _P["exact"], ox.Literal(evidence.exact)))
        prefix = text[max(0, evidence.start - _CONTEXT) : evidence.start]
        suffix = text[evidence.end : evidence.end + _CONTEXT]
        if prefix:
            add(ox.Triple(quote, _P["prefix"], ox.Literal(prefix)))
        if suffix:
            add(ox.Triple(quote, _P["suffix"], ox.Literal(suffix)))
