"""Namespaces and prefixes used in queries, exports and displays.

The terms of igkg's own ontology are in :mod:`igkg.vocab` (generated from ``ontology/igkg.ttl``).
"""

from __future__ import annotations

from typing import Final

IGKG_NS: Final = "https://w3id.org/igkg/ontology#"
ID_NS: Final = "https://w3id.org/igkg/id/"
CONCEPT_NS: Final = "https://w3id.org/igkg/concept/"

#: Prefix → namespace, in the order exports declare them. Longer namespaces first where one
#: namespace is inside another, so that compaction picks the most specific prefix.
PREFIXES: Final[dict[str, str]] = {
    "igkg": IGKG_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "oa": "http://www.w3.org/ns/oa#",
    "sh": "http://www.w3.org/ns/shacl#",
    "verb": CONCEPT_NS + "verb/",
    "kind": CONCEPT_NS + "verb-kind/",
    "topic": CONCEPT_NS + "topic/",
    "dstatus": CONCEPT_NS + "document-status/",
    "verif": CONCEPT_NS + "verification/",
    "cres": CONCEPT_NS + "citation-resolution/",
    "otype": CONCEPT_NS + "organization-type/",
    "ta": ID_NS + "instrument/tunis-agenda/",
    "gd": ID_NS + "instrument/geneva-declaration/",
    "inst": ID_NS + "instrument/",
    "actor": ID_NS + "actor/",
    "sg": ID_NS + "stakeholder-group/",
    "role": ID_NS + "role/",
    "proc": ID_NS + "process/",
    "doc": ID_NS + "doc/",
    "wd": "http://www.wikidata.org/entity/",
}

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)
_LOCAL_OK = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
_DISPLAY_OK = _LOCAL_OK | frozenset("/.")


def compact(iri: str, *, for_display: bool = False) -> str:
    """``https://w3id.org/igkg/id/actor/igf`` → ``actor:igf``; IRIs with no prefix stay whole.

    With ``for_display`` the local part may contain ``/`` and ``.`` (``doc:wgec-second-take/rec-4``):
    easier to read, but not a valid prefixed name in Turtle or SPARQL.
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            allowed = _DISPLAY_OK if for_display else _LOCAL_OK
            if local and all(c in allowed for c in local):
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
