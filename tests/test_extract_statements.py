"""Statements, principles and chapeaux: the rules for the phenomena that documents written
independently of the fixtures showed (principles in prose, third-person chapeaux over base
forms, subjects with a relative clause, coordinated passives and gapping, agents as the only
addressees, the verbs of declarations). Each rule on a small text written for the test."""

from __future__ import annotations

from typing import Any

import pytest

import igkg
from extract_support import GOVERNMENTS, ID, IGF, VERB, iris, one
from igkg.extractor.chapeaux import speaker_chapeau
from igkg.extractor.lexicon import lexicon_for

CSTD = ID + "actor/cstd"
MAG = ID + "actor/igf-mag"
ITU = ID + "actor/itu"
UNESCO = ID + "actor/unesco"
ALL = ID + "actor/all-stakeholders"
SECRETARIAT = ID + "actor/igf-secretariat"
DESA = ID + "actor/undesa"
PRIVATE = ID + "stakeholder-group/private-sector"
CIVIL = ID + "stakeholder-group/civil-society"
TECHNICAL = ID + "stakeholder-group/academic-and-technical-communities"
RIRS = ID + "actor/regional-internet-registries"
NRO = ID + "actor/nro"
ENHANCED = ID + "process/enhanced-cooperation"


def _units(text: str, kg: igkg.KnowledgeGraph) -> list[dict[str, Any]]:
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert data["unknown_verbs"] == [], data["unknown_verbs"]
    units: list[dict[str, Any]] = data["recommendations"]
    return units


def _verbs(unit: dict[str, Any]) -> list[str]:
    return [a["verb"] for a in unit["actions"]]


# --- 1. principles in prose ---------------------------------------------------------------------

PRINCIPLES = """\
# Principles agreed at the regional dialogue

Some 300 people attended the dialogue, which was held over two afternoons. The chair thanked the
host city and closed the meeting.

## 1. Shared values

### Openness

The Internet must stay open to new services. Innovation at the edges is its main strength, and
new rules should not require permission to innovate.

**Transparency.** Public bodies and companies should publish how they take decisions that affect
users.

* **Diversity.** Content in local languages deserves support. The private sector should invest in it.
* **Security.** Security measures should respect human rights.

## 2. Next steps

1) The `MAG` should hold an open call for session proposals.
2) [Civil society](https://example.org/cs) must be heard before rules are adopted.
- The [`CSTD`](https://example.org/cstd) should review these principles in two years.
"""


def test_principles_in_prose_are_units_that_recommend(kg: igkg.KnowledgeGraph) -> None:
    units = _units(PRINCIPLES, kg)
    # the introduction (no sentence recommends) and the headings are no units
    assert [u["text"].split(".")[0] for u in units] == [
        "The Internet must stay open to new services",
        "Transparency",
        "Diversity",
        "Security",
        "The MAG should hold an open call for session proposals",
        "Civil society must be heard before rules are adopted",
        "The CSTD should review these principles in two years",
    ]
    assert all(_verbs(u) == ["recommends"] for u in units)
    assert [u["section"] for u in units[:2]] == ["Openness", "Openness"]
    assert [u["number"] for u in units[4:]] == ["1", "2", None]
    # the recommending sentence may come later; a bold lead-in is a label, not an unknown verb
    assert iris(units[2]["addressees"]) == [PRIVATE]
    assert iris(units[4]["addressees"]) == [MAG]  # inline code around a name
    assert units[5]["addressees"] == [] and iris(units[5]["mentions"]) == [CIVIL]  # a passive
    assert iris(units[6]["addressees"]) == [CSTD]  # a link around inline code


LEAD_INS_BESIDE_A_LIST = """\
# A coalition's note on open standards

We are a network of libraries and universities. This note says what we ask of the bodies below.

## Our view

**Open specifications.** We urge the ITU to publish its recommendations free of charge.

**Procurement.** We call on governments to prefer open formats when they buy software.

## Further requests

- We invite the IGF to hold a session on open formats.
- We ask the CSTD to report on progress next year.

## Endorsed by

- Open Shelves Network (Portugal)
- Campus Data Collective (Ghana)
"""


def test_first_person_paragraphs_after_a_lead_in_are_units_beside_a_list(kg: igkg.KnowledgeGraph) -> None:
    """A bold lead-in label run into a "We urge …" paragraph does not hide its verb, also when the
    document has a bulleted list of its own; the introduction and the endorsers are no units."""
    units = _units(LEAD_INS_BESIDE_A_LIST, kg)
    assert [_verbs(u) for u in units] == [["urges"], ["calls upon"], ["invites"], ["asks"]]
    assert [iris(u["addressees"]) for u in units] == [[ITU], [GOVERNMENTS], [IGF], [CSTD]]
    assert [u["section"] for u in units] == ["Our view", "Our view", "Further requests", "Further requests"]


def test_a_prose_paragraph_whose_modal_is_subordinate_is_no_unit(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "Summary\n\nParticipants agreed that the messages should be short. The Forum met in June.\n\n"
        "1. Governments should publish their plans.\n"
    )
    units = _units(text, kg)
    assert [u["text"] for u in units] == ["Governments should publish their plans."]


def test_a_paragraph_in_italics_is_an_editorial_note(kg: igkg.KnowledgeGraph) -> None:
    """A draft's note to its readers, set in italics, asks them to do something: still no unit;
    the same words in roman type are a recommendation in prose."""
    note = "Readers are asked to send their comments to the secretariat by the end of May."
    for marks, units in (("_", 1), ("*", 1), ("", 2)):
        text = f"# Draft messages\n\n{marks}{note}{marks}\n\n1. Invites the IGF to publish the messages.\n"
        assert len(_units(text, kg)) == units, marks


def test_a_labelled_recommendation_goes_on_over_its_unlabelled_paragraphs(kg: igkg.KnowledgeGraph) -> None:
    """In a report whose recommendations are labelled, a recommending paragraph without a label
    is the second paragraph of the one above; a paragraph that recommends nothing stays a note."""
    text = (
        "Recommendations\n\nRecommendation 1.\nRegulators should reserve spectrum for community networks.\n\n"
        "Where a local operator cannot afford a licence, the regulator should waive the fee.\n\n"
        "Recommendation 2.\nThe IGF Secretariat should publish a guide to community networks.\n\n"
        "The working group will meet again in May.\n"
    )
    units = _units(text, kg)
    assert [u["number"] for u in units] == ["1", "2"]
    assert units[0]["text"].endswith("the regulator should waive the fee.")
    assert "May" not in units[1]["text"]


def test_we_with_an_apposition_before_the_verb(kg: igkg.KnowledgeGraph) -> None:
    """ "We, the members, welcome …" is a first-person paragraph; "We, the undersigned
    organizations:" stays a chapeau over the items below it."""
    text = (
        "# Principles\n\nThe Internet should remain open to all.\n\n"
        "We, the members, welcome the continuation of this work and invite all stakeholders to join it.\n\n"
        "We, the undersigned organizations:\n\n1. Call on governments to act.\n"
    )
    units = _units(text, kg)
    assert [_verbs(u) for u in units] == [["recommends"], ["welcomes", "invites"], ["calls upon"]]
    assert units[1]["actions"][0]["as_written"] == "We, the members, welcome"
    assert iris(units[1]["addressees"]) == [ALL] and iris(units[2]["addressees"]) == [GOVERNMENTS]


def test_a_roman_numbered_heading_over_numbered_paragraphs_is_a_section(kg: igkg.KnowledgeGraph) -> None:
    """ "III. Concluding observations" (its first word could be a participle) over numbered
    paragraphs is a section heading, not a unit that swallows them."""
    body = (
        "Report of the group\n\n II. Recommendations\n\n"
        "              12.     Governments are invited to publish their national plans.\n\n\n"
        " III. Concluding observations\n\n"
        "              13.     All stakeholders are urged to take part in the work of the\n"
        "              Forum between its meetings.\n"
        "              14.     The Commission may wish to ask the Council for a yearly report.\n"
    )
    units = _units(body, kg)
    assert [(u["number"], u["section"]) for u in units] == [
        ("12", "Recommendations"),
        ("13", "Concluding observations"),
        ("14", "Concluding observations"),
    ]


# --- 2. chapeaux that name the speaker ----------------------------------------------------------


@pytest.mark.parametrize(
    "chapeau,speaks",
    [
        ("The participants in the roundtable:", True),
        ("The members of the working group,", True),
        ("The Commission,", True),
        ("We, the undersigned organizations:", True),
        ("Member States:", True),
        ("Recommendations:", False),
        ("Key messages of the session:", False),
        ("The Commission recommends to the Council the adoption of the following draft resolution:", False),
        ("The participants agreed on the following:", False),
        ("The participants in the roundtable.", False),
    ],
)
def test_which_chapeaux_name_a_speaker(kg: igkg.KnowledgeGraph, chapeau: str, speaks: bool) -> None:
    assert speaker_chapeau(chapeau, lexicon_for(kg)) is speaks


def test_base_forms_under_a_third_person_chapeau_are_its_verbs(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "# Outcome of the expert meeting\n\nThe experts taking part in the meeting:\n\n"
        "### Funding\n\n"
        "1. Call upon the private sector to fund remote hubs.\n"
        "2. Urge the IGF Secretariat to publish the accounts of the Trust Fund.\n\n"
        "### Follow-up\n\n"
        "3. Recommend that the MAG review the hubs every year.\n"
        "4. Welcome the offer of UNESCO and invite the ITU to join it.\n\n"
        "The secretariat listed further ideas from the feedback forms.\n\n"
        "- Invite the ITU to the next meeting.\n"
    )
    units = _units(text, kg)
    assert [_verbs(u) for u in units] == [
        ["calls upon"],
        ["urges"],
        ["recommends"],
        ["welcomes", "invites"],
        ["recommends"],  # after a paragraph of prose the chapeau is over: an imperative
    ]
    assert [iris(u["addressees"]) for u in units] == [[PRIVATE], [SECRETARIAT], [MAG], [ITU], []]
    assert [u["actions"][0]["as_written"] for u in units] == ["Call upon", "Urge", "Recommend", "Welcome", "Invite"]


@pytest.mark.parametrize("chapeau", ["The members of the working group,", "The Commission,"])
def test_a_chapeau_ending_with_a_comma(kg: igkg.KnowledgeGraph, chapeau: str) -> None:
    text = f"Report\n\n{chapeau}\n\n(a) Encourage the CSTD to consult the ITU;\n\n(b) Request the MAG to report.\n"
    units = _units(text, kg)
    assert [(_verbs(u), iris(u["addressees"])) for u in units] == [(["encourages"], [CSTD]), (["requests"], [MAG])]


def test_a_plural_subject_speaks_in_the_base_form(kg: igkg.KnowledgeGraph) -> None:
    unit = one("The members of the panel thank the CSTD for its support and hope that the work goes on.", kg)
    assert _verbs(unit) == ["thanks", "hopes"] and iris(unit["addressees"]) == [CSTD]
    noun = one("The support of governments matters to the review.", kg)  # "support" after "The" is a noun
    assert noun["actions"] == []


# --- 3. subjects with a relative clause ---------------------------------------------------------


def test_a_relative_clause_between_the_subject_and_its_modal(kg: igkg.KnowledgeGraph) -> None:
    passive = one(
        "The IGF Secretariat, which reports to the Department of Economic and Social Affairs, should be "
        "given a larger budget.",
        kg,
    )
    assert _verbs(passive) == ["recommends"] and passive["actions"][0]["as_written"] == "should"
    assert passive["addressees"] == [] and iris(passive["mentions"]) == [SECRETARIAT, DESA]
    active = one("The MAG, whose members serve for three years, should publish its minutes.", kg)
    assert iris(active["addressees"]) == [MAG]


def test_the_modal_wins_over_the_verb_of_its_complement(kg: igkg.KnowledgeGraph) -> None:
    unit = one("All stakeholders must recognise that capacity building takes time.", kg)
    assert [(a["verb"], a["as_written"]) for a in unit["actions"]] == [("recommends", "must")]
    assert iris(unit["addressees"]) == [ALL]


# --- 4. coordinated passives and gapping --------------------------------------------------------


def test_coordinated_passives_share_their_subject(kg: igkg.KnowledgeGraph) -> None:
    unit = one("Governments are invited to join the dialogue, and are requested to report on it.", kg)
    assert [(a["verb"], a["as_written"]) for a in unit["actions"]] == [
        ("invites", "are invited"),
        ("requests", "are requested"),
    ]
    assert iris(unit["addressees"]) == [GOVERNMENTS]


def test_gapped_conjuncts_are_addressees_too(kg: igkg.KnowledgeGraph) -> None:
    passive = one("Civil society is encouraged to monitor the review, and UNESCO and the ITU to support it.", kg)
    assert _verbs(passive) == ["encourages"] and iris(passive["addressees"]) == [CIVIL, UNESCO, ITU]
    active = one("Invites the CSTD to review the report, and the regional Internet registries to comment.", kg)
    assert _verbs(active) == ["invites"] and iris(active["addressees"]) == [CSTD, RIRS]
    # a conjunct with a verb of its own, or naming no agent, is no gap
    verb = one("The MAG is invited to meet, and its members are asked to report.", kg)
    assert iris(verb["addressees"]) == [MAG]
    nobody = one("The MAG is invited to meet, and the results to be published online.", kg)
    assert iris(nobody["addressees"]) == [MAG]


# --- 5. only agents are addressees ----------------------------------------------------------------


def test_a_process_is_mentioned_never_addressed(kg: igkg.KnowledgeGraph) -> None:
    unit = one("Enhanced cooperation should not delay the work of the Forum.", kg)
    assert _verbs(unit) == ["recommends"] and unit["addressees"] == [] and iris(unit["mentions"]) == [ENHANCED]


@pytest.mark.parametrize(
    "sentence,addressed",
    [
        ("Governments should be accountable to their citizens.", [GOVERNMENTS]),  # an adjective
        ("The private sector should be open to scrutiny.", [PRIVATE]),
        ("The IGF should be strengthened.", []),  # a passive
        ("The IGF should be given a longer mandate.", []),  # an irregular participle
    ],
)
def test_be_with_an_adjective_is_no_passive(kg: igkg.KnowledgeGraph, sentence: str, addressed: list[str]) -> None:
    unit = one(sentence, kg)
    assert _verbs(unit) == ["recommends"] and iris(unit["addressees"]) == addressed


def test_subject_agents_with_a_modifier_after_them(kg: igkg.KnowledgeGraph) -> None:
    unit = one("Civil society organizations from small islands should receive travel support.", kg)
    assert iris(unit["addressees"]) == [CIVIL]
    clause = one("Funding should be stable, and governments of donor countries should pledge it.", kg)
    assert iris(clause["addressees"]) == [GOVERNMENTS]


# --- 6. the verbs of declarations -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence,verbs",
    [
        ("We oppose any fee for taking part in the IGF.", ["opposes"]),
        ("We reject fragmentation and insist that the Internet remain open.", ["rejects", "insists"]),
        ("We stand ready to support the CSTD.", ["stands ready"]),
        ("We remain committed to the IGF.", ["commits"]),
        ("Accepts with gratitude the offer of the Government of Chile.", ["accepts"]),
        ("Deeply disturbed by shutdowns of the Internet,", ["is disturbed"]),
        ("At its closing session, we renew the mandate of the MAG.", ["renews"]),
    ],
)
def test_verbs_of_declarations_and_un_drafting(kg: igkg.KnowledgeGraph, sentence: str, verbs: list[str]) -> None:
    unit = one(sentence, kg)
    assert _verbs(unit) == verbs
    assert all(a["iri"] == VERB + a["verb"].replace(" ", "-") for a in unit["actions"])  # named by the rule


def test_a_verb_still_unknown_after_we_is_reported_not_invented(kg: igkg.KnowledgeGraph) -> None:
    data = igkg.extract(text="Title\n\n- We ponder the future of the IGF.\n", graph=kg).to_dict()
    assert data["recommendations"][0]["actions"] == []
    assert data["unknown_verbs"] == [{"position": 1, "as_written": "We"}]
    assert iris(data["recommendations"][0]["mentions"]) == [IGF]


# --- 7. names, not units: signatory lists, imperatives that are names, a resolution's title -------

_STATEMENT = (
    "# Joint statement on the future of the IGF\n\n"
    "We, the undersigned organizations:\n\n"
    "- call on the IGF to open its intersessional work to newcomers;\n"
    "- urge governments to fund the participation of all stakeholders.\n\n"
    "**Accountability.** We ask the IGF Secretariat to report yearly on its messages.\n\n"
    "## Signatories\n\n"
)
_SIGNATORIES = [
    "Women in Tech Policy Network (Philippines)",
    "Digital Rights Collective (Kenya)",
    "Asociación Red Libre, Chile",
    "Open Internet Alliance",
]


@pytest.mark.parametrize(
    "signatories",
    [
        "".join(f"- {name}\n" for name in _SIGNATORIES),  # a bulleted list of names
        "".join(f"{name}\n\n" for name in _SIGNATORIES),  # one name per paragraph
    ],
    ids=["bullets", "paragraphs"],
)
def test_a_signatory_list_is_neither_units_nor_sections(kg: igkg.KnowledgeGraph, signatories: str) -> None:
    data = igkg.extract(text=_STATEMENT + signatories, graph=kg).to_dict()
    assert [_verbs(u) for u in data["recommendations"]] == [["calls upon"], ["urges"], ["asks"]]
    assert [s["label"] for s in data["sections"]] == ["Signatories"]
    assert not any("Philippines" in name for name in data["candidates"])


def test_names_in_a_list_under_a_heading_are_not_sections(kg: igkg.KnowledgeGraph) -> None:
    """Three or more short name lines in a row: the first may head them, the others are names."""
    text = "Messages\n\n- Invest in local content.\n\nEndorsed by\n\n" + "".join(f"{n}\n\n" for n in _SIGNATORIES)
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert [s["label"] for s in data["sections"]] == ["Endorsed by"]


@pytest.mark.parametrize(
    "item,imperative",
    [
        ("Implement the recommendations of the Working Group.", True),  # a noun ending, a verb all the same
        ("Harness the data of national IGFs.", True),
        ("Focus on the least developed countries.", True),
        ("Apply the principles in every region.", True),
        ("Provide captioning in all main sessions.", True),  # only a verb: any object may follow
        ("Prepare, together with the Ministry, a plan.", True),  # an aside after the verb
        ("Hold two webinars on data protection.", True),  # a noun too, but a quantity follows
        ("Review, by the end of 2027, the messages.", True),
        ("Women in the Global South and their networks.", False),  # a noun before "in": no verb
        ("Programs for the youth of every region.", False),
    ],
)
def test_an_imperative_opens_with_an_english_verb(kg: igkg.KnowledgeGraph, item: str, imperative: bool) -> None:
    text = "# Messages\n\n- Invest in local content.\n- " + item + "\n"
    data = igkg.extract(text=text, graph=kg).to_dict()
    second = data["recommendations"][1]
    assert (_verbs(second) == ["recommends"]) is imperative


def test_a_resolutions_title_is_not_its_symbol_line(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "United Nations                                   A/RES/80/321\n\n"
        "General Assembly                                 Distr.: General\n\n"
        "Eightieth session\nAgenda item 17 (b)\n\n"
        "80/321. Digital cooperation for sustainable development\n\n"
        "The General Assembly,\n\nRecalling its resolution 70/125,\n\n"
        "1. Encourages Member States to act;\n"
    )
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert data["title"] == "Digital cooperation for sustainable development"
    assert data["sections"] == []


# --- 8. more ways of recommending: "It is crucial for X to", "There is a need for X to", "X need to"


@pytest.mark.parametrize(
    "sentence,as_written,addressees",
    [
        ("It is crucial for the private sector to share infrastructure.", "It is crucial", [PRIVATE]),
        ("There is a need for the IGF to strengthen its intersessional work.", "There is a need", [IGF]),
        ("There is an urgent need for funding of youth initiatives.", "There is an urgent need for", []),
        ("Governments need to guarantee that young people can take part.", "need to", [GOVERNMENTS]),
        ("It is vital for the MAG to reserve seats for youth.", "It is vital", [MAG]),
    ],
)
def test_necessity_is_a_recommendation_to_whoever_must_act(
    kg: igkg.KnowledgeGraph, sentence: str, as_written: str, addressees: list[str]
) -> None:
    unit = one(sentence, kg)
    assert [(a["verb"], a["as_written"]) for a in unit["actions"]] == [("recommends", as_written)]
    assert iris(unit["addressees"]) == addressees


@pytest.mark.parametrize(
    "paragraph",
    [
        "This statement explains how the Forum needs to adapt to new challenges.",  # a subordinate clause
        "The need to act is clear to every participant in the Forum.",  # a noun, not a modal
    ],
)
def test_need_to_in_a_subordinate_clause_or_as_a_noun_recommends_nothing(
    kg: igkg.KnowledgeGraph, paragraph: str
) -> None:
    text = f"# Statement\n\n{paragraph}\n\nWe urge the IGF to act.\n"
    units = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert [u["text"] for u in units] == ["We urge the IGF to act."]


def test_a_long_speaker_chapeau_still_gives_its_bullets_the_first_person(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "# Statement\n\nWe, the undersigned organizations, meeting on the margins of the thirtieth session "
        "of the Commission on Science and Technology for Development:\n\n"
        "- Reaffirm our commitment to the Information Society;\n- Urge the CSTD to publish all contributions.\n"
    )
    units = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert [_verbs(u) for u in units] == [["reaffirms"], ["urges"]]
    assert iris(units[1]["addressees"]) == [CSTD]


def test_a_signatory_whose_name_reads_as_an_imperative_is_a_name_among_names(kg: igkg.KnowledgeGraph) -> None:
    names = ["Internet Governance Caucus", "Centre for Internet Policy Studies, Dhaka", "Open Networks Europe"]
    text = _STATEMENT + "".join(f"- {n}\n" for n in names)
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert len(data["recommendations"]) == 3
    assert [s["label"] for s in data["sections"]] == ["Signatories"]


@pytest.mark.parametrize(
    "line", ["*Geneva, 14 April 2027*", "14-15 May 2026", "Participants further suggested the following:"]
)
def test_a_date_line_or_a_lead_in_to_a_list_is_no_section(kg: igkg.KnowledgeGraph, line: str) -> None:
    text = f"# Messages\n\n## Access\n\n{line}\n\n- Invest in local content.\n"
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert [s["label"] for s in data["sections"]] == ["Access"]
    assert data["recommendations"][0]["section"] == "Access"


def test_a_lettered_sub_heading_number_is_no_footnote_marker(kg: igkg.KnowledgeGraph) -> None:
    """ "A.1 Mandate": the "1" after "A." is the heading's number even when the text has a footnote 1."""
    text = (
        "Outcome\n\nA. The Forum\n\nA.1 Mandate and continuity\n\n"
        "1.   We welcome the work.1 We urge the IGF to act.\n\n"
        "____________\n1 A note on the work.\n"
    )
    data = igkg.extract(text=text, graph=kg).to_dict()
    sections = [(s["label"], s["number"]) for s in data["sections"]]
    assert sections == [("The Forum", "A"), ("Mandate and continuity", "A.1")]
    assert [u["section"] for u in data["recommendations"]] == ["Mandate and continuity"]


def test_a_paragraph_of_messages_may_open_with_an_imperative(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "# Messages\n\n## Data\n\nMake the outcomes of the Forum available in open formats.\n\n"
        "Contact for this page: the IGF Secretariat, by e-mail.\n"  # a label line, no imperative
    )
    units = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert [(u["text"][:4], _verbs(u)) for u in units] == [("Make", ["recommends"])]


@pytest.mark.parametrize(
    "item,verb",
    [
        ("Members agreed that the CSTD should review its methods.", "agrees"),  # before a that-clause's modal
        ("Participants stressed the need for open data.", "stresses"),
        ("Members of the MAG welcomed the report of the Secretariat.", "welcomes"),
    ],
)
def test_a_plural_subject_with_a_reported_past_form_is_that_verb(kg: igkg.KnowledgeGraph, item: str, verb: str) -> None:
    units = igkg.extract(text=f"# Conclusions\n\n1. {item}\n2. We urge the IGF to act.\n", graph=kg).to_dict()
    assert _verbs(units["recommendations"][0]) == [verb]


def test_a_participle_before_by_is_no_reported_verb(kg: igkg.KnowledgeGraph) -> None:
    unit = one("The measures recommended by the Group should be funded.", kg)
    assert _verbs(unit) == ["recommends"]  # the modal, not "recommended by"


# --- 9. sub-points folded into an item, clauses before the subject, courtesy -------------------

_EMAIL = (
    "Dear colleagues,\n\nOur points are numbered below.\n\n"
    "1) We suggest that the programme keep four themes.\n"
    "   - The MAG should publish its selection criteria.\n"
    "   - Give priority to proposals from several regions.\n\n"
    "2) The Policy Networks are among the most useful parts of the IGF, but their outputs are hard to find.\n"
    "   - Publish all their outputs in one repository.\n\n"
    "3) For the next meeting specifically:\n"
    "   - hold the opening ceremony after the first main session;\n"
    "   - keep the number of parallel workshops low.\n\n"
    "4) Requests the Secretariat to:\n   - prepare a report;\n   - consult the MAG.\n\n"
    "Thank you for considering these points.\n"
)


def test_bulleted_sub_points_are_their_items_points(kg: igkg.KnowledgeGraph) -> None:
    units = igkg.extract(text=_EMAIL, graph=kg).to_dict()["recommendations"]
    assert [u["number"] for u in units] == ["1", "2", "3", "4"]  # no sub-point is a unit, no item a heading
    assert _verbs(units[0]) == ["suggests", "recommends"] and iris(units[0]["addressees"]) == [MAG]
    assert [(a["verb"], a["as_written"]) for a in units[1]["actions"]] == [("recommends", "Publish")]
    assert [(a["verb"], a["as_written"]) for a in units[2]["actions"]] == [("recommends", "hold")]
    assert _verbs(units[3]) == ["requests"]  # "prepare", "consult": the request's complements


@pytest.mark.parametrize(
    "item,as_written,addressees",
    [
        ("Stop treating remote participants as guests: every session should have a moderator.", "Stop", []),
        ("The Forum needs a stable budget: UN DESA and the donors should agree on a plan.", "should", [DESA]),
    ],
)
def test_a_clause_before_a_colon_is_not_the_subject(
    kg: igkg.KnowledgeGraph, item: str, as_written: str, addressees: list[str]
) -> None:
    units = igkg.extract(text=f"# Points\n\n1. {item}\n2. We urge the IGF to act.\n", graph=kg).to_dict()
    unit = units["recommendations"][0]
    assert [a["as_written"] for a in unit["actions"]] == [as_written]
    assert iris(unit["addressees"]) == addressees


# --- 10. addressees past unknown heads, coordinated verbs after an aside, short roman headings ----


@pytest.mark.parametrize(
    "item,addressees",
    [
        (
            "Urges donors, including the private sector and the technical community, to contribute.",
            [PRIVATE, TECHNICAL],
        ),
        ("Donor governments and the private sector should fund fellowships.", [GOVERNMENTS, PRIVATE]),
        ("It is important that the WSIS Forum and the IGF coordinate their programmes.", [IGF]),
    ],
)
def test_addressees_past_a_head_the_data_does_not_know(
    kg: igkg.KnowledgeGraph, item: str, addressees: list[str]
) -> None:
    units = igkg.extract(text=f"# Points\n\n1. {item}\n2. Urges the IGF to act.\n", graph=kg).to_dict()
    assert iris(units["recommendations"][0]["addressees"]) == addressees


@pytest.mark.parametrize(
    "item,written",
    [
        (
            "Welcomes the meeting hosted by Chile, and expresses its appreciation to the host country;",
            ["Welcomes", "expresses its appreciation"],
        ),
        (
            "Stresses the need for a secure Internet, and in that regard recognizes the technical community;",
            ["Stresses", "recognizes"],
        ),
        ("Notes the report, and, to that end, requests the Secretariat to act;", ["Notes", "requests"]),
    ],
)
def test_a_coordinated_verb_after_an_aside_or_before_to(kg: igkg.KnowledgeGraph, item: str, written: list[str]) -> None:
    units = igkg.extract(text=f"# Points\n\n1. {item}\n2. Urges the IGF to act.\n", graph=kg).to_dict()
    assert [a["as_written"] for a in units["recommendations"][0]["actions"]] == written


def test_a_short_roman_heading_that_could_be_a_verb_is_a_heading(kg: igkg.KnowledgeGraph) -> None:
    text = "Conclusions\n\nI. Findings\n\n1. The CSTD should act.\n\nII. Notes\n\n(a) Conclusion 1 was not agreed.\n"
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert [s["label"] for s in data["sections"]] == ["Findings", "Notes"]
    assert len(data["recommendations"]) == 1


@pytest.mark.parametrize(
    "item,action,addressees",
    [
        (
            "It would be desirable for the CSTD to consult all stakeholders.",
            ("recommends", "It would be desirable"),
            [CSTD],
        ),
        ("We would encourage the IGF to publish its data.", ("encourages", "We would encourage"), [IGF]),
        ("We wish to thank the host country.", ("thanks", "We wish to thank"), []),
    ],
)
def test_conditional_and_courteous_forms(
    kg: igkg.KnowledgeGraph, item: str, action: tuple[str, str], addressees: list[str]
) -> None:
    unit = igkg.extract(text=f"# Points\n\n1. {item}\n2. Urges the IGF to act.\n", graph=kg).to_dict()[
        "recommendations"
    ][0]
    assert [(a["verb"], a["as_written"]) for a in unit["actions"]] == [action]
    assert iris(unit["addressees"]) == addressees


def test_a_quoted_paragraph_is_anothers_words_not_a_unit(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "# Paper\n\n“The Forum should be a space for all,” said the Chair at the opening.\n\n"
        "Governments are encouraged to host national IGFs.\n"
    )
    units = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert [u["text"][:11] for u in units] == ["Governments"]


def test_a_resolutions_chapeau_on_a_line_of_its_own_ends_the_title_block(kg: igkg.KnowledgeGraph) -> None:
    """A `pdftotext -layout` copy has no blank line between the title, "The General Assembly,"
    and the first preambular paragraph."""
    text = (
        "A/RES/80/321\n\nResolution adopted by the General Assembly on 19 December 2025\n\n"
        "80/321. Digital cooperation for development\n       The General Assembly,\n"
        "       Recalling its resolution 70/125,\n       1. Encourages Member States to act;\n"
    )
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert data["title"] == "Digital cooperation for development"
    assert [u["kind"] for u in data["recommendations"]] == ["preambular", "operative"]


# --- 11. a recommending paragraph's list, offices before the body, asides in the subject -------


def test_a_recommending_paragraph_ending_in_a_colon_takes_in_its_list(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "# Output\n\n**Recommendation 4 – Routing.** Network operators should deploy routing security "
        "measures, in particular:\n\n- route origin validation, with:\n  - signed authorizations;\n"
        "- filtering of announcements; and\n- coordination through the regional Internet registries.\n\n"
        "**Recommendation 5 – Follow-up.** The MAG is invited to review these measures.\n\n"
        "Contact: bpf-routing@example.org\n"
    )
    data = igkg.extract(text=text, graph=kg).to_dict()
    units = data["recommendations"]
    assert len(units) == 2 and units[0]["text"].endswith("regional Internet registries.")
    assert RIRS in iris(units[0]["mentions"]) and iris(units[1]["addressees"]) == [MAG]
    assert data["sections"] == []  # the contact line is no heading


@pytest.mark.parametrize(
    "item,addressees",
    [
        (
            "Member States, in cooperation with the private sector and the technical community, should act.",
            [GOVERNMENTS],
        ),
        ("The CSTD may also wish to review the matter.", [CSTD]),
        ("The IGF Secretariat and the CSTD Bureau should report.", [SECRETARIAT, CSTD]),
        ("Requests the CSTD secretariat to prepare a report.", [CSTD]),
    ],
)
def test_offices_and_asides_in_addressees(kg: igkg.KnowledgeGraph, item: str, addressees: list[str]) -> None:
    unit = igkg.extract(text=f"# Points\n\n1. {item}\n2. Urges the IGF to act.\n", graph=kg).to_dict()[
        "recommendations"
    ][0]
    assert iris(unit["addressees"]) == addressees and [a["verb"] for a in unit["actions"]]


def test_paragraph_of_a_resolution_named_with_its_issuer_after_another_citation(kg: igkg.KnowledgeGraph) -> None:
    item = (
        "Requests the CSTD to follow up paragraphs 72 (b) and (g) of the Tunis Agenda and of paragraph 63 "
        "of General Assembly resolution 70/125."
    )
    unit = igkg.extract(text=f"# Points\n\n1. {item}\n2. Urges the IGF.\n", graph=kg).to_dict()["recommendations"][0]
    cited = [(r["instrument"]["iri"].rsplit("/", 1)[-1], r["paragraph"]) for r in unit["references"]]
    assert cited == [("tunis-agenda", "72(b)"), ("tunis-agenda", "72(g)"), ("a-res-70-125", "63")]


@pytest.mark.parametrize(
    "item,addressees",
    [
        ("Government should reduce import duties on smartphones.", [GOVERNMENTS]),  # a national report's own
        ("Invites the CSTD and the ITU Council to act.", [CSTD, ITU]),  # an organ of a body is the body
    ],
)
def test_a_national_government_and_an_organ_of_a_body(
    kg: igkg.KnowledgeGraph, item: str, addressees: list[str]
) -> None:
    unit = igkg.extract(text=f"# Points\n\n1. {item}\n2. Urges the IGF.\n", graph=kg).to_dict()["recommendations"][0]
    assert iris(unit["addressees"]) == addressees


def test_a_preambular_paragraph_after_a_page_break_is_its_own_unit(kg: igkg.KnowledgeGraph) -> None:
    """A -layout copy: the page ends "… levels,2" (a note's marker), the next opens, after its
    header, with an indented "Noting with concern …"; the note cites a symbol ending in '.'."""
    text = (
        "The Economic and Social Council,\n\n"
        "              Taking note of the report of the Secretary-General on the progress made\n"
        "        at the regional and international levels,2\n\n"
        "        __________________\n        2   A/82/64-E/2027/12.\n\n"
        "\fE/RES/2027/14                                  Progress in the follow-up\n\n"
        "              Noting with concern that digital divides persist between and within\n"
        "        countries,\n\n              1.  Requests the CSTD to report;\n"
    )
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert [u["text"][:12] for u in data["recommendations"]] == ["Taking note ", "Noting with ", "Requests the"]
    assert [f["marker"] for f in data["footnotes"]] == ["2"]


# --- 12. lead-ins, bylines, labels before imperatives, clauses of 'that', asides after the verb ---


def test_a_lead_in_over_a_list_and_a_byline_are_no_sections(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "REGIONAL MESSAGES\n\nPublished 2 October 2026 · Regional IGF\n\nACCESS AND AFFORDABILITY\n\n"
        "Key messages:\n\n  • Governments should treat broadband as infrastructure.\n"
        "  • Support community networks through spectrum set-asides.\n"
    )
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert [s["label"] for s in data["sections"]] == ["ACCESS AND AFFORDABILITY"]
    assert {u["section"] for u in data["recommendations"]} == {"ACCESS AND AFFORDABILITY"}


@pytest.mark.parametrize(
    "item,actions",
    [
        ("Privacy. Protect personal data in every published dataset.", [("recommends", "Protect")]),
        ("Support. The IGF Secretariat is invited to provide modest support.", [("invites", "is invited")]),
        (
            "We reiterate that the Internet encompasses technical issues and should involve all stakeholders.",
            [("reiterates", "We reiterate")],
        ),
        (
            "Urges governments to refrain from fragmentation, and welcomes in this regard the work of ICANN;",
            [("urges", "Urges"), ("welcomes", "welcomes")],
        ),
    ],
)
def test_labels_that_clauses_and_asides(kg: igkg.KnowledgeGraph, item: str, actions: list[tuple[str, str]]) -> None:
    unit = igkg.extract(text=f"# Points\n\n- {item}\n- Urges the IGF to act.\n", graph=kg).to_dict()["recommendations"][
        0
    ]
    assert [(a["verb"], a["as_written"]) for a in unit["actions"]] == actions


def test_call_upon_x_and_upon_y(kg: igkg.KnowledgeGraph) -> None:
    item = "Calls upon governments to involve parliaments, and upon the CSTD to invite their contributions;"
    unit = igkg.extract(text=f"# Points\n\n1. {item}\n2. Urges the IGF.\n", graph=kg).to_dict()["recommendations"][0]
    assert iris(unit["addressees"]) == [GOVERNMENTS, CSTD]


def test_a_first_person_lead_in_over_numbered_units_is_their_chapeau(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "# Declaration\n\nTo that end, we agree on the following priorities for the coming year:\n\n"
        "1. Strengthen the parliamentary track of the IGF.\n2. It is important that the MAG consults parliaments.\n"
    )
    units = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert [u["number"] for u in units] == ["1", "2"]


def test_an_instrument_named_whole_and_again_by_paragraph(kg: igkg.KnowledgeGraph) -> None:
    text = (
        "The General Assembly,\n\nReaffirming the outcomes of the Summit, in particular the Tunis Agenda for the "
        "Information Society, and recalling paragraphs 67 to 68 of the Tunis Agenda,\n\n1. Urges the IGF to act;\n"
    )
    unit = igkg.extract(text=text, graph=kg).to_dict()["recommendations"][0]
    cited = [(r["instrument"]["iri"].rsplit("/", 1)[-1], r["paragraph"]) for r in unit["references"]]
    assert cited == [("tunis-agenda", None), ("tunis-agenda", "67"), ("tunis-agenda", "68")]


def test_a_web_pages_own_verbs_are_no_imperatives(kg: igkg.KnowledgeGraph) -> None:
    text = "# Messages\n\n- Create youth seats in every national IGF.\n\nDownload the PDF (312 KB) of the messages.\n"
    units = igkg.extract(text=text, graph=kg).to_dict()["recommendations"]
    assert [u["text"][:6] for u in units] == ["Create"]


def test_a_copy_without_form_feeds_or_footnotes_loses_its_footers_and_headers(kg: igkg.KnowledgeGraph) -> None:
    """Pages end after a job-number footer; the next page's symbol header goes too."""
    text = (
        "Draft resolution\n\nThe Economic and Social Council,\n\nRecalling its resolution 2010/2,\n\n"
        "26-05872 (E)    160426\nE/CN.16/2026/L.2\n\nMindful of the importance of the Forum,\n\n"
        "1. Encourages the MAG to continue its work;\n\n2/3                                26-05872\n\n"
        "E/CN.16/2026/L.2\n\n2. Requests the Secretary-General to report;\n\n26-05872                3/3\n"
    )
    data = igkg.extract(text=text, graph=kg).to_dict()
    assert data["sections"] == []
    assert [u["kind"] for u in data["recommendations"]] == ["preambular", "preambular", "operative", "operative"]
