"""How a node looks in the explorer: a pure function from its types, IRI and literal facts
to its class, colour, shape and a short readable label ("WGEC #4", "TA ¶72", "IGF").

Nothing here touches a store or a browser, so it is tested on its own
(``tests/test_viz_style.py``); :mod:`igkg.explorer.view` gathers the facts and calls it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..namespaces import compact
from ..vocab import DCTERMS, ELI, IGKG, ORG, OWL, RDF, RDFS, SH, SKOS

__all__ = [
    "NodeClass",
    "NodeLook",
    "CLASSES",
    "CLASS_KEYS",
    "OTHER",
    "node_class",
    "is_schema",
    "is_concept",
    "short_name",
    "full_name",
    "node_look",
    "tooltip",
]

# The explorer keys nodes and facts by IRI strings (what vis-network and networkx hold).
PREF_LABEL = SKOS.prefLabel.value
ALT_LABEL = SKOS.altLabel.value
ACRONYM = IGKG.acronym.value
TITLE = DCTERMS.title.value
LABEL = RDFS.label.value
NUMBER = ELI.number.value
POSITION = IGKG.position.value
VERB_AS_WRITTEN = IGKG.verbAsWritten.value
AS_WRITTEN = IGKG.asWritten.value
#: The literal properties short labels and full names are made of (:func:`node_look`,
#: :func:`full_name`, :func:`short_name`): all a label look-up needs to read besides types and
#: the links to wholes (``eli:is_part_of``, ``igkg:preparedWithin``).
LABEL_FACTS: tuple[str, ...] = (PREF_LABEL, ALT_LABEL, ACRONYM, TITLE, LABEL, NUMBER, POSITION, VERB_AS_WRITTEN,
                                AS_WRITTEN)

MAX_LABEL = 28


@dataclass(frozen=True)
class NodeClass:
    """One kind of node in the explorer: its legend entry and how its nodes are drawn."""

    key: str
    name: str
    colour: str
    shape: str
    size: int
    types: tuple[str, ...]
    font: str = "#1b1f24"


@dataclass(frozen=True)
class NodeLook:
    """What the explorer draws for one node."""

    cls: NodeClass
    label: str

    @property
    def colour(self) -> str:
        return self.cls.colour

    @property
    def shape(self) -> str:
        return self.cls.shape


#: The classes in priority order: a node with several types takes the first class that matches.
#: Colours are distinguishable for the common forms of colour blindness (Tableau 10 / Okabe-Ito).
CLASSES: tuple[NodeClass, ...] = (
    NodeClass("document", "recommendation document", "#1f4e79", "box", 30,
              (IGKG.RecommendationDocument.value,), font="#ffffff"),
    NodeClass("recommendation", "recommendation", "#4e79a7", "box", 22,
              (IGKG.Recommendation.value,), font="#ffffff"),
    NodeClass("action", "operative action", "#a0cbe8", "dot", 8, (IGKG.Action.value,)),
    NodeClass("citation", "citation", "#b6992d", "diamond", 9, (IGKG.Citation.value,)),
    NodeClass("instrument", "instrument", "#e15759", "hexagon", 26,
              (IGKG.Instrument.value, IGKG.SummitOutcome.value, IGKG.Resolution.value, IGKG.Report.value)),
    NodeClass("section", "section", "#ff9d9a", "square", 14, (IGKG.Section.value,)),
    NodeClass("paragraph", "paragraph or sub-item", "#f28e2b", "dot", 11,
              (IGKG.Paragraph.value, IGKG.SubItem.value)),
    NodeClass("organization", "organization", "#59a14f", "triangle", 18,
              (ORG.Organization.value,)),
    NodeClass("stakeholder-group", "stakeholder group", "#8cd17d", "triangleDown", 18,
              (IGKG.StakeholderGroup.value,)),
    NodeClass("audience", "audience", "#86bcb6", "triangleDown", 14, (IGKG.Audience.value,)),
    NodeClass("process", "process", "#edc948", "star", 18, (IGKG.Process.value,)),
    NodeClass("role", "stakeholder role", "#d4a6c8", "square", 10, (IGKG.StakeholderRole.value,)),
    NodeClass("concept", "concept", "#bab0ac", "dot", 7,
              (SKOS.Concept.value, SKOS.ConceptScheme.value)),
)
OTHER = NodeClass("other", "other", "#79706e", "dot", 7, ())
CLASS_KEYS: tuple[str, ...] = tuple(c.key for c in CLASSES) + (OTHER.key,)

_BY_TYPE: dict[str, NodeClass] = {}
for _cls in CLASSES:
    for _type in _cls.types:
        _BY_TYPE.setdefault(_type, _cls)
_PRIORITY = {c.key: i for i, c in enumerate(CLASSES)}

#: Types of schema terms: the ontology describes the data, it is not drawn as part of it.
SCHEMA_TYPES = frozenset(term.value for term in (
    OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty, OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.Ontology, RDFS.Class,
    RDFS.Datatype, RDF.Property, SH.NodeShape, SH.PropertyShape,
))


def node_class(types: Iterable[str]) -> NodeClass:
    """The explorer class of a node with these ``rdf:type`` IRIs (``OTHER`` when none matches)."""
    best, rank = OTHER, len(_PRIORITY)
    for t in types:
        cls = _BY_TYPE.get(t)
        if cls is not None and _PRIORITY[cls.key] < rank:
            best, rank = cls, _PRIORITY[cls.key]
    return best


def is_schema(types: Iterable[str]) -> bool:
    """True for ontology terms (classes, properties, the ontology itself, shapes)."""
    return not SCHEMA_TYPES.isdisjoint(types)


CONCEPT_TYPES = frozenset((SKOS.Concept.value, SKOS.ConceptScheme.value))


def is_concept(types: Iterable[str]) -> bool:
    """True for the terms of the concept schemes (verification status, verbs and their kinds,
    topics, document status …): values that describe a node, drawn as its properties, not as
    hub nodes that link everything to everything."""
    return not CONCEPT_TYPES.isdisjoint(types)


def _first(facts: Mapping[str, Sequence[str]], *keys: str) -> str | None:
    for key in keys:
        found = facts.get(key)
        if not found:
            continue
        values = [v for v in (v.strip() for v in found) if v]
        if values:
            return sorted(values)[0] if len(values) > 1 else values[0]
    return None


def _clip(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _local_name(iri: str) -> str:
    shown = compact(iri, for_display=True)
    if shown != iri:
        return shown.split(":", 1)[1].rsplit("/", 1)[-1]
    tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail or iri


def full_name(iri: str, facts: Mapping[str, Sequence[str]], fallback: str | None = None) -> str:
    """The fullest human name of a node: its preferred label, title or label, else ``fallback``
    (its short label), else its IRI."""
    return _first(facts, PREF_LABEL, TITLE, LABEL) or fallback or compact(iri, for_display=True)


def short_name(iri: str, facts: Mapping[str, Sequence[str]], related_acronym: str | None = None) -> str:
    """How a container is named inside other labels: its acronym ("TA"), else the acronym of
    the body it was prepared within ("WGEC"), else its shortest alternative or preferred label."""
    acronym = _first(facts, ACRONYM)
    if acronym:
        return acronym
    if related_acronym:
        return related_acronym
    names = [v.strip() for key in (ALT_LABEL, PREF_LABEL, TITLE, LABEL) for v in facts.get(key, ()) if v.strip()]
    if names:
        return _clip(min(names, key=lambda n: (len(n), n)))
    return _local_name(iri)


def node_look(
    types: Iterable[str],
    iri: str,
    facts: Mapping[str, Sequence[str]],
    container: str | None = None,
) -> NodeLook:
    """Class and short label of a node.

    ``facts`` maps predicate IRIs to the node's literal values; ``container`` is the short
    name of what the node is part of (the document of a recommendation, the instrument of a
    paragraph), which the caller finds by following ``eli:is_part_of``.
    """
    cls = node_class(types)
    label: str | None = None
    if cls.key == "recommendation":
        position = _first(facts, POSITION)
        if position:
            label = f"{container} #{position}" if container else f"#{position}"
    elif cls.key == "paragraph":
        number = _first(facts, NUMBER)
        if number:
            label = f"{container} ¶{number}" if container else f"¶{number}"
    elif cls.key == "section":
        name = _first(facts, PREF_LABEL, LABEL)
        if name:
            label = _clip(f"{container}: {name}" if container else name)
    elif cls.key == "action":
        verb = _first(facts, VERB_AS_WRITTEN)
        if verb:
            label = _clip(verb.lower())
    elif cls.key == "citation":
        words = _first(facts, AS_WRITTEN)
        if words:
            label = _clip(f"“{words}”")
    elif cls.key in ("document", "instrument"):
        label = short_name(iri, facts)
    elif cls.key in ("organization", "stakeholder-group", "audience", "process"):
        label = _first(facts, ACRONYM)
    if label is None:
        label = _clip(_first(facts, ACRONYM, PREF_LABEL, LABEL, TITLE) or _local_name(iri))
    return NodeLook(cls, label)


#: Literal properties shown in tooltips, in this order (verbatim text first).
TOOLTIP_FACTS: tuple[str, ...] = (
    IGKG.text.value, IGKG.provisionText.value, IGKG.subjectSummary.value, AS_WRITTEN, VERB_AS_WRITTEN, PREF_LABEL,
    ACRONYM,
    TITLE, ELI.id_local.value, NUMBER, POSITION, ELI.date_document.value, SKOS.definition.value,
)


def tooltip(
    look: NodeLook,
    iri: str,
    facts: Mapping[str, Sequence[str]],
    property_names: Mapping[str, str],
    limit: int = 600,
) -> str:
    """Plain text (never markup) for a node's hover box: name, class, key facts, IRI."""
    lines = [full_name(iri, facts, look.label), look.cls.name]
    for key in TOOLTIP_FACTS:
        for value in facts.get(key, ())[:2]:
            name = property_names.get(key) or compact(key)
            lines.append(f"{name}: {_clip(value, limit)}")
    lines.append(compact(iri, for_display=True))
    return "\n".join(lines)
