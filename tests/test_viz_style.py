"""The explorer's styling as a pure function: types, IRI and facts → class, colour, shape, label."""

from __future__ import annotations

import pytest

from igkg.namespaces import IGKG_NS, PREFIXES
from igkg.network.style import (
    CLASS_KEYS,
    CLASSES,
    OTHER,
    full_name,
    is_schema,
    node_class,
    node_look,
    short_name,
    tooltip,
)

SKOS, ELI, OWL = PREFIXES["skos"], PREFIXES["eli"], PREFIXES["owl"]
ORG = PREFIXES["org"] + "Organization"
REC = "https://w3id.org/igkg/id/doc/wgec-second-take/rec-4"


@pytest.mark.parametrize(
    ("types", "key"),
    [
        ([IGKG_NS + "RecommendationDocument"], "document"),
        ([IGKG_NS + "Recommendation"], "recommendation"),
        ([IGKG_NS + "SummitOutcome"], "instrument"),
        ([IGKG_NS + "Resolution"], "instrument"),
        ([IGKG_NS + "Report"], "instrument"),
        ([IGKG_NS + "Paragraph"], "paragraph"),
        ([IGKG_NS + "SubItem"], "paragraph"),
        ([IGKG_NS + "Section"], "section"),
        ([ORG], "organization"),
        ([IGKG_NS + "StakeholderGroup"], "stakeholder-group"),
        ([IGKG_NS + "Audience"], "audience"),
        ([IGKG_NS + "Process"], "process"),
        ([SKOS + "Concept"], "concept"),
        ([], "other"),
        (["https://example.org/Unknown"], "other"),
        # Several types: the first class in CLASSES wins, whatever the order of the types.
        ([SKOS + "Concept", ORG], "organization"),
        ([IGKG_NS + "Paragraph", IGKG_NS + "Recommendation"], "recommendation"),
    ],
)
def test_types_decide_the_class(types: list[str], key: str) -> None:
    assert node_class(types).key == key


def test_classes_are_told_apart_by_colour_and_named_once() -> None:
    colours = [c.colour for c in (*CLASSES, OTHER)]
    assert len(set(colours)) == len(colours)
    assert len(set(CLASS_KEYS)) == len(CLASS_KEYS) == len(CLASSES) + 1
    assert all(c.colour.startswith("#") and len(c.colour) == 7 for c in (*CLASSES, OTHER))


def test_short_labels() -> None:
    rec = node_look([IGKG_NS + "Recommendation"], REC, {IGKG_NS + "position": ["4"]}, container="WGEC")
    assert (rec.label, rec.cls.key, rec.shape) == ("WGEC #4", "recommendation", "box")
    para = node_look([IGKG_NS + "Paragraph"], "x:para-72", {ELI + "number": ["72"]}, container="TA")
    assert para.label == "TA ¶72"
    item = node_look([IGKG_NS + "SubItem"], "x:para-72-g", {ELI + "number": ["72(g)"]}, container="TA")
    assert item.label == "TA ¶72(g)"
    igf = node_look([ORG], "https://w3id.org/igkg/id/actor/igf",
                    {SKOS + "prefLabel": ["Internet Governance Forum"], IGKG_NS + "acronym": ["IGF"]})
    assert (igf.label, igf.colour, igf.shape) == ("IGF", node_class([ORG]).colour, "triangle")
    action = node_look([IGKG_NS + "Action"], "x:a", {IGKG_NS + "verbAsWritten": ["Encourages"]})
    assert action.label == "encourages"
    section = node_look([IGKG_NS + "Section"], "x:s", {SKOS + "prefLabel": ["Internet governance"]}, "TA")
    assert section.label == "TA: Internet governance"


def test_labels_fall_back_and_are_clipped() -> None:
    # No position: the recommendation is named like any other node.
    rec = node_look([IGKG_NS + "Recommendation"], REC, {})
    assert rec.label == "rec-4"
    group = node_look([IGKG_NS + "StakeholderGroup"], "x:g", {SKOS + "prefLabel": ["Governments"]})
    assert group.label == "Governments"
    long = node_look([], "https://example.org/thing", {SKOS + "prefLabel": ["A" * 60]})
    assert len(long.label) == 28 and long.label.endswith("…")
    assert node_look([], "https://example.org/a/thing", {}).label == "thing"


def test_container_short_names() -> None:
    ta = {SKOS + "prefLabel": ["Tunis Agenda for the Information Society"], SKOS + "altLabel": ["Tunis Agenda"],
          IGKG_NS + "acronym": ["TA"]}
    assert short_name("inst:ta", ta) == "TA"
    doc = {SKOS + "prefLabel": ["A second take on #WGEC recommendations"], SKOS + "altLabel": ["WGEC second take"]}
    assert short_name("doc:x", doc, related_acronym="WGEC") == "WGEC"
    assert short_name("doc:x", doc) == "WGEC second take"
    gd = {SKOS + "altLabel": ["Declaration of Principles", "Geneva Declaration"]}
    assert short_name("inst:gd", gd) == "Geneva Declaration"


def test_full_name_prefers_the_preferred_label() -> None:
    facts = {SKOS + "prefLabel": ["Internet Governance Forum"], IGKG_NS + "acronym": ["IGF"]}
    assert full_name("https://w3id.org/igkg/id/actor/igf", facts) == "Internet Governance Forum"
    assert full_name(REC, {}, "WGEC #4") == "WGEC #4"
    assert full_name("https://w3id.org/igkg/id/actor/igf", {}) == "actor:igf"


def test_schema_terms_are_recognised() -> None:
    assert is_schema([OWL + "Class"]) and is_schema([OWL + "ObjectProperty", OWL + "FunctionalProperty"])
    assert not is_schema([ORG]) and not is_schema([])


def test_tooltip_is_plain_text_with_the_verbatim_text_first() -> None:
    text = "Encourages the IGF to <b>continue</b> & grow;"
    look = node_look([IGKG_NS + "Recommendation"], REC, {IGKG_NS + "position": ["8"]}, "WGEC")
    tip = tooltip(look, REC, {IGKG_NS + "text": [text], IGKG_NS + "position": ["8"]}, {IGKG_NS + "text": "text"})
    lines = tip.split("\n")
    assert lines[0] == "WGEC #8"
    assert lines[1] == "recommendation"
    assert lines[2] == f"text: {text}"  # as written: the page shows it as text, never as markup
    assert lines[-1] == "doc:wgec-second-take/rec-4"
