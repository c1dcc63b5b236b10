"""The forms `igkg extract` recognises: layouts, verbs, addressees, mentions, references and the
inferred citations, one behaviour per test, on short texts."""

from __future__ import annotations

from pathlib import Path

import pytest

import igkg
from cli_support import RunCli
from extract_support import GD, GOVERNMENTS, ID, IGF, TA, VERB, iris, one, references
from igkg.extractor.references import paragraph_numbers

# --- layout -------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["•", "-", "*", "+", "1.", "1)", "(1)", "(a)", "a)", "–", "▪", "Recommendation 1:"])
def test_every_common_bullet_marker(kg: igkg.KnowledgeGraph, marker: str) -> None:
    text = f"Title\n\n{marker} Encourages the IGF to act.\n"
    recs = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert [r["text"] for r in recs] == ["Encourages the IGF to act."]


def test_wrapped_lines_join_and_a_numbered_title_is_the_title(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "1. A numbered title\n\n   (a note)\n\n   Some paragraph.\n\n"
        "   • Encourages the IGF\n     to act on paragraph\n     72. It matters;\n"
        "   • Invites all governments to help.\n"
    )
    document = igkg.extract(text=text, graph=kg)
    assert document.title == "A numbered title"
    assert [r.text for r in document.recommendations] == [
        "Encourages the IGF to act on paragraph 72. It matters;",
        "Invites all governments to help.",
    ]
    assert document.notes == ["(a note)", "Some paragraph."]


def test_markdown_headings_emphasis_links_and_sub_items(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "# The title\n\n## A heading\n\n"
        "- **Requests** the MAG to:\n  (a) publish [paragraph 72](https://x.org/a) items;\n"
        "  (b) report;\n- **Invites** the ITU\n  to help.\n\nClosing paragraph.\n"
    )
    document = igkg.extract(text=text, graph=kg)
    assert document.title == "The title"
    assert [r.text for r in document.recommendations] == [
        "Requests the MAG to: (a) publish paragraph 72 items; (b) report;",
        "Invites the ITU to help.",
    ]
    assert document.notes == ["Closing paragraph."]


def test_headings_are_not_recommendations(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "Title\n\nA. ENHANCED COOPERATION\n\n1. Notes the work of the WGEC;\n\nB. Participation\n\n"
        "2. Invites the private sector to engage.\n"
    )
    document = igkg.extract(text=text, graph=kg)
    assert [r.position for r in document.recommendations] == [1, 2]
    assert document.recommendations[1].text == "Invites the private sector to engage."


def test_nested_list_with_heading_items(kg: igkg.KnowledgeGraph) -> None:
    text = "Title\n\n- Participation\n  - Encourages the IGF to act.\n  - Invites the MAG to act.\n"
    assert [r.text for r in igkg.extract(text=text, graph=kg).recommendations] == [
        "Encourages the IGF to act.",
        "Invites the MAG to act.",
    ]


def test_unknown_opening_verb_is_reported_not_dropped(kg: igkg.KnowledgeGraph) -> None:
    text = "Title\n\n- Ponders the lack of funding for the IGF.\n- Encourages the ITU to act.\n"
    document = igkg.extract(text=text, graph=kg)
    data = document.to_dict()
    assert len(data["recommendations"]) == 2
    assert data["recommendations"][0]["actions"] == [] and iris(data["recommendations"][0]["mentions"]) == [IGF]
    assert data["unknown_verbs"] == [{"position": 1, "as_written": "Ponders"}]
    assert "not an operative verb" in document.warnings[0].message


def test_typographic_quotes_and_dashes_are_kept_verbatim_but_matched(kg: igkg.KnowledgeGraph) -> None:
    rec = one("Urges the Secretary\u2011General to read “paragraphs 69–71” of the Tunis Agenda — soon.", kg)
    assert rec["text"] == "Urges the Secretary\u2011General to read “paragraphs 69–71” of the Tunis Agenda — soon."
    assert iris(rec["addressees"]) == [ID + "actor/un-secretary-general"]
    assert references(rec) == [("tunis-agenda", "69"), ("tunis-agenda", "70"), ("tunis-agenda", "71")]


# --- verbs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,verbs",
    [
        ("Reaffirms the Tunis Agenda and invites the IGF to act.", ["reaffirms", "invites"]),
        ("Takes note of the report and calls on the MAG to act.", ["takes-note-of", "calls-upon"]),
        (
            "Calls upon the ITU to act; requests the MAG to report, and urges all governments to help.",
            ["calls-upon", "requests", "urges"],
        ),
        ("Further requests the IGF Secretariat to report.", ["requests"]),
        ("We encourage the IGF to act.", ["encourages"]),
        ("Encourages the IGF to act and to explore options, noting that it acts.", ["encourages"]),
        ("Welcomes the reports and notes of the MAG.", ["welcomes"]),
        ("Expresses its appreciation to the ITU.", ["expresses-appreciation"]),
        # a coordinated verb with a to-infinitive is operative; a noun followed by "to the …" is not
        ("Recognizes the role of the IGF, and decides to extend its mandate.", ["recognizes", "decides"]),
        ("Welcomes the reports and notes to the Secretariat that it should act.", ["welcomes"]),
    ],
)
def test_operative_verbs(kg: igkg.KnowledgeGraph, text: str, verbs: list[str]) -> None:
    assert iris(one(text, kg)["actions"]) == [VERB + v for v in verbs]


# --- addressees and mentions --------------------------------------------------------------


@pytest.mark.parametrize(
    "text,addressees",
    [
        ("Encourages the IGF to act.", [IGF]),
        ("Congratulates the IGF for its work.", [IGF]),
        ("Invites intergovernmental organizations to act.", [ID + "stakeholder-group/intergovernmental-organizations"]),
        (
            "Calls upon governments, the private sector and civil society to act.",
            [GOVERNMENTS, ID + "stakeholder-group/private-sector", ID + "stakeholder-group/civil-society"],
        ),
        ("Encourages the rethinking of the roles of governments.", []),
        ("Acknowledges the efforts of the IGF.", []),
        ("Welcomes the IGF's work.", []),
        ("Takes note of the WGIG report.", []),
        ("Encourages, in particular, all governments to act.", [GOVERNMENTS]),
        ("Invites and encourages the ITU to act.", [ID + "actor/itu"]),
    ],
)
def test_addressee_is_the_direct_object(kg: igkg.KnowledgeGraph, text: str, addressees: list[str]) -> None:
    rec = one(text, kg)
    assert iris(rec["addressees"]) == addressees
    assert set(addressees) <= set(iris(rec["mentions"]))


@pytest.mark.parametrize(
    "text,verbs,addressees",
    [
        ("Governments are urged to involve the technical community.", ["urges"], [GOVERNMENTS]),
        (
            "Member States and the private sector are strongly encouraged to invest in exchange points.",
            ["encourages"],
            [GOVERNMENTS, ID + "stakeholder-group/private-sector"],
        ),
        ("The ITU is called upon to publish its data.", ["calls-upon"], [ID + "actor/itu"]),
        ("The IGF should publish its messages earlier.", ["recommends"], [IGF]),
        # recommendations to no one: a passive modal, a subject that is not an agent
        ("The IGF should be strengthened.", ["recommends"], []),
        ("The work of the IGF should continue.", ["recommends"], []),
    ],
)
def test_the_addressee_named_first(kg: igkg.KnowledgeGraph, text: str, verbs: list[str], addressees: list[str]) -> None:
    rec = one(text, kg)
    assert iris(rec["actions"]) == [VERB + v for v in verbs]
    assert iris(rec["addressees"]) == addressees


def test_generic_words_and_acronym_case(kg: igkg.KnowledgeGraph) -> None:
    rec = one("Notes that stakeholders and all other stakeholders states the igf view, and that States act.", kg)
    assert iris(rec["mentions"]) == [GOVERNMENTS]  # only "States" with a capital; not "igf" in lower case


def test_names_come_from_the_graph(tmp_path: Path, run_cli: RunCli) -> None:
    """Adding an organization to the data makes it recognisable: no list in the code."""
    extra = tmp_path / "org.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix org: <http://www.w3.org/ns/org#> .\n@prefix igkg: <https://w3id.org/igkg/ontology#> .\n"
        '<https://example.org/drw> a org:Organization ; skos:prefLabel "Digital Rights Watch"@en ;\n'
        '    igkg:acronym "DRW" .\n',
        encoding="utf-8",
    )
    text = tmp_path / "draft.txt"
    text.write_text(
        "Draft\n\n- Invites Digital Rights Watch to advise the IGF; urges the DRW to publish.\n", encoding="utf-8"
    )
    without = igkg.extract(text)
    assert "https://example.org/drw" not in iris(without.to_dict()["recommendations"][0]["mentions"])
    result = run_cli("extract", text, "--data", extra)
    assert result.code == 0, result.err
    import json

    rec = json.loads(result.out)["recommendations"][0]
    assert iris(rec["addressees"]) == ["https://example.org/drw"]
    assert rec["mentions"][0] == {"iri": "https://example.org/drw", "label": "Digital Rights Watch"}


# --- references ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,numbers",
    [
        ("67 through 75", [str(n) for n in range(67, 76)]),
        ("35 and 36", ["35", "36"]),
        ("67 to 71", ["67", "68", "69", "70", "71"]),
        ("69-71", ["69", "70", "71"]),
        ("72(g)", ["72(g)"]),
        ("72 (g)", ["72(g)"]),
        ("72(a)-(c)", ["72(a)", "72(b)", "72(c)"]),
        ("35 a-e", ["35(a)", "35(b)", "35(c)", "35(d)", "35(e)"]),
        ("35, 36 and 72(a) to (c)", ["35", "36", "72(a)", "72(b)", "72(c)"]),
    ],
)
def test_paragraph_numbers_are_expanded(text: str, numbers: list[str]) -> None:
    assert list(paragraph_numbers(text)) == numbers


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Notes paragraph 69 of the Tunis Agenda.", [("tunis-agenda", "69")]),
        ("Notes Tunis Agenda paragraphs 67 through 69.", [("tunis-agenda", n) for n in ("67", "68", "69")]),
        ("Notes paras 35 and 36 of the TA.", [("tunis-agenda", "35"), ("tunis-agenda", "36")]),
        ("Notes the Tunis Agenda (paragraphs 69–71).", [("tunis-agenda", n) for n in ("69", "70", "71")]),
        ("Notes Tunis Agenda 69–70 on cooperation.", [("tunis-agenda", "69"), ("tunis-agenda", "70")]),
        ("Notes para 72(g) of the Tunis Agenda.", [("tunis-agenda", "72(g)")]),
        ("Notes paragraph 49 of the Geneva Declaration of Principles.", [("geneva-declaration", "49")]),
        ("Notes A/RES/70/125, paragraph 64.", [("a-res-70-125", "64")]),
        ("Notes the Tunis Agenda, in particular paras 35 and 36.", [("tunis-agenda", "35"), ("tunis-agenda", "36")]),
        ("Notes the Tunis Agenda and the Geneva Declaration.", [("tunis-agenda", None), ("geneva-declaration", None)]),
        ("Notes the Tunis Agenda of 2005.", [("tunis-agenda", None)]),
        ("Notes paragraph 200 of the Tunis Agenda.", [("tunis-agenda", "200")]),
    ],
)
def test_reference_forms(kg: igkg.KnowledgeGraph, text: str, expected: list[tuple[str, str | None]]) -> None:
    rec = one(text, kg)
    assert references(rec) == expected
    for reference in rec["references"]:
        known = reference["paragraph"] not in (None, "200")
        assert (reference["iri"] is not None) == known
        assert reference["as_written"] in rec["text"]


def test_bare_paragraph_takes_the_instrument_cited_last_or_is_reported(kg: igkg.KnowledgeGraph) -> None:
    text = "Title\n\n- Notes paragraph 49 of the Geneva Declaration.\n- Welcomes paragraph 50 too.\n\nNext\n\n"
    recs = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert references(recs[1]) == [("geneva-declaration", "50")]
    lonely = igkg.extract(text="Title\n\n- Welcomes paragraph 12.\n", graph=kg).to_dict()
    assert lonely["recommendations"][0]["references"] == []
    assert lonely["unresolved_references"] == [{"position": 1, "as_written": "paragraph 12"}]


def test_bare_paragraph_prefers_the_instrument_that_has_it(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "Title\n\n- Notes Tunis Agenda paragraph 69.\n"
        "- Takes note of A/RES/70/125, paragraph 64, which points to paragraphs 70-71.\n"
    )
    recs = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert references(recs[1]) == [("a-res-70-125", "64"), ("tunis-agenda", "70"), ("tunis-agenda", "71")]


# --- inferred citations -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # (a) a topic defined in an instrument: its provisions with that dcterms:subject
        (
            "Encourages the rethinking of the stakeholder roles that were defined in the Tunis Agenda.",
            [("tunis-agenda", "35")],
        ),
        ("Notes the Tunis Agenda-defined stakeholder roles.", [("tunis-agenda", "35")]),
        ("Notes the respective roles as set out in the Geneva Declaration.", [("geneva-declaration", "49")]),
        # (b) the role of an organization: the provisions that mandate or establish it
        # the IGF's mandate is Tunis Agenda ¶72-78 (A/RES/70/125 ¶63)
        ("Congratulates the IGF for meeting its Tunis Agenda defined role.",
         [("tunis-agenda", str(n)) for n in range(72, 79)]),
        ("Reaffirms the mandate of the IGF as set out in the Tunis Agenda.",
         [("tunis-agenda", str(n)) for n in range(72, 79)]),
        ("Notes the mandate of the WGEC-2 as defined in A/RES/70/125.", [("a-res-70-125", "65")]),
        (
            "Notes Enhanced Cooperation as described in the Tunis Agenda.",
            [("tunis-agenda", n) for n in ("69", "70", "71")],
        ),
        # no defined thing: the whole instrument; explicit numbers win over inference
        (
            "Acknowledges that the Tunis Agenda reflects the roles and responsibilities of all.",
            [("tunis-agenda", None)],
        ),
        ("Notes the stakeholder roles defined in the Tunis Agenda, paragraph 36.", [("tunis-agenda", "36")]),
    ],
)
def test_inferred_citations(kg: igkg.KnowledgeGraph, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert references(one(text, kg)) == expected


def test_inferred_citation_says_why(kg: igkg.KnowledgeGraph) -> None:
    document = igkg.extract(text="T\n\n- Notes the stakeholder roles defined in the Tunis Agenda.\n", graph=kg)
    citation = document.recommendations[0].citations[0]
    assert citation.resolution == "inferred" and citation.provisions[0].iri == TA + "/para-35"
    assert "stakeholder-roles" in (citation.note or "")
    assert GD  # the Geneva Declaration rule is covered by the parametrized cases above
