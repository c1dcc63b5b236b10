"""An extracted document as RDF, modelled exactly like the hand-made seed
(``data/recommendations/wgec-second-take.ttl``; ``data/README.md``, "Recommendations"):

* ``igkg:RecommendationDocument`` with ``dcterms:title``, ``skos:prefLabel``,
  ``igkg:documentStatus``, ``igkg:sourceFile``, notes as ``skos:note``;
* each ``igkg:Recommendation`` ``eli:is_part_of`` it, with ``igkg:position`` and ``igkg:text``;
* each ``igkg:Action`` with ``igkg:verb``, ``igkg:verbAsWritten``, ``igkg:actionPosition`` and
  ``igkg:addressee``; ``igkg:mentions``; ``dcterms:subject`` topics;
* ``eli:cites`` every cited provision (or the instrument, cited as a whole) and an
  ``igkg:Citation`` with ``igkg:asWritten``, ``igkg:citedInstrument``, ``igkg:citedProvision``
  and ``igkg:resolution`` (``cres:explicit``, ``cres:whole-instrument``, ``cres:inferred`` with
  a ``skos:editorialNote`` saying why);
* the document's headings as ``igkg:DocumentSection`` (``skos:prefLabel``, ``eli:number``,
  ``igkg:sequence``), each unit ``igkg:inDocumentSection`` its section, with its printed
  ``eli:number`` and ``igkg:paragraphKind`` (``pkind:preambular`` / ``pkind:operative``);
* lettered sub-items as ``igkg:RecommendationSubItem`` ``eli:is_part_of`` their unit;
* footnotes as ``igkg:Footnote`` (``eli:number`` the marker, ``igkg:text``), linked from the
  units carrying their marker (``igkg:hasFootnote``), with their own citations;
* an ``igkg:Extraction`` (``igkg:extractorVersion "igkg <version>"``, ``prov:used`` the source)
  that generated the document and every evidence annotation (:mod:`.evidence`).
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from ..formats.rdf_writer import serialize_triples
from ..formats.registry import rdf_syntax
from ..namespaces import PREFIXES, concept
from ..namespaces import source_iri as source_file_iri
from ..vocab import DCTERMS, ELI, IGKG, PROV, RDF, RDFS, SKOS, XSD
from .evidence import EvidenceWriter
from .model import Citation, Document

__all__ = ["document_triples", "serialize_document", "source_iri"]

_TYPE = RDF.type


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def source_iri(document: Document) -> ox.NamedNode:
    """The source text's IRI (:func:`igkg.namespaces.source_iri` of its file name), as the seed
    names its source."""
    name = document.source_file.rsplit("/", 1)[-1] if document.source_file else f"{document.slug}.txt"
    return source_file_iri(name)


def document_triples(document: Document) -> list[ox.Triple]:
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


def serialize_document(document: Document, fmt: str = "ttl") -> bytes:
    """The document's triples in an RDF syntax; Turtle starts with a comment saying what it is."""
    syntax = rdf_syntax(fmt)
    prefixes = {**PREFIXES, "this": document.iri + "/"}
    if syntax.name == "ttl":
        # the annotations written from their template, after the rest (see :mod:`.evidence`)
        own, evidence = _document_parts(document)
        body = ox.serialize(own, format=syntax.oxigraph, prefixes=prefixes)
        assert body is not None
        return _turtle_header(document) + body + evidence.turtle().encode("utf-8")
    triples = document_triples(document)
    if syntax.name == "jsonld":
        return serialize_triples(triples, "jsonld")
    if syntax.supports_datasets:
        body = ox.serialize(
            [ox.Quad(t.subject, t.predicate, t.object) for t in triples], format=syntax.oxigraph, prefixes=prefixes
        )
    else:
        body = ox.serialize(triples, format=syntax.oxigraph, prefixes=prefixes)
    assert body is not None
    return body


def _turtle_header(document: Document) -> bytes:
    """The comment Turtle starts with, saying what it is."""
    return (
        f"# {document.title}: {len(document.recommendations)} recommendations extracted by {document.extractor}\n"
        f"# from {document.source_file or document.source}. Generated: check each link against its evidence\n"
        "# annotation (oa:Annotation, with the words it was read from) before relying on it.\n"
    ).encode()
