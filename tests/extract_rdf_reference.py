"""The RDF writer of an extracted document as it was before issue 10's second round (every
triple a pyoxigraph object, the evidence annotations expanded record by record), kept as the
reference that ``tests/test_extract_graph.py`` compares today's writer with: Turtle written from
strings (``igkg.extractor.turtle_text``) must give exactly these triples, in this order, for
every test document. Only the writing is copied; the extraction is igkg's own, shared by both.
"""

# ruff: noqa
from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from igkg.namespaces import concept
from igkg.namespaces import source_iri as source_file_iri
from igkg.vocab import DCTERMS, ELI, IGKG, OA, PROV, RDF, RDFS, SKOS, XSD
from igkg.extractor.model import Citation, Document, Evidence

_TYPE = RDF.type


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


class EvidenceWriter:  # the old one, as it was
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



def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def source_iri(document: Document) -> ox.NamedNode:
    """The source text's IRI (:func:`igkg.namespaces.source_iri` of its file name), as the seed
    names its source."""
    name = document.source_file.rsplit("/", 1)[-1] if document.source_file else f"{document.slug}.txt"
    return source_file_iri(name)


def reference_triples(document: Document) -> list[ox.Triple]:
    """Every triple of the document, its evidence annotations last."""
    triples, evidence = _document_parts(document)
    return triples + evidence.triples()


def _document_parts(document: Document) -> tuple[list[ox.Triple], EvidenceWriter]:
    """The document's triples without the evidence annotations (no duplicates), and the
    annotations' writer."""
    triples: list[ox.Triple] = []
    add = triples.append
    doc = ox.NamedNode(document.iri)
    activity = ox.NamedNode(document.iri + "/extraction")
    source = source_iri(document)
    evidence = EvidenceWriter(document.iri, source, document.text, activity)

    add(ox.Triple(doc, _TYPE, IGKG.RecommendationDocument))
    add(ox.Triple(doc, DCTERMS.title, _en(document.title)))
    add(ox.Triple(doc, SKOS.prefLabel, _en(document.title)))
    add(ox.Triple(doc, IGKG.documentStatus, concept("document-status", document.status)))
    if document.source_file:
        add(ox.Triple(doc, IGKG.sourceFile, ox.Literal(document.source_file)))
    for note in document.notes:
        add(ox.Triple(doc, SKOS.note, _en(note)))
    add(
        ox.Triple(
            doc,
            SKOS.editorialNote,
            _en(
                f"Extracted by {document.extractor} from {document.source_file or document.source}; "
                "every link has an oa:Annotation giving the words it was read from: review them before relying on it."
            ),
        )
    )
    add(ox.Triple(doc, PROV.wasGeneratedBy, activity))
    add(ox.Triple(activity, _TYPE, IGKG.Extraction))
    add(ox.Triple(activity, RDFS.label, _en(f"igkg extract of {document.source_file or document.title}")))
    add(ox.Triple(activity, IGKG.extractorVersion, ox.Literal(document.extractor)))
    add(ox.Triple(activity, PROV.used, source))
    add(ox.Triple(source, _TYPE, PROV.Entity))

    mentions, subject = IGKG.mentions, DCTERMS.subject
    sections = {}
    for section in document.sections:
        node = ox.NamedNode(f"{document.iri}/section-{section.position}")
        sections[section.position] = node
        add(ox.Triple(node, _TYPE, IGKG.DocumentSection))
        add(ox.Triple(node, ELI.is_part_of, doc))
        add(ox.Triple(node, SKOS.prefLabel, _en(section.label)))
        add(ox.Triple(node, IGKG.sequence, _int(section.position)))
        if section.number:
            add(ox.Triple(node, ELI.number, ox.Literal(section.number)))
        evidence.annotate(node, ELI.is_part_of, doc, section.evidence, "describing")
    footnotes: dict[str, ox.NamedNode] = {}
    for k, footnote in enumerate(document.footnotes, 1):
        node = ox.NamedNode(f"{document.iri}/footnote-{k}")
        footnotes.setdefault(footnote.marker, node)
        add(ox.Triple(node, _TYPE, IGKG.Footnote))
        add(ox.Triple(node, ELI.is_part_of, doc))
        add(ox.Triple(node, ELI.number, ox.Literal(footnote.marker)))
        add(ox.Triple(node, IGKG.text, _en(footnote.text)))
        evidence.annotate(node, ELI.is_part_of, doc, footnote.evidence, "describing")
        _citations(add, evidence, node, footnote.citations)
    for rec in document.recommendations:
        node = ox.NamedNode(f"{document.iri}/rec-{rec.position}")
        add(ox.Triple(node, _TYPE, IGKG.Recommendation))
        add(ox.Triple(node, ELI.is_part_of, doc))
        add(ox.Triple(node, IGKG.position, _int(rec.position)))
        add(ox.Triple(node, IGKG.text, _en(rec.text)))
        add(ox.Triple(node, IGKG.paragraphKind, concept("paragraph-kind", rec.kind)))
        if rec.number:
            add(ox.Triple(node, ELI.number, ox.Literal(rec.number)))
        if rec.section is not None and rec.section.position in sections:
            add(ox.Triple(node, IGKG.inDocumentSection, sections[rec.section.position]))
        for marker in rec.footnotes:
            if marker in footnotes:
                add(ox.Triple(node, IGKG.hasFootnote, footnotes[marker]))
        for k, item in enumerate(rec.sub_items, 1):
            part = ox.NamedNode(f"{node.value}-item-{k}")
            add(ox.Triple(part, _TYPE, IGKG.RecommendationSubItem))
            add(ox.Triple(part, ELI.is_part_of, node))
            add(ox.Triple(part, ELI.number, ox.Literal(item.label)))
            add(ox.Triple(part, IGKG.sequence, _int(k)))
            add(ox.Triple(part, IGKG.text, _en(item.text)))
        evidence.annotate(node, ELI.is_part_of, doc, rec.evidence, "describing")
        if rec.unknown_verb is not None:
            add(
                ox.Triple(
                    node,
                    SKOS.editorialNote,
                    _en(
                        f"No operative verb of the scheme: the text opens with '{rec.unknown_verb.exact}'. "
                        "Add the verb to ontology/schemes.ttl and extract again."
                    ),
                )
            )
        for action in rec.actions:
            a = ox.NamedNode(f"{node.value}-action-{action.position}")
            add(ox.Triple(node, IGKG.hasAction, a))
            add(ox.Triple(a, _TYPE, IGKG.Action))
            add(ox.Triple(a, IGKG.actionPosition, _int(action.position)))
            add(ox.Triple(a, IGKG.verb, ox.NamedNode(action.verb)))
            add(ox.Triple(a, IGKG.verbAsWritten, ox.Literal(action.as_written)))
            evidence.annotate(a, IGKG.verb, ox.NamedNode(action.verb), action.evidence)
            for who in action.addressees:
                add(ox.Triple(a, IGKG.addressee, ox.NamedNode(who.iri)))
                for place in who.evidence:
                    evidence.annotate(a, IGKG.addressee, ox.NamedNode(who.iri), place)
        for link in rec.mentions:
            add(ox.Triple(node, mentions, ox.NamedNode(link.iri)))
            for place in link.evidence:
                evidence.annotate(node, mentions, ox.NamedNode(link.iri), place)
        _citations(add, evidence, node, rec.citations)
        for link in rec.topics:
            add(ox.Triple(node, subject, ox.NamedNode(link.iri)))
            for place in link.evidence:
                evidence.annotate(node, subject, ox.NamedNode(link.iri), place, "classifying")
    triples.extend(document.extra_triples)
    return list(dict.fromkeys(triples)), evidence


def _citations(
    add: Callable[[ox.Triple], None], evidence: EvidenceWriter, node: ox.NamedNode, citations: list[Citation]
) -> None:
    """``eli:cites`` and one ``igkg:Citation`` per reference of a unit or a footnote."""
    for k, citation in enumerate(citations, 1):
        c = ox.NamedNode(f"{node.value}-citation-{k}")
        instrument = ox.NamedNode(citation.instrument)
        add(ox.Triple(node, IGKG.qualifiedCitation, c))
        add(ox.Triple(c, _TYPE, IGKG.Citation))
        add(ox.Triple(c, IGKG.asWritten, ox.Literal(citation.as_written)))
        add(ox.Triple(c, IGKG.citedInstrument, instrument))
        add(ox.Triple(c, IGKG.resolution, concept("citation-resolution", citation.resolution)))
        found = [ox.NamedNode(p.iri) for p in citation.provisions if p.iri]
        missing = [p.number for p in citation.provisions if not p.iri]
        for provision in found:
            add(ox.Triple(c, IGKG.citedProvision, provision))
        notes = [citation.note] if citation.note else []
        if missing:
            notes.append(
                f"Not in the graph: paragraph {', '.join(missing)} of this instrument; the instrument is cited instead."
            )
        for note in notes:
            add(ox.Triple(c, SKOS.editorialNote, _en(note)))
        for target in found or [instrument]:
            add(ox.Triple(node, ELI.cites, target))
            evidence.annotate(node, ELI.cites, target, citation.evidence, "linking")
