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
from ..namespaces import CONCEPT_NS, PREFIXES
from ..namespaces import source_iri as source_file_iri
from ..vocab import DCTERMS, ELI, IGKG, PROV, RDF, RDFS, SKOS
from .evidence import EvidenceWriter
from .model import Citation, Document
from .turtle_text import NodeTable, en, integer, iri, parse, plain, prefix_header, statements, term

__all__ = ["document_triples", "serialize_document", "source_iri"]

_Triple = tuple[str, str, str]  # subject, predicate, object in their Turtle forms (:mod:`.turtle_text`)


def _name(node: ox.NamedNode) -> str:
    return iri(node.value)


_TYPE = _name(RDF.type)
_IS_PART_OF, _NUMBER, _CITES = _name(ELI.is_part_of), _name(ELI.number), _name(ELI.cites)
_PREF_LABEL, _NOTE, _EDITORIAL = _name(SKOS.prefLabel), _name(SKOS.note), _name(SKOS.editorialNote)
_TEXT, _SEQUENCE, _POSITION = _name(IGKG.text), _name(IGKG.sequence), _name(IGKG.position)
_MENTIONS, _SUBJECT, _VERB, _ADDRESSEE = _name(IGKG.mentions), _name(DCTERMS.subject), _name(IGKG.verb), _name(
    IGKG.addressee
)


def _concept(scheme: str, local: str) -> str:
    """:func:`igkg.namespaces.concept` in its Turtle form."""
    return iri(f"{CONCEPT_NS}{scheme}/{local}")


def source_iri(document: Document) -> ox.NamedNode:
    """The source text's IRI (:func:`igkg.namespaces.source_iri` of its file name), as the seed
    names its source."""
    name = document.source_file.rsplit("/", 1)[-1] if document.source_file else f"{document.slug}.txt"
    return source_file_iri(name)


def document_triples(document: Document) -> list[ox.Triple]:
    """Every triple of the document, its evidence annotations last: its own triples parsed from
    their Turtle, the annotations made from their records."""
    own, evidence = _document_parts(document)
    prefixes = _prefixes(document)
    return parse((prefix_header(prefixes) + statements(own)).encode("utf-8")) + evidence.triples(NodeTable(prefixes))


def _prefixes(document: Document) -> dict[str, str]:
    """igkg's prefixes, and ``this:`` for the document's IRI and "/"."""
    return {**PREFIXES, "this": document.iri + "/"}


def _document_parts(document: Document) -> tuple[list[_Triple], EvidenceWriter]:
    """The document's triples without the evidence annotations (no duplicates), and the
    annotations' writer."""
    triples: list[_Triple] = []
    add = triples.append
    doc = iri(document.iri)
    activity = "this:extraction"
    source = iri(source_iri(document).value)
    evidence = EvidenceWriter(source, document.text, activity)

    add((doc, _TYPE, _name(IGKG.RecommendationDocument)))
    add((doc, _name(DCTERMS.title), en(document.title)))
    add((doc, _PREF_LABEL, en(document.title)))
    add((doc, _name(IGKG.documentStatus), _concept("document-status", document.status)))
    if document.source_file:
        add((doc, _name(IGKG.sourceFile), plain(document.source_file)))
    for note in document.notes:
        add((doc, _NOTE, en(note)))
    add(
        (
            doc,
            _EDITORIAL,
            en(
                f"Extracted by {document.extractor} from {document.source_file or document.source}; "
                "every link has an oa:Annotation giving the words it was read from: review them before relying on it."
            ),
        )
    )
    add((doc, _name(PROV.wasGeneratedBy), activity))
    add((activity, _TYPE, _name(IGKG.Extraction)))
    add((activity, _name(RDFS.label), en(f"igkg extract of {document.source_file or document.title}")))
    add((activity, _name(IGKG.extractorVersion), plain(document.extractor)))
    add((activity, _name(PROV.used), source))
    add((source, _TYPE, _name(PROV.Entity)))

    sections = {}
    for section in document.sections:
        node = f"this:section-{section.position}"
        sections[section.position] = node
        add((node, _TYPE, _name(IGKG.DocumentSection)))
        add((node, _IS_PART_OF, doc))
        add((node, _PREF_LABEL, en(section.label)))
        add((node, _SEQUENCE, integer(section.position)))
        if section.number:
            add((node, _NUMBER, plain(section.number)))
        evidence.annotate(node, _IS_PART_OF, doc, section.evidence, "describing")
    footnotes: dict[str, str] = {}
    for k, footnote in enumerate(document.footnotes, 1):
        node = f"this:footnote-{k}"
        footnotes.setdefault(footnote.marker, node)
        add((node, _TYPE, _name(IGKG.Footnote)))
        add((node, _IS_PART_OF, doc))
        add((node, _NUMBER, plain(footnote.marker)))
        add((node, _TEXT, en(footnote.text)))
        evidence.annotate(node, _IS_PART_OF, doc, footnote.evidence, "describing")
        _citations(add, evidence, node, footnote.citations)
    recommendation, sub_item, action_class = _name(IGKG.Recommendation), _name(IGKG.RecommendationSubItem), _name(
        IGKG.Action
    )
    kind, in_section, has_footnote = _name(IGKG.paragraphKind), _name(IGKG.inDocumentSection), _name(IGKG.hasFootnote)
    has_action, action_position, as_written = _name(IGKG.hasAction), _name(IGKG.actionPosition), _name(
        IGKG.verbAsWritten
    )
    for rec in document.recommendations:
        node = f"this:rec-{rec.position}"
        add((node, _TYPE, recommendation))
        add((node, _IS_PART_OF, doc))
        add((node, _POSITION, integer(rec.position)))
        add((node, _TEXT, en(rec.text)))
        add((node, kind, _concept("paragraph-kind", rec.kind)))
        if rec.number:
            add((node, _NUMBER, plain(rec.number)))
        if rec.section is not None and rec.section.position in sections:
            add((node, in_section, sections[rec.section.position]))
        for marker in rec.footnotes:
            if marker in footnotes:
                add((node, has_footnote, footnotes[marker]))
        for k, item in enumerate(rec.sub_items, 1):
            part = f"{node}-item-{k}"
            add((part, _TYPE, sub_item))
            add((part, _IS_PART_OF, node))
            add((part, _NUMBER, plain(item.label)))
            add((part, _SEQUENCE, integer(k)))
            add((part, _TEXT, en(item.text)))
        evidence.annotate(node, _IS_PART_OF, doc, rec.evidence, "describing")
        if rec.unknown_verb is not None:
            add(
                (
                    node,
                    _EDITORIAL,
                    en(
                        f"No operative verb of the scheme: the text opens with '{rec.unknown_verb.exact}'. "
                        "Add the verb to ontology/schemes.ttl and extract again."
                    ),
                )
            )
        for action in rec.actions:
            a = f"{node}-action-{action.position}"
            verb = iri(action.verb)
            add((node, has_action, a))
            add((a, _TYPE, action_class))
            add((a, action_position, integer(action.position)))
            add((a, _VERB, verb))
            add((a, as_written, plain(action.as_written)))
            evidence.annotate(a, _VERB, verb, action.evidence)
            for who in action.addressees:
                addressee = iri(who.iri)
                add((a, _ADDRESSEE, addressee))
                for place in who.evidence:
                    evidence.annotate(a, _ADDRESSEE, addressee, place)
        for link in rec.mentions:
            target = iri(link.iri)
            add((node, _MENTIONS, target))
            for place in link.evidence:
                evidence.annotate(node, _MENTIONS, target, place)
        _citations(add, evidence, node, rec.citations)
        for link in rec.topics:
            target = iri(link.iri)
            add((node, _SUBJECT, target))
            for place in link.evidence:
                evidence.annotate(node, _SUBJECT, target, place, "classifying")
    triples.extend((term(t.subject), term(t.predicate), term(t.object)) for t in document.extra_triples)
    return list(dict.fromkeys(triples)), evidence


def _citations(add: Callable[[_Triple], None], evidence: EvidenceWriter, node: str, citations: list[Citation]) -> None:
    """``eli:cites`` and one ``igkg:Citation`` per reference of a unit or a footnote."""
    for k, citation in enumerate(citations, 1):
        c = f"{node}-citation-{k}"
        instrument = iri(citation.instrument)
        add((node, _name(IGKG.qualifiedCitation), c))
        add((c, _TYPE, _name(IGKG.Citation)))
        add((c, _name(IGKG.asWritten), plain(citation.as_written)))
        add((c, _name(IGKG.citedInstrument), instrument))
        add((c, _name(IGKG.resolution), _concept("citation-resolution", citation.resolution)))
        found = [iri(p.iri) for p in citation.provisions if p.iri]
        missing = [p.number for p in citation.provisions if not p.iri]
        for provision in found:
            add((c, _name(IGKG.citedProvision), provision))
        notes = [citation.note] if citation.note else []
        if missing:
            notes.append(
                f"Not in the graph: paragraph {', '.join(missing)} of this instrument; the instrument is cited instead."
            )
        for note in notes:
            add((c, _EDITORIAL, en(note)))
        for target in found or [instrument]:
            add((node, _CITES, target))
            evidence.annotate(node, _CITES, target, citation.evidence, "linking")


def _turtle(document: Document) -> bytes:
    """The document as Turtle: the comment saying what it is, the prefixes (``this:`` is the
    document's IRI and "/"), its own triples, then the evidence annotations (:mod:`.evidence`)."""
    own, evidence = _document_parts(document)
    head = _turtle_header(document) + prefix_header(_prefixes(document)) + statements(own)
    return b"".join([head.encode("utf-8"), *(part.encode("utf-8") for part in evidence.turtle())])


def serialize_document(document: Document, fmt: str = "ttl") -> bytes:
    """The document's triples in an RDF syntax; Turtle starts with a comment saying what it is."""
    syntax = rdf_syntax(fmt)
    if syntax.name == "ttl":
        return _turtle(document)
    triples = document_triples(document)
    if syntax.name == "jsonld":
        return serialize_triples(triples, "jsonld")
    prefixes = _prefixes(document)
    if syntax.supports_datasets:
        body = ox.serialize(
            [ox.Quad(t.subject, t.predicate, t.object) for t in triples], format=syntax.oxigraph, prefixes=prefixes
        )
    else:
        body = ox.serialize(triples, format=syntax.oxigraph, prefixes=prefixes)
    assert body is not None
    return body


def _turtle_header(document: Document) -> str:
    """The comment Turtle starts with, saying what it is."""
    return (
        f"# {document.title}: {len(document.recommendations)} recommendations extracted by {document.extractor}\n"
        f"# from {document.source_file or document.source}. Generated: check each link against its evidence\n"
        "# annotation (oa:Annotation, with the words it was read from) before relying on it.\n"
    )
