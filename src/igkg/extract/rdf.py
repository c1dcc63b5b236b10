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
* an ``igkg:Extraction`` (``igkg:extractorVersion "igkg <version>"``, ``prov:used`` the source)
  that generated the document and every evidence annotation (:mod:`.evidence`).
"""

from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox

from ..export import serialize_triples
from ..formats import rdf_syntax
from ..namespaces import CONCEPT_NS, ID_NS, IGKG_NS, PREFIXES
from .evidence import EvidenceWriter
from .model import ExtractedDocument

__all__ = ["document_triples", "serialize_document", "source_iri"]

_XSD_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")
_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


def _igkg(local: str) -> ox.NamedNode:
    return ox.NamedNode(IGKG_NS + local)


def _term(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def source_iri(document: ExtractedDocument) -> ox.NamedNode:
    """``https://w3id.org/igkg/id/source/<file name>``, as the seed names its source."""
    name = document.source_file.rsplit("/", 1)[-1] if document.source_file else f"{document.slug}.txt"
    return ox.NamedNode(ID_NS + "source/" + quote(name, safe="-._~"))


def document_triples(document: ExtractedDocument) -> list[ox.Triple]:
    triples: list[ox.Triple] = []
    add = triples.append
    doc = ox.NamedNode(document.iri)
    activity = ox.NamedNode(document.iri + "/extraction")
    source = source_iri(document)
    evidence = EvidenceWriter(document.iri, source, document.text, activity, triples)

    add(ox.Triple(doc, _TYPE, _igkg("RecommendationDocument")))
    add(ox.Triple(doc, _term("dcterms", "title"), _en(document.title)))
    add(ox.Triple(doc, _term("skos", "prefLabel"), _en(document.title)))
    add(ox.Triple(doc, _igkg("documentStatus"), ox.NamedNode(f"{CONCEPT_NS}document-status/{document.status}")))
    if document.source_file:
        add(ox.Triple(doc, _igkg("sourceFile"), ox.Literal(document.source_file)))
    for note in document.notes:
        add(ox.Triple(doc, _term("skos", "note"), _en(note)))
    add(
        ox.Triple(
            doc,
            _term("skos", "editorialNote"),
            _en(
                f"Extracted by {document.extractor} from {document.source_file or document.source}; "
                "every link has an oa:Annotation giving the words it was read from: review them before relying on it."
            ),
        )
    )
    add(ox.Triple(doc, _term("prov", "wasGeneratedBy"), activity))
    add(ox.Triple(activity, _TYPE, _igkg("Extraction")))
    add(ox.Triple(activity, _term("rdfs", "label"), _en(f"igkg extract of {document.source_file or document.title}")))
    add(ox.Triple(activity, _igkg("extractorVersion"), ox.Literal(document.extractor)))
    add(ox.Triple(activity, _term("prov", "used"), source))
    add(ox.Triple(source, _TYPE, _term("prov", "Entity")))

    cites, mentions, subject = _term("eli", "cites"), _igkg("mentions"), _term("dcterms", "subject")
    for rec in document.recommendations:
        node = ox.NamedNode(f"{document.iri}/rec-{rec.position}")
        add(ox.Triple(node, _TYPE, _igkg("Recommendation")))
        add(ox.Triple(node, _term("eli", "is_part_of"), doc))
        add(ox.Triple(node, _igkg("position"), _int(rec.position)))
        add(ox.Triple(node, _igkg("text"), _en(rec.text)))
        evidence.annotate(node, _term("eli", "is_part_of"), doc, rec.evidence, "describing")
        if rec.unknown_verb is not None:
            add(
                ox.Triple(
                    node,
                    _term("skos", "editorialNote"),
                    _en(
                        f"No operative verb of the scheme: the text opens with '{rec.unknown_verb.exact}'. "
                        "Add the verb to ontology/schemes.ttl and extract again."
                    ),
                )
            )
        for action in rec.actions:
            a = ox.NamedNode(f"{node.value}-action-{action.position}")
            add(ox.Triple(node, _igkg("hasAction"), a))
            add(ox.Triple(a, _TYPE, _igkg("Action")))
            add(ox.Triple(a, _igkg("actionPosition"), _int(action.position)))
            add(ox.Triple(a, _igkg("verb"), ox.NamedNode(action.verb)))
            add(ox.Triple(a, _igkg("verbAsWritten"), ox.Literal(action.as_written)))
            evidence.annotate(a, _igkg("verb"), ox.NamedNode(action.verb), action.evidence)
            for who in action.addressees:
                add(ox.Triple(a, _igkg("addressee"), ox.NamedNode(who.iri)))
                for place in who.evidence:
                    evidence.annotate(a, _igkg("addressee"), ox.NamedNode(who.iri), place)
        for link in rec.mentions:
            add(ox.Triple(node, mentions, ox.NamedNode(link.iri)))
            for place in link.evidence:
                evidence.annotate(node, mentions, ox.NamedNode(link.iri), place)
        for k, citation in enumerate(rec.citations, 1):
            c = ox.NamedNode(f"{node.value}-citation-{k}")
            instrument = ox.NamedNode(citation.instrument)
            add(ox.Triple(node, _igkg("qualifiedCitation"), c))
            add(ox.Triple(c, _TYPE, _igkg("Citation")))
            add(ox.Triple(c, _igkg("asWritten"), ox.Literal(citation.as_written)))
            add(ox.Triple(c, _igkg("citedInstrument"), instrument))
            resolution = ox.NamedNode(f"{CONCEPT_NS}citation-resolution/{citation.resolution}")
            add(ox.Triple(c, _igkg("resolution"), resolution))
            found = [ox.NamedNode(p.iri) for p in citation.provisions if p.iri]
            missing = [p.number for p in citation.provisions if not p.iri]
            for provision in found:
                add(ox.Triple(c, _igkg("citedProvision"), provision))
            notes = [citation.note] if citation.note else []
            if missing:
                notes.append(
                    f"Not in the graph: paragraph {', '.join(missing)} of this instrument; the "
                    "instrument is cited instead."
                )
            for note in notes:
                add(ox.Triple(c, _term("skos", "editorialNote"), _en(note)))
            for target in found or [instrument]:
                add(ox.Triple(node, cites, target))
                evidence.annotate(node, cites, target, citation.evidence, "linking")
        for link in rec.topics:
            add(ox.Triple(node, subject, ox.NamedNode(link.iri)))
            for place in link.evidence:
                evidence.annotate(node, subject, ox.NamedNode(link.iri), place, "classifying")
    return list(dict.fromkeys(triples))


def serialize_document(document: ExtractedDocument, fmt: str = "ttl") -> bytes:
    """The document's triples in an RDF syntax; Turtle starts with a comment saying what it is."""
    syntax = rdf_syntax(fmt)
    triples = document_triples(document)
    if syntax.name == "jsonld":
        return serialize_triples(triples, "jsonld")
    prefixes = {**PREFIXES, "this": document.iri + "/"}
    if syntax.supports_datasets:
        body = ox.serialize(
            [ox.Quad(t.subject, t.predicate, t.object) for t in triples], format=syntax.oxigraph, prefixes=prefixes
        )
    else:
        body = ox.serialize(triples, format=syntax.oxigraph, prefixes=prefixes)
    assert body is not None
    if syntax.name != "ttl":
        return body
    header = (
        f"# {document.title}: {len(document.recommendations)} recommendations extracted by {document.extractor}\n"
        f"# from {document.source_file or document.source}. Generated: check each link against its evidence\n"
        "# annotation (oa:Annotation, with the words it was read from) before relying on it.\n"
    )
    return header.encode("utf-8") + body
