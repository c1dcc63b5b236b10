"""The units of one version of a recommendation document, read from the graph.

A document is read the same way whichever way it entered the graph (modelled by hand, or
extracted from a file moments ago): its ``igkg:Recommendation`` nodes with their text, actions
(verb, as written, strength), addressees, mentions and qualified citations. The diff compares
these, so it needs nothing of the extraction wing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import InputError
from ..namespaces import sparql_prologue
from ..results import ResultTable
from ..stores.base import GraphStore

__all__ = ["Verb", "Citation", "Unit", "Side", "read_side", "normalise"]


@dataclass(frozen=True)
class Verb:
    """An operative verb of a unit: its concept, preferred label, the words as written, and its
    strength (see :func:`verb_strength`)."""

    iri: str
    label: str
    as_written: str
    strength: int


@dataclass(frozen=True)
class Citation:
    """A cited provision (``paragraph`` is ``None`` for a whole instrument)."""

    instrument: str
    instrument_label: str
    paragraph: str | None
    iri: str | None
    as_written: str


@dataclass
class Unit:
    """One recommendation of one version, with what the diff compares."""

    position: int
    iri: str
    text: str
    verbs: list[Verb] = field(default_factory=list)
    addressees: dict[str, str] = field(default_factory=dict)  # IRI → label, in text order
    mentions: dict[str, str] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)

    @property
    def normalised(self) -> str:
        return normalise(self.text)

    @property
    def strength(self) -> int:
        """The rank of its strongest verb (0 when it has none)."""
        return max((v.strength for v in self.verbs), default=0)


@dataclass
class Side:
    """One version: the document's IRI and label, and its units in order."""

    document: str
    label: str
    units: list[Unit]


_WORD = re.compile(r"[^\w§¶]+", re.UNICODE)


def normalise(text: str) -> str:
    """Lower case, punctuation and spacing made uniform: what alignment compares."""
    return " ".join(_WORD.sub(" ", text.casefold()).split())


_UNITS = sparql_prologue() + """SELECT ?rec ?position ?text WHERE {
  ?rec eli:is_part_of ?doc ; a igkg:Recommendation ; igkg:position ?position ; igkg:text ?text .
} ORDER BY ?position"""
_LABEL = sparql_prologue() + """SELECT ?label WHERE {
  OPTIONAL { ?doc skos:prefLabel ?pref }
  OPTIONAL { ?doc dcterms:title ?title }
  BIND (COALESCE(?pref, ?title, STR(?doc)) AS ?label)
} LIMIT 1"""
_VERBS = sparql_prologue() + """SELECT ?rec ?apos ?verb ?vlabel ?written ?vrank ?krank WHERE {
  ?rec eli:is_part_of ?doc ; a igkg:Recommendation ; igkg:hasAction ?a .
  ?a igkg:verb ?verb .
  OPTIONAL { ?a igkg:actionPosition ?apos }
  OPTIONAL { ?a igkg:verbAsWritten ?written }
  OPTIONAL { ?verb skos:prefLabel ?vlabel }
  OPTIONAL { ?verb igkg:verbStrength ?vrank }
  OPTIONAL { ?verb igkg:verbKind/igkg:strengthRank ?krank }
} ORDER BY ?rec ?apos"""
_AGENTS = sparql_prologue() + """SELECT DISTINCT ?rec ?rel ?agent ?label WHERE {
  ?rec eli:is_part_of ?doc ; a igkg:Recommendation .
  { ?rec igkg:hasAction/igkg:addressee ?agent . BIND ("addressee" AS ?rel) }
  UNION { ?rec igkg:mentions ?agent . BIND ("mention" AS ?rel) }
  OPTIONAL { ?agent skos:prefLabel ?pref }
  BIND (COALESCE(?pref, STR(?agent)) AS ?label)
}"""
_CITATIONS = sparql_prologue() + """SELECT ?rec ?c ?written ?inst ?ilabel ?prov ?number WHERE {
  ?rec eli:is_part_of ?doc ; a igkg:Recommendation ; igkg:qualifiedCitation ?c .
  ?c igkg:citedInstrument ?inst .
  OPTIONAL { ?c igkg:asWritten ?written }
  OPTIONAL { ?inst skos:prefLabel ?ipref }
  BIND (COALESCE(?ipref, STR(?inst)) AS ?ilabel)
  OPTIONAL { ?c igkg:citedProvision ?prov . OPTIONAL { ?prov eli:number ?number } }
}"""


def _rows(store: GraphStore, sparql: str, doc: ox.NamedNode) -> list[dict[str, object]]:
    result = store.query(sparql, {"doc": doc})
    assert isinstance(result, ResultTable)
    return [dict(row) for row in result]


def verb_strength(verb_rank: object, kind_rank: object) -> int:
    """A verb's own ``igkg:verbStrength`` when the scheme gives one, else ten times its kind's
    (noting 1, encouraging 2, requesting 3, deciding 4), so that kinds always compare."""
    if isinstance(verb_rank, int):
        return verb_rank
    return 10 * kind_rank if isinstance(kind_rank, int) else 0


def read_side(store: GraphStore, document: str) -> Side:
    """The units of ``document`` (an IRI) in ``store``; :class:`InputError` when it has none."""
    doc = ox.NamedNode(document)
    units = {str(r["rec"]): Unit(int(str(r["position"])), str(r["rec"]), " ".join(str(r["text"]).split()))
             for r in _rows(store, _UNITS, doc)}
    if not units:
        raise InputError(f"{document} has no recommendations in the graph")
    label = next((str(r["label"]) for r in _rows(store, _LABEL, doc)), document)
    for r in _rows(store, _VERBS, doc):
        unit = units[str(r["rec"])]
        iri = str(r["verb"])
        name = str(r["vlabel"]) if r["vlabel"] is not None else iri.rsplit("/", 1)[-1]
        written = str(r["written"]) if r["written"] is not None else name
        unit.verbs.append(Verb(iri, name, written, verb_strength(r["vrank"], r["krank"])))
    for r in _rows(store, _AGENTS, doc):
        unit = units[str(r["rec"])]
        (unit.addressees if r["rel"] == "addressee" else unit.mentions)[str(r["agent"])] = str(r["label"])
    for r in _rows(store, _CITATIONS, doc):
        unit = units[str(r["rec"])]
        provision = str(r["prov"]) if r["prov"] is not None else None
        number = str(r["number"]) if r["number"] is not None else None
        unit.citations.append(Citation(str(r["inst"]), str(r["ilabel"]), number, provision,
                                       str(r["written"]) if r["written"] is not None else ""))
    ordered = sorted(units.values(), key=lambda u: u.position)
    for unit in ordered:  # text order for agents, as in the JSON of igkg extract
        unit.addressees = _in_text_order(unit.addressees, unit.text)
        unit.mentions = _in_text_order(unit.mentions, unit.text)
        unit.citations = sorted(set(unit.citations), key=lambda c: (c.instrument, _number_key(c.paragraph)))
    return Side(document, label, ordered)


def _in_text_order(agents: dict[str, str], text: str) -> dict[str, str]:
    lowered = text.casefold()

    def place(item: tuple[str, str]) -> tuple[int, str]:
        found = lowered.find(item[1].casefold())
        return (found if found >= 0 else len(text), item[1])

    return dict(sorted(agents.items(), key=place))


def _number_key(number: str | None) -> tuple[int, str]:
    if number is None:
        return (-1, "")
    digits = re.match(r"\d+", number)
    return (int(digits.group(0)) if digits else 10**6, number)
