"""Namespaces and prefixes: for SPARQL prologues, exports and displays, and igkg's own IRIs.

The terms of the ontology and of the reused vocabularies are constants in :mod:`igkg.vocab`
(generated); this module holds igkg's *data* namespaces (``id/``, ``concept/``), the prefix
table, and the functions that make data IRIs (a document, a concept, a source file), so that
no other module writes a namespace out.
"""

from __future__ import annotations

import functools
import re
from typing import Final
from urllib.parse import quote

from pyoxigraph import NamedNode

from .vocab import DCTERMS, ELI, FOAF, IGKG, OA, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

__all__ = [
    "IGKG_NS", "ID_NS", "CONCEPT_NS", "DOC_NS", "PREFIXES", "compact", "expand", "sparql_prologue",
    "concept", "concept_scheme", "document_iri", "source_iri",
]

IGKG_NS: Final = IGKG.NS
ID_NS: Final = "https://w3id.org/igkg/id/"
CONCEPT_NS: Final = "https://w3id.org/igkg/concept/"
DOC_NS: Final = ID_NS + "doc/"
SOURCE_NS: Final = ID_NS + "source/"

#: Prefix → namespace, in the order exports declare them. Longer namespaces first where one
#: namespace is inside another, so that compaction picks the most specific prefix.
PREFIXES: Final[dict[str, str]] = {
    "igkg": IGKG_NS,
    "rdf": RDF.NS,
    "rdfs": RDFS.NS,
    "owl": OWL.NS,
    "xsd": XSD.NS,
    "skos": SKOS.NS,
    "dcterms": DCTERMS.NS,
    "eli": ELI.NS,
    "org": ORG.NS,
    "prov": PROV.NS,
    "foaf": FOAF.NS,
    "oa": OA.NS,
    "sh": SH.NS,
    "verb": CONCEPT_NS + "verb/",
    "kind": CONCEPT_NS + "verb-kind/",
    "topic": CONCEPT_NS + "topic/",
    "dstatus": CONCEPT_NS + "document-status/",
    "verif": CONCEPT_NS + "verification/",
    "cres": CONCEPT_NS + "citation-resolution/",
    "otype": CONCEPT_NS + "organization-type/",
    "chg": CONCEPT_NS + "change-kind/",
    "strength": CONCEPT_NS + "strength-change/",
    "pkind": CONCEPT_NS + "paragraph-kind/",
    "ta": ID_NS + "instrument/tunis-agenda/",
    "gd": ID_NS + "instrument/geneva-declaration/",
    "inst": ID_NS + "instrument/",
    "actor": ID_NS + "actor/",
    "sg": ID_NS + "stakeholder-group/",
    "role": ID_NS + "role/",
    "proc": ID_NS + "process/",
    "doc": DOC_NS,
    "wd": "http://www.wikidata.org/entity/",
}

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)
#: The characters of a local name igkg writes as ``prefix:local`` (and, for display, ``/`` and ``.``).
_LOCAL_OK = re.compile(r"[A-Za-z0-9_-]+")
_DISPLAY_OK = re.compile(r"[A-Za-z0-9_./-]+")


@functools.lru_cache(maxsize=65536)
def compact(iri: str, *, for_display: bool = False) -> str:
    """``https://w3id.org/igkg/id/actor/igf`` → ``actor:igf``; IRIs with no prefix stay whole.

    With ``for_display`` the local part may contain ``/`` and ``.`` (``doc:wgec-second-take/rec-4``):
    easier to read, but not a valid prefixed name in Turtle or SPARQL. (A pure function, called
    for every cell, tooltip and edge label: the last 65,536 answers are kept.)
    """
    allowed = _DISPLAY_OK if for_display else _LOCAL_OK
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if allowed.fullmatch(local):
                return f"{prefix}:{local}"
    return iri


def expand(name: str) -> str | None:
    """``actor:igf`` → the full IRI; ``None`` when the prefix is unknown."""
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return None
    return PREFIXES[prefix] + local


def sparql_prologue() -> str:
    """PREFIX declarations for every known prefix (for queries typed on the command line)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def concept_scheme(scheme: str) -> NamedNode:
    """The concept scheme ``https://w3id.org/igkg/concept/<scheme>`` (``verb``, ``topic`` …)."""
    return NamedNode(CONCEPT_NS + scheme)


def concept(scheme: str, local: str) -> NamedNode:
    """A concept of one of igkg's schemes: ``concept("document-status", "draft")``."""
    return NamedNode(f"{CONCEPT_NS}{scheme}/{local}")


def document_iri(slug: str) -> str:
    """``https://w3id.org/igkg/id/doc/<slug>``, the IRI of a recommendation document."""
    return DOC_NS + slug


def source_iri(file_name: str) -> NamedNode:
    """``https://w3id.org/igkg/id/source/<file name>``, as the seed names its source text."""
    return NamedNode(SOURCE_NS + quote(file_name, safe="-._~"))
