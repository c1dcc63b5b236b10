"""``/ontology``: the igkg ontology where its IRI says it lives, by content negotiation.

A browser gets a page of the ontology — its title, version and licence, then every class,
property and concept scheme with its label, definition, domain and range, each term under an
anchor named by its local name (``/ontology#Recommendation`` for ``igkg:Recommendation``) and
linked to its resource page. An RDF client (``Accept: text/turtle``, ``application/ld+json``,
``application/n-triples``, ``application/rdf+xml``, or ``?format=``) gets the ontology itself:
the triples of the bundled ontology files (``ontology/*.ttl`` without the SHACL shapes), read
from the files rather than the store, so that a server of a user's store still answers it.
The fuller documentation (pyLODE) is what ``make docs`` writes; this page needs nothing beyond
the server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from ..formats.rdf_reader import parse_file
from ..namespaces import compact
from ..resources import ontology_dir
from ..results import Term as RdfTerm
from ..vocab import DCTERMS, IGKG, OWL, RDF, RDFS, SKOS

__all__ = ["ontology_triples", "ontology_page", "OntologyPage", "Term"]

_ONTOLOGY = ox.NamedNode(IGKG.NS.rstrip("#"))
_KINDS = ((OWL.Class, "classes"), (OWL.ObjectProperty, "object properties"),
          (OWL.DatatypeProperty, "datatype properties"), (OWL.AnnotationProperty, "annotation properties"),
          (SKOS.ConceptScheme, "concept schemes"))


@dataclass(frozen=True)
class Term:
    """One term as the page lists it."""

    iri: str
    name: str  # the prefixed name (igkg:Recommendation)
    anchor: str  # the local name, for terms of the igkg namespace; else the prefixed name
    label: str
    definition: str
    domain: list[tuple[str, str]] = field(default_factory=list)  # (IRI, prefixed name)
    range: list[tuple[str, str]] = field(default_factory=list)
    parents: list[tuple[str, str]] = field(default_factory=list)
    members: int = 0  # concepts in a scheme


@dataclass(frozen=True)
class OntologyPage:
    iri: str
    title: str
    version: str
    licence: str
    description: str
    sections: list[tuple[str, list[Term]]]


@cache
def ontology_triples() -> tuple[ox.Triple, ...]:
    """The ontology's triples: its files in ``ontology/`` (the shapes are not the ontology)."""
    files = sorted(p for p in ontology_dir().glob("*.ttl") if p.name != "shapes.ttl")
    seen: dict[ox.Triple, None] = {}
    for path in files:
        for quad in parse_file(path):
            seen.setdefault(ox.Triple(quad.subject, quad.predicate, quad.object), None)
    return tuple(seen)


def _text(values: list[RdfTerm]) -> str:
    english = [v for v in values if isinstance(v, ox.Literal) and v.language in (None, "en")]
    return str(english[0].value) if english else ""


def _links(values: list[RdfTerm]) -> list[tuple[str, str]]:
    return sorted((v.value, compact(v.value, for_display=True)) for v in values if isinstance(v, ox.NamedNode))


@cache
def ontology_page() -> OntologyPage:
    """What the HTML page shows, from :func:`ontology_triples`."""
    about: dict[RdfTerm, dict[ox.NamedNode, list[RdfTerm]]] = {}
    for triple in ontology_triples():
        about.setdefault(triple.subject, {}).setdefault(triple.predicate, []).append(triple.object)
    members: dict[RdfTerm, int] = {}
    for properties in about.values():
        for scheme in properties.get(SKOS.inScheme, []):
            members[scheme] = members.get(scheme, 0) + 1

    def term(subject: ox.NamedNode) -> Term:
        p = about[subject]
        local = subject.value[len(IGKG.NS):] if subject.value.startswith(IGKG.NS) else ""
        shown = compact(subject.value, for_display=True)
        label = _text(p.get(RDFS.label, [])) or _text(p.get(SKOS.prefLabel, [])) or shown
        definition = _text(p.get(RDFS.comment, [])) or _text(p.get(SKOS.definition, []))
        parents = p.get(RDFS.subClassOf, []) + p.get(RDFS.subPropertyOf, [])
        return Term(subject.value, shown, local or shown, label, definition, _links(p.get(RDFS.domain, [])),
                    _links(p.get(RDFS.range, [])), _links(parents), members.get(subject, 0))

    sections = []
    for kind, heading in _KINDS:
        subjects = [s for s, p in about.items() if isinstance(s, ox.NamedNode) and kind in p.get(RDF.type, [])]
        terms = sorted((term(s) for s in subjects), key=lambda t: (not t.iri.startswith(IGKG.NS), t.name.lower()))
        if terms:
            sections.append((heading, terms))
    head = about.get(_ONTOLOGY, {})
    return OntologyPage(
        iri=_ONTOLOGY.value,
        title=_text(head.get(DCTERMS.title, [])) or _text(head.get(RDFS.label, [])) or "igkg ontology",
        version=_text(head.get(OWL.versionInfo, [])),
        licence=next((v.value for v in head.get(DCTERMS.license, []) if isinstance(v, ox.NamedNode)), ""),
        description=_text(head.get(DCTERMS.description, [])) or _text(head.get(RDFS.comment, [])),
        sections=sections,
    )
