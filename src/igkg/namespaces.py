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

from .vocab import DCAT, DCTERMS, ELI, FOAF, IGKG, OA, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

__all__ = [
    "IGKG_NS", "ID_NS", "CONCEPT_NS", "DOC_NS", "PREFIXES", "compact", "expand", "sparql_prologue",
    "concept", "concept_scheme", "document_iri", "source_iri", "GRAPH_NS", "DATASET_IRI", "PUBLISHER_IRI",
    "DATA_LICENCE_IRI",
    "bundled_graph_iri", "document_graph", "file_graph", "text_graph", "document_slug",
    "PUSH_CONTROL_GRAPH", "PUSH_DEFAULT_TARGET", "push_staging_graph",
]

IGKG_NS: Final = IGKG.NS
ID_NS: Final = "https://w3id.org/igkg/id/"
CONCEPT_NS: Final = "https://w3id.org/igkg/concept/"
DOC_NS: Final = ID_NS + "doc/"
SOURCE_NS: Final = ID_NS + "source/"
#: Named graphs: one per source (docs/graphs.md). ``graph/ontology/<file>``, ``graph/data/<folder>/<file>``,
#: ``graph/doc/<slug>`` (a recommendation document), ``graph/file/<name>`` (a user's file),
#: ``graph/text/<instrument>`` (the words of an instrument, from a copy the user brought).
GRAPH_NS: Final = "https://w3id.org/igkg/graph/"
#: The dataset that the VoID / DCAT description describes, and its publisher.
DATASET_IRI: Final = "https://w3id.org/igkg/dataset"
PUBLISHER_IRI: Final = ID_NS + "publisher/igkg-developers"
#: The licence of the data and the ontology (the code is MIT: LICENSE).
DATA_LICENCE_IRI: Final = "https://creativecommons.org/licenses/by/4.0/"

PUSH_NS: Final = ID_NS + "push/"
#: Where ``igkg push --strategy versioned`` keeps which named graph is current for each target.
PUSH_CONTROL_GRAPH: Final = NamedNode(PUSH_NS + "versions")
#: igkg's name for the remote default graph in that control graph.
PUSH_DEFAULT_TARGET: Final = NamedNode(PUSH_NS + "default-graph")

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
    "void": VOID.NS,
    "dcat": DCAT.NS,
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
#: The longest namespace an IRI starts with, found in one match (alternatives longest first).
_LONGEST = re.compile("|".join(re.escape(namespace) for _prefix, namespace in _BY_LENGTH))
_PREFIX_OF = {namespace: prefix for prefix, namespace in reversed(_BY_LENGTH)}


@functools.lru_cache(maxsize=65536)
def compact(iri: str, *, for_display: bool = False) -> str:
    """``https://w3id.org/igkg/id/actor/igf`` → ``actor:igf``; IRIs with no prefix stay whole.

    With ``for_display`` the local part may contain ``/`` and ``.`` (``doc:wgec-second-take/rec-4``):
    easier to read, but not a valid prefixed name in Turtle or SPARQL. (A pure function, called
    for every cell, tooltip and edge label: the last 65,536 answers are kept.)
    """
    allowed = _DISPLAY_OK if for_display else _LOCAL_OK
    found = _LONGEST.match(iri)
    if found is None:
        return iri
    namespace = found.group(0)
    if allowed.fullmatch(iri, len(namespace)):  # the usual case: the longest namespace fits
        return f"{_PREFIX_OF[namespace]}:{iri[len(namespace):]}"
    for prefix, namespace in _BY_LENGTH:  # else a shorter one whose local part is allowed
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


def bundled_graph_iri(relative: str) -> NamedNode:
    """The graph of a bundled file, from its path under the bundle root without the extension:
    ``ontology/schemes.ttl`` → ``…/graph/ontology/schemes``, ``data/actors/organizations.ttl`` →
    ``…/graph/data/actors/organizations``."""
    stem = relative.rsplit(".", 1)[0] if "." in relative.rsplit("/", 1)[-1] else relative
    return NamedNode(GRAPH_NS + "/".join(quote(part, safe="-._~") for part in stem.split("/")))


def document_slug(document: str) -> str | None:
    """The slug of a recommendation document IRI (``…/id/doc/<slug>``), or ``None``."""
    if not document.startswith(DOC_NS):
        return None
    slug = document[len(DOC_NS):]
    return slug if slug and "/" not in slug else None


def document_graph(document: str) -> NamedNode:
    """The graph of a recommendation document (its IRI or its slug): ``…/graph/doc/<slug>``."""
    slug = document_slug(document) or document
    return NamedNode(GRAPH_NS + "doc/" + quote(slug, safe="-._~"))


def file_graph(file_name: str) -> NamedNode:
    """The graph of a user's file that holds neither one document nor one text copy:
    ``…/graph/file/<file name>`` (the name only, not the folder)."""
    return NamedNode(GRAPH_NS + "file/" + quote(file_name, safe="-._~"))


def text_graph(instrument_slug: str) -> NamedNode:
    """The graph holding the words of an instrument read from a user's copy (igkg attach-text):
    ``…/graph/text/<instrument slug>``."""
    return NamedNode(GRAPH_NS + "text/" + quote(instrument_slug, safe="-._~"))


def push_staging_graph(token: str, index: int) -> NamedNode:
    """``https://w3id.org/igkg/id/push/<token>/<index>``: the named graph one push stages one
    target's triples in (``token`` is fresh for every push)."""
    return NamedNode(f"{PUSH_NS}{quote(token, safe='-._~')}/{index}")
