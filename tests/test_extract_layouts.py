"""Segmentation of real layouts, actions in every sentence, addressees as drafters mean them, the
references of resolutions: each phenomenon on a small text written for the test (not the
fixtures' wording), so that what is asserted is the rule, not a string."""

from __future__ import annotations

from typing import Any

import pytest

import igkg
from extract_support import GOVERNMENTS, ID, VERB, iris, one, references
from igkg.extractor.forms import base_form, ed_form, ing_form, verb_forms

CSTD = ID + "actor/cstd"
MAG = ID + "actor/igf-mag"
ITU = ID + "actor/itu"
UNESCO = ID + "actor/unesco"
IGOS = ID + "stakeholder-group/intergovernmental-organizations"
IOS = ID + "stakeholder-group/international-organizations"

RESOLUTION = """\
United Nations                                       E/2031/L.9
Economic and Social Council                          Distr.: Limited

Fortieth session
Agenda item 5

        Draft resolution submitted by the Vice-President

        Strengthening digital cooperation

        The Economic and Social Council,

        Recalling further its resolution 2016/22, in particular paragraph 30 thereof,
and welcoming the work of the Commission on Science and Technology for Development,

        Deeply concerned that many people remain offline,

        Aware of the role of the Internet Governance Forum,

        1.      Requests the Chair of the CSTD to convene a meeting;

        2.      Encourages governments:

        (a)     To publish national plans;

        (b)     To consult all stakeholders;

        3.      Invites the Government of Chile to host the meeting;
"""


def _extract(text: str, kg: igkg.KnowledgeGraph) -> dict[str, Any]:
    return igkg.extract(text=text, graph=kg).to_dict()


def test_a_resolution_preamble_and_operative_paragraphs(kg: igkg.KnowledgeGraph) -> None:
    data = _extract(RESOLUTION, kg)
    units = data["recommendations"]
    assert data["title"] == "Strengthening digital cooperation"
    assert data["sections"] == []
    assert [(u["kind"], u["number"]) for u in units] == [
        ("preambular", None),
        ("preambular", None),
        ("preambular", None),
        ("operative", "1"),
        ("operative", "2"),
        ("operative", "3"),
    ]
    assert [[a["as_written"] for a in u["actions"]] for u in units[:3]] == [
        ["Recalling further", "welcoming"],
        ["Deeply concerned"],
        ["Aware of"],
    ]
    assert [a["verb"] for a in units[0]["actions"]] == ["recalls", "welcomes"]
    assert references(units[0]) == [("ecosoc-res-2016-22", "30")]
    assert iris(units[3]["addressees"]) == [CSTD]  # the Chair of the CSTD → the CSTD
    assert [s["label"] for s in units[4]["sub_items"]] == ["a", "b"]  # sub-items belong to paragraph 2
    assert "(b) To consult all stakeholders;" in units[4]["text"]
    assert iris(units[5]["addressees"]) == [GOVERNMENTS]  # the Government of Chile


OUTCOME = """\
# Closing statement

## A. General

### 1.1 Scope

This statement is not a negotiated text.

### 1.2. Actions

1. We note the progress made. We therefore request the IGF Secretariat to report on it, and
   we invite the MAG to comment.

2. We welcome the report, and recognize its value, as the Secretary-General has requested.
"""


def test_we_paragraphs_under_numbered_headings(kg: igkg.KnowledgeGraph) -> None:
    data = _extract(OUTCOME, kg)
    assert [(s["label"], s["number"]) for s in data["sections"]] == [
        ("General", "A"),
        ("Scope", "1.1"),
        ("Actions", "1.2"),
    ]
    first, second = data["recommendations"]
    assert [(a["as_written"], a["verb"]) for a in first["actions"]] == [
        ("We note", "notes"),
        ("We therefore request", "requests"),
        ("we invite", "invites"),
    ]
    assert iris(first["addressees"]) == [ID + "actor/igf-secretariat", MAG]
    # "recognize" is coordinated; "has requested" is a third party's verb
    assert [a["verb"] for a in second["actions"]] == ["welcomes", "recognizes"]
    assert first["section"] == second["section"] == "Actions"


REPORT = """\
Report of the working group

II. Recommendations

Recommendation 1: Publish the programme earlier.

Recommendation 2:
The MAG should review how workshops are chosen.

Recommendation 3: Intergovernmental and international organizations, including the ITU and
UNESCO, are encouraged to join.

Recommendation 4: It is essential that the CSTD considers these proposals.
"""


def test_report_recommendations(kg: igkg.KnowledgeGraph) -> None:
    data = _extract(REPORT, kg)
    units = data["recommendations"]
    assert [u["number"] for u in units] == ["1", "2", "3", "4"]
    assert [[a["verb"] for a in u["actions"]] for u in units] == [
        ["recommends"],
        ["recommends"],
        ["encourages"],
        ["recommends"],
    ]
    assert [iris(u["addressees"]) for u in units] == [[], [MAG], [IGOS, IOS, ITU, UNESCO], [CSTD]]
    assert [u["section"] for u in units] == ["Recommendations"] * 4


@pytest.mark.parametrize(
    "text,verbs",
    [
        ("Stresses the need to act.", ["stresses"]),
        ("Emphasizes the need to act.", ["emphasizes"]),
        ("Recognizes the role of the ITU.", ["recognizes"]),
        ("Acknowledges the role of the ITU.", ["acknowledges"]),
        ("Underscores the point and highlights the risks.", ["underscores", "highlights"]),
        ("Bearing in mind the mandate, and noting the report,", ["bears-in-mind", "notes"]),
        ("Conscious of the costs,", ["is-conscious"]),
        ("Guided by the principles of the Charter,", ["is-guided-by"]),
        ("Having considered the report of the ITU,", ["considers"]),
        ("We are determined to act, and we ask the ITU to help.", ["is-determined", "asks"]),
        ("The IGF should be strengthened, as the ITU proposes.", ["recommends"]),
        ("Governments may wish to act on how the IGF should evolve.", ["recommends"]),
    ],
)
def test_verbs_of_un_drafting(kg: igkg.KnowledgeGraph, text: str, verbs: list[str]) -> None:
    assert iris(one(text, kg)["actions"]) == [VERB + v for v in verbs]


def test_a_verb_in_quotation_marks_is_not_an_action(kg: igkg.KnowledgeGraph) -> None:
    rec = one("We recall the call, which “urges the ITU to act”. We support it.", kg)
    assert iris(rec["actions"]) == [VERB + "recalls", VERB + "supports"]
    assert rec["addressees"] == []


def test_forms_are_made_by_rule() -> None:
    assert (base_form("stresses"), base_form("applies"), base_form("urges")) == ("stress", "apply", "urge")
    assert (ing_form("note"), ing_form("commit"), ing_form("recall")) == ("noting", "committing", "recalling")
    assert (ed_form("invite"), ed_form("apply"), ed_form("request")) == ("invited", "applied", "requested")
    assert ("mindful of", "adj") in verb_forms("is mindful of")
    assert ("express our appreciation", "base") in verb_forms("expresses its appreciation")


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Reaffirms paragraphs 35 (a) and (c) of the Tunis Agenda.",
            [("tunis-agenda", "35(a)"), ("tunis-agenda", "35(c)")],
        ),
        ("Recalls resolution 65/141, in particular paragraph 18 thereof.", [("a-res-65-141", "18")]),
        (
            "Recalls its resolutions 65/141 and 70/125.",
            [("a-res-65-141", None), ("a-res-70-125", None)],
        ),
        (
            "Welcomes the CSTD Working Group on IGF Improvements and paragraph 14 of its report.",
            [("cstd-wg-igf-improvements-report", "14")],
        ),
        (
            "Notes paragraph 16 of the report of the Working Group on Improvements to the IGF.",
            [("cstd-wg-igf-improvements-report", "16")],
        ),
        # the document's own paragraphs are no citation
        ("Recalls paragraph 72 of the Tunis Agenda and paragraph 1 above.", [("tunis-agenda", "72")]),
        ("Requests a report on paragraphs 2 and 3 of the present resolution.", []),
    ],
)
def test_reference_forms_of_resolutions(
    kg: igkg.KnowledgeGraph, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert references(one(text, kg)) == expected


def test_variant_labels_shared_heads_and_candidates(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "Invites the Department of Economic and Social Affairs of the Secretariat and international and "
        "intergovernmental organizations to support the Open Data Charter."
    )
    document = igkg.extract(text=f"T\n\n- {text}\n", graph=kg)
    rec = document.to_dict()["recommendations"][0]
    assert set(iris(rec["addressees"])) == {ID + "actor/undesa", IOS, IGOS}
    assert document.candidates == ["the Open Data Charter"]
    assert [w.kind for w in document.warnings] == ["candidate"]


def test_preambular_paragraphs_without_blank_lines(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "Draft\n\nThe Council,\n\nRecalling its resolution 2016/22,\nNoting the report of the\n"
        "Secretary-General,\nWelcoming the work of the IGF,\n\n1. Requests the IGF to report.\n"
    )
    units = _extract(text, kg)["recommendations"]
    assert [(u["kind"], u["actions"][0]["verb"]) for u in units] == [
        ("preambular", "recalls"),
        ("preambular", "notes"),
        ("preambular", "welcomes"),
        ("operative", "requests"),
    ]
    assert units[1]["text"] == "Noting the report of the Secretary-General,"


def test_under_a_we_chapeau_a_bare_verb_is_the_first_person(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "# Declaration\n\nWe, the participants in the meeting:\n\n"
        "1. Reaffirm the mandate of the IGF.\n2. Invite the MAG to act.\n"
    )
    units = _extract(text, kg)["recommendations"]
    assert [[a["verb"] for a in u["actions"]] for u in units] == [["reaffirms"], ["invites"]]
    assert iris(units[1]["addressees"]) == [MAG]
    imperative = _extract("# Messages\n\n1. Invite the MAG to act.\n", kg)["recommendations"][0]
    assert [a["verb"] for a in imperative["actions"]] == ["recommends"] and imperative["addressees"] == []


def test_a_numbered_heading_never_takes_the_next_line(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "Statement\n\nA. Introduction\n\n1.1 Purpose\n   This statement records the points of the dialogue.\n\n"
        "1.2 Context\n1. We recall the Summit. We accordingly invite the ITU to take part.\n\n"
        "4.1. Funding\n2. We express concern that funds are short.\n"
    )
    data = _extract(text, kg)
    assert [(s["label"], s["number"]) for s in data["sections"]] == [
        ("Introduction", "A"),
        ("Purpose", "1.1"),
        ("Context", "1.2"),
        ("Funding", "4.1"),
    ]
    assert [(u["number"], u["section"]) for u in data["recommendations"]] == [("1", "Context"), ("2", "Funding")]
    assert data["unknown_verbs"] == []


def test_clauses_after_a_semicolon_and_prose_by_the_author(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "Contribution\n\nThe Internet Society welcomes the opportunity to contribute.\n\n"
        "1. Member States should act; the CSTD is requested to report on it.\n"
        "2. Capacity is lacking; UNESCO and the ITU are encouraged to help.\n"
        "3. Invites the Economic and Social Council, through the CSTD, to review it.\n"
    )
    units = _extract(text, kg)["recommendations"]
    assert len(units) == 3  # the author's prose is no unit
    assert [a["verb"] for a in units[0]["actions"]] == ["recommends", "requests"]
    assert iris(units[0]["addressees"]) == [GOVERNMENTS, CSTD]
    assert iris(units[1]["addressees"]) == [UNESCO, ITU]
    assert iris(units[2]["addressees"]) == [ID + "actor/ecosoc"]


def test_recommendation_labels_of_every_kind(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "Report\n\nRecommendations\n\nRecommendation 1 – The IGF should publish an outlook.\n\n"
        "Rec. 2: Governments are urged to act.\n\nRecommendation 3 (to the MAG):\nInclude security in the themes.\n"
    )
    units = _extract(text, kg)["recommendations"]
    assert [(u["number"], [a["verb"] for a in u["actions"]]) for u in units] == [
        ("1", ["recommends"]),
        ("2", ["urges"]),
        ("3", ["recommends"]),
    ]
    assert units[2]["actions"][0]["as_written"] == "Include"
