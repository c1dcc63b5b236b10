"""A document's place among its drafts, as RDF: the revision link and the unit-level changes.

For a later version ``new`` of the document ``old`` (``igkg extract --into DIR --version-of
OLD``)::

    <new> prov:wasRevisionOf <old> ; igkg:versionLabel "third take" ; dcterms:date "2026-12-01"^^xsd:date .
    <new/change-3> a igkg:UnitChange ; igkg:changeIn <new> ; igkg:changeKind chg:edited ;
        igkg:oldUnit <old/rec-9> ; igkg:newUnit <new/rec-9> ;
        igkg:verbRemoved verb:encourages ; igkg:verbAdded verb:invites ; igkg:strengthChange strength:weaker .

Unchanged units get no change node. The new units' IRIs are the new document's
(``<new>/rec-N``, as extraction names them), the old units' those of the document in the graph.
"""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from ..namespaces import concept
from ..vocab import DCTERMS, IGKG, PROV, RDF, XSD
from .compare import Change, Diff

__all__ = ["revision_triples"]


def _unit(document: str, position: int) -> ox.NamedNode:
    return ox.NamedNode(f"{document}/rec-{position}")


def _change_triples(node: ox.NamedNode, change: Change, new_document: str) -> list[ox.Triple]:
    triples = [ox.Triple(node, RDF.type, IGKG.UnitChange),
               ox.Triple(node, IGKG.changeIn, ox.NamedNode(new_document)),
               ox.Triple(node, IGKG.changeKind, concept("change-kind", change.kind))]
    triples += [ox.Triple(node, IGKG.oldUnit, ox.NamedNode(u.iri)) for u in change.old_units]
    triples += [ox.Triple(node, IGKG.newUnit, _unit(new_document, u.position)) for u in change.new_units]
    if change.strength:
        triples.append(ox.Triple(node, IGKG.strengthChange, concept("strength-change", change.strength)))
    old_verbs = {v.iri for u in change.old_units for v in u.verbs}
    new_verbs = {v.iri for u in change.new_units for v in u.verbs}
    triples += [ox.Triple(node, IGKG.verbAdded, ox.NamedNode(v)) for v in sorted(new_verbs - old_verbs)]
    triples += [ox.Triple(node, IGKG.verbRemoved, ox.NamedNode(v)) for v in sorted(old_verbs - new_verbs)]
    old_agents = {a for u in change.old_units for a in u.addressees}
    new_agents = {a for u in change.new_units for a in u.addressees}
    triples += [ox.Triple(node, IGKG.addresseeAdded, ox.NamedNode(a)) for a in sorted(new_agents - old_agents)]
    triples += [ox.Triple(node, IGKG.addresseeRemoved, ox.NamedNode(a)) for a in sorted(old_agents - new_agents)]
    old_cited = {c.iri or c.instrument for u in change.old_units for c in u.citations}
    new_cited = {c.iri or c.instrument for u in change.new_units for c in u.citations}
    triples += [ox.Triple(node, IGKG.citationAdded, ox.NamedNode(c)) for c in sorted(new_cited - old_cited)]
    triples += [ox.Triple(node, IGKG.citationRemoved, ox.NamedNode(c)) for c in sorted(old_cited - new_cited)]
    return triples


def revision_triples(diff: Diff, old_document: str, new_document: str, *, label: str | None = None,
                     when: date | None = None) -> list[ox.Triple]:
    """The triples that record ``new_document`` as a revision of ``old_document`` (both IRIs)
    and every change of ``diff`` (computed between them) as an ``igkg:UnitChange``."""
    doc = ox.NamedNode(new_document)
    triples = [ox.Triple(doc, PROV.wasRevisionOf, ox.NamedNode(old_document))]
    if label:
        triples.append(ox.Triple(doc, IGKG.versionLabel, ox.Literal(label)))
    if when is not None:
        triples.append(ox.Triple(doc, DCTERMS.date, ox.Literal(when.isoformat(), datatype=XSD.date)))
    for number, change in enumerate((c for c in diff.changes if c.changed), 1):
        triples += _change_triples(ox.NamedNode(f"{new_document}/change-{number}"), change, new_document)
    return triples
