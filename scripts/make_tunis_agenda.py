"""Write data/instruments/tunis-agenda.ttl: the Tunis Agenda, its sections, paragraphs and sub-items.

The facts (section ranges, paragraph subjects, their verification status and the public copies in
which they were checked) are in the tables below, as corrected and upgraded by the December 2026
review of the data. Every claim's evidence names the official text and paragraph first, then the
public copies (SOURCES). Summaries are paraphrases, not quotations; a paragraph whose subject was
not checked exists with its number and section only.

The output is deterministic: running the script twice gives the same bytes.

Usage::

    python scripts/make_tunis_agenda.py            # writes data/instruments/tunis-agenda.ttl
    python scripts/make_tunis_agenda.py -          # writes to standard output
    python scripts/make_tunis_agenda.py OUT.ttl    # writes to OUT.ttl
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

V = "verif:verified"
P = "verif:partly-verified"
U = "verif:unverified"
TOTAL_PARAGRAPHS = 122
#: The official text (ITU's WSIS pages); every claim's first igkg:evidence is this page and its paragraph.
OFFICIAL = "https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html"

#: Public copies in which claims were checked: code → (address, what it is). Where the stored copy's
#: full address is not known (a site that splits the text into numbered chunks), the site is named.
SOURCES: dict[str, tuple[str, str]] = {
    "S1": ("https://studylib.net/doc/13498527/i-tunis-agenda", "a public copy of paragraphs 1-8 and the headings"),
    "S2": ("https://text-id.123dok.com/", "a public copy of the Tunis Agenda in parts: paragraphs 43-48, 69-79, "
           "93-97 and 101-102"),
    "S3": ("https://geum.ru/next/art-36542.leaf-3.php", "a public copy of WSIS-05/TUNIS/DOC/9: the text of "
           "paragraphs 41-43 and the opening words of paragraphs 41-81"),
    "S4": ("https://adattar.minorityforum.info/en/entity/j9utdxh3e4?page=12", "a public copy of A/RES/70/125, "
           "paragraphs 56-59"),
    "S4-13": ("https://adattar.minorityforum.info/en/entity/j9utdxh3e4?page=13", "a public copy of A/RES/70/125, "
              "paragraphs 63-65"),
    "S5": ("https://www.itu.int/en/ITU-T/ipv6/Pages/wsisdocs.aspx", "an ITU page quoting paragraphs 58, 63, 68 and 70"),
    "S6": ("https://malcolm.id.au/thesis/sec-the-igf.html", "a thesis chapter on the IGF"),
    "S7": ("https://intgovforum.org/en/content/wsis20-and-igf20-review-by-the-un-general-assembly-2025",
           "the IGF's page on the WSIS+20 review"),
    "S8": ("https://mailman-new.greennet.org.uk/pipermail/mmwg/2006-February/000363.html",
           "a mailing-list message citing paragraphs 35 a-e and 36"),
    "S9": ("https://participacionygobernanzadeinternet.blogspot.com/2018/09/", "a Spanish text of paragraphs 29-32"),
    "S10": ("https://internetdistinction.com/wsisimpacts/wsis/wtdc/wtdc-2014/wtdc-2014_23/",
            "a copy of paragraph 50 a-g"),
    "S11": ("https://lists.igcaucus.org/pipermail/governance/attachments/20070501/daeeb160/attachment.htm",
            "a copy of paragraph 69"),
    "S12": ("https://www.itu.int/net/wsis/docs2/pc3/working/dt15.html",
            "the negotiating draft of paragraphs 55-57 (draft paragraphs 62-64)"),
    "S13": ("https://lists.igcaucus.org/pipermail/governance/2005-November/000862.html",
            "the agreed text on cybercrime, as draft paragraph 61 (draft 66 became paragraph 45)"),
    "DT10": ("https://www.itu.int/net/wsis/docs2/pc3/working/dt10.html", "the negotiating draft of paragraph 35(a)"),
    "DIGWATCH": ("https://dig.watch/?p=116443", "a footnote: circulated at the United Nations as A/60/687"),
    "LIBERIA": ("https://liberiaigf.org/about", "the IGF's mandate as Tunis Agenda paragraphs 72 to 78"),
}
#: The note of a fact that a review of the data against public copies found correct, with no source
#: named for it: partly verified until checked against the official text.
REVIEWED = (
    "Found correct in a review of the data against public copies of the Tunis Agenda (December 2026); "
    "not yet checked against the official text, so partly verified."
)
#: The note of a correction made from an expert's reading of the official text (December 2026).
CORRECTED = (
    "Corrected in a review of the data (December 2026) from an expert's reading of the official text; "
    "partly verified until checked against it."
)


@dataclass(frozen=True)
class Claim:
    """What is claimed about a provision: an optional subject, its status, where it was checked
    (codes of SOURCES, optionally "code: detail") and an optional note."""

    summary: str | None
    status: str
    sources: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Section:
    slug: str
    heading: str
    first: int
    last: int
    status: str
    sources: tuple[str, ...]
    note: str | None = None


SECTIONS: tuple[Section, ...] = (
    Section("introduction", "Introduction", 1, 2, V, ("S1: heading and range",)),
    Section(
        "financial-mechanisms",
        "Financial mechanisms for meeting the challenges of ICT for development",
        3,
        28,
        P,
        ("S1: heading; first paragraph 3",),
        "The first paragraph (3) is seen in a public copy (studylib.net); the last paragraph (28) is "
        "inferred from the start of the next section at paragraph 29. " + REVIEWED,
    ),
    Section(
        "internet-governance",
        "Internet governance",
        29,
        82,
        P,
        ("S1: headings", "S9: first paragraph 29"),
        "The first paragraph (29) is seen in a public copy (S9); the last (82) only partly. " + REVIEWED,
    ),
    Section(
        "implementation",
        "Implementation and follow-up",
        83,
        122,
        P,
        (),
        "The heading, the range 83-122 and the Tunis Agenda's total of 122 paragraphs: " + REVIEWED
        + " Paragraphs 93-97, 101-102 and 111 are seen in a public copy (text-id.123dok.com).",
    ),
)

NOT_DETERMINED = "No source seen for this paragraph's subject, so none is stated."
EXISTS_S2 = Claim(None, V, ("S2: the text of the paragraph",))
BEYOND_111 = Claim(
    None,
    P,
    (),
    "This paragraph's existence rests on the Tunis Agenda's total of 122 paragraphs (paragraph 111 is "
    "the last one seen in a public copy). " + REVIEWED,
)
FOLLOW_UP_ROLES = Claim(
    None,
    U,
    (),
    "One of paragraphs 105-110, which set out the roles of the CSTD, ECOSOC and the action-line "
    "facilitators in the follow-up of the Summit (named in a review of the data, December 2026, as "
    "relevant to the CSTD and WGEC; not checked in a source). Which paragraph says what is not stated.",
)

_SUBJECTS: dict[int, Claim] = {
    29: Claim(
        "reaffirms the Geneva principles; international Internet management should be "
        "multilateral, transparent and democratic",
        V,
        ("S9", "S4: A/RES/70/125 paragraph 57 restates it"),
    ),
    30: Claim("the Internet grew from a research tool into a global public facility", V,
              ("S9", "S8")),
    31: Claim(
        "Internet governance is essential to an inclusive information society; commitment to "
        "stability, security and legitimacy",
        V,
        ("S9",),
    ),
    32: Claim("thanks the Secretary-General for the WGIG", V, ("S9",)),
    33: Claim("takes note of the WGIG report", P, (), REVIEWED),
    34: Claim("working definition of Internet governance", V, ("S4: A/RES/70/125 paragraph 58 restates it",)),
    35: Claim(
        "Internet governance is both technical and public-policy; stakeholder roles a-e",
        V,
        ("S4: A/RES/70/125 paragraph 59 cites it", "S8"),
        "The igkg:restates links of this paragraph to Geneva Declaration ¶49, and of ¶35(a)-(e) to "
        "¶49(a)-(e), are partly verified: A/RES/70/125 ¶59 invokes both paragraphs (S4), and the "
        "identity of the roles was found correct in a review of the data (December 2026) but not yet "
        "checked against the official texts. The status here is that of this paragraph's subject.",
    ),
    36: Claim(
        "academic and technical communities",
        V,
        ("S8", "S6"),
        "The paragraph recognises the contribution of the academic and technical communities within "
        "the stakeholder groups of paragraph 35: in the Tunis Agenda they are not a group of their own. "
        + CORRECTED,
    ),
    37: Claim("coordinate the international and intergovernmental bodies", P, (), REVIEWED),
    38: Claim("strengthen regional Internet resource institutions", P, (), REVIEWED),
    39: Claim("confidence, security, culture of cybersecurity", P, (), REVIEWED),
    40: Claim(
        "cybercrime prosecution; UN General Assembly resolutions 55/63 and 56/121; Council of "
        "Europe Convention on Cybercrime",
        P,
        ("S13",),
        REVIEWED,
    ),
    41: Claim("spam and the multi-pronged response", V, ("S3",)),
    42: Claim(
        "freedom of information; security measures must respect privacy and freedom of expression", V, ("S3",)
    ),
    43: Claim("positive uses of ICTs and action against abuses", V, ("S2",)),
    44: Claim("counter-terrorism online within human rights", V, ("S2",)),
    45: Claim("Internet security, continuity and stability; sharing security information", V, ("S2",)),
    46: Claim("privacy, data protection, access to information", V, ("S2",)),
    47: Claim("e-business and consumer protection", V, ("S2",)),
    48: Claim("government use of ICT for citizens", P, ("S3: opening words", "S2: title"), REVIEWED),
    49: Claim("digital divide into digital opportunity", P, ("S2: title and order",), REVIEWED),
    50: Claim("international connectivity costs; affordable connectivity, items a-g", V, ("S10",)),
    52: Claim("developing-country participation in Internet governance policy", P, (), REVIEWED),
    53: Claim("multilingualization", P, ("S3: opening words",), REVIEWED),
    55: Claim("existing arrangements have worked; private sector leads operations", P,
              ("S12: draft paragraph 62",), REVIEWED),
    56: Claim("the Internet is dynamic, so frameworks must be responsive", P, ("S12: draft paragraph 63",), REVIEWED),
    57: Claim("security and stability must be maintained", P, ("S12: draft paragraph 64",), REVIEWED),
    58: Claim("Internet governance is more than names and addresses", V, ("S5",)),
    59: Claim(
        "social, economic and technical issues (affordability, reliability, quality of service)", P, (), REVIEWED
    ),
    60: Claim(
        "cross-cutting public-policy issues not adequately addressed",
        P,
        ("S3: opening words", "S4: A/RES/70/125 paragraph 56 echoes it without citing it"),
        REVIEWED,
    ),
    61: Claim("need for a transparent, democratic, multilateral process", P, (), REVIEWED),
    62: Claim(
        "Internet governance approach should be inclusive and responsive, and support "
        "innovation and investment",
        P,
        ("S3: opening words",),
        REVIEWED,
    ),
    63: Claim(
        "countries should not take part in decisions on another country's country-code top-level "
        "domain (ccTLD); each country's legitimate interests in decisions affecting its own ccTLD are "
        "to be respected through an improved framework",
        P,
        ("S5",),
        "The earlier summary, 'ccTLD sovereignty and interests', used a word the paragraph does not "
        "use. " + CORRECTED,
    ),
    64: Claim("gTLD public policy", P, (), REVIEWED),
    65: Claim("maximize developing-country participation", P, (), REVIEWED),
    66: Claim("implement the Geneva principles", P, (), REVIEWED),
    67: Claim("invite the Secretary-General to convene a new forum", P, ("S3: opening words",), REVIEWED),
    68: Claim("governments have an equal role and responsibility", V, ("S5",)),
    69: Claim("enhanced cooperation, governments on an equal footing", V, ("S11",)),
    70: Claim("globally applicable principles on critical Internet resources", V, ("S2", "S5")),
    71: Claim("Secretary-General to start the process by Q1 2006; annual performance reports", V, ("S2",)),
    72: Claim(
        "Secretary-General to convene the IGF by Q2 2006; mandate a-l",
        V,
        ("S2", "S6", "S7"),
        "The IGF's mandate is paragraphs 72-78 (A/RES/70/125 ¶63 extends it as set out in them): "
        "this paragraph lists its functions a-l, paragraphs 73-78 its character, convening, review "
        "and first meeting.",
    ),
    73: Claim("IGF character, items a-c", P, ("S2: from item c on",), "Item c is seen in a public copy (S2); "
              "items a and b: " + REVIEWED),
    74: Claim("Secretary-General to examine options for convening", V, ("S2",)),
    75: Claim("Secretary-General to report to Member States", V, ("S2",)),
    76: Claim("review of continuation within 5 years", V, ("S2",)),
    77: Claim("no oversight function; non-duplicative, non-binding; no involvement in operations", V, ("S2",)),
    78: Claim("inaugural meeting: ITU expertise; multi-stakeholder bureau (items a-b)", V, ("S2",)),
    79: Claim("other Internet governance matters stay in their existing fora", P, ("S2",), REVIEWED),
    80: Claim(
        "multi-stakeholder processes at the national, regional and international levels on the "
        "Internet's expansion and diffusion, as a means of supporting development goals",
        P,
        ("S3: opening words",),
        "The earlier summary left out the international level and the subject of the processes. "
        + CORRECTED,
    ),
    81: Claim("full implementation of the Geneva principles", P, ("S2: title", "S3: opening words"), REVIEWED),
    82: Claim("Greece to host the first IGF", P, ("S2: title",), REVIEWED),
    102: Claim(
        None,
        V,
        ("S2: the text of the paragraph",),
        "The paragraph has lettered items (seen in a public copy, S2) that the graph does not model: "
        "their number is not known here (see igkg:subItemsNotModelled on the Tunis Agenda).",
    ),
    111: Claim("asks for a UN General Assembly overall review in 2015", V, ("S2",)),
}
# Every paragraph that carries a claim: a subject, existence seen in a public copy (S2), existence
# that rests on the total of 122, or membership of the follow-up paragraphs 105-110.
PARAGRAPHS: dict[int, Claim] = {
    **{n: EXISTS_S2 for n in (*range(93, 98), 101)},
    **{n: FOLLOW_UP_ROLES for n in range(105, 111)},
    **_SUBJECTS,
    **{n: BEYOND_111 for n in range(112, TOTAL_PARAGRAPHS + 1)},
}

# Paragraphs whose subject is explicitly left undetermined: an editorial note only.
UNDETERMINED: frozenset[int] = frozenset({51, 54})
# Paragraphs with lettered items that are not modelled (stated on the instrument).
SUB_ITEMS_NOT_MODELLED: tuple[int, ...] = (102,)

RESTATES_NOTE = (
    "The igkg:restates link (the same role as Geneva Declaration ¶49, same letter) is partly verified: "
    "found correct in a review of the data (December 2026), not yet checked against the official texts."
)
MANDATE_SOURCES_AB = ("S2", "S6", "S7")
MANDATE_SOURCES_CL = ("S6: content of all 12 items", "S7", "S2: letters a and b; c-l follow in order")
LETTERS_123DOK = (
    "The lettered items of this paragraph are seen in a public copy in parts (text-id.123dok.com) and "
    "were confirmed in a review of the data (December 2026); not yet checked against the official text."
)

# Sub-items: paragraph -> ((letter, claim or None), ...). None: exists, no claim beyond identity.
SUB_ITEMS: dict[int, tuple[tuple[str, Claim | None], ...]] = {
    35: (
        ("a", Claim("States: sovereign policy authority", V, ("DT10",), RESTATES_NOTE)),
        ("b", Claim("private sector: technical and economic development", P, (), REVIEWED + " " + RESTATES_NOTE)),
        ("c", Claim("civil society: especially at community level", P, (), REVIEWED + " " + RESTATES_NOTE)),
        (
            "d",
            Claim(
                "intergovernmental organizations: facilitate coordination of public policy",
                P,
                (),
                REVIEWED + " " + RESTATES_NOTE,
            ),
        ),
        (
            "e",
            Claim(
                "international organizations: technical standards and related policies",
                P,
                (),
                REVIEWED + " " + RESTATES_NOTE,
            ),
        ),
    ),
    50: tuple((letter, Claim(None, V, ("S10: items a-g",))) for letter in "abcdefg"),
    72: (
        (
            "a",
            Claim(
                "public-policy dialogue on key elements of Internet governance, for the "
                "Internet's sustainability, robustness, security, stability and development",
                V,
                MANDATE_SOURCES_AB,
            ),
        ),
        (
            "b",
            Claim(
                "discourse among bodies dealing with cross-cutting Internet policies; issues no "
                "existing body covers",
                V,
                MANDATE_SOURCES_AB,
            ),
        ),
        (
            "c",
            Claim(
                "interface with intergovernmental organizations and other institutions within their remits",
                V,
                MANDATE_SOURCES_CL,
            ),
        ),
        (
            "d",
            Claim(
                "exchange of information and best practice, using academic, scientific and "
                "technical expertise",
                V,
                MANDATE_SOURCES_CL,
            ),
        ),
        (
            "e",
            Claim(
                "advise on making the Internet more available and affordable in developing countries",
                V,
                MANDATE_SOURCES_CL,
            ),
        ),
        (
            "f",
            Claim(
                "strengthen stakeholder engagement in Internet governance mechanisms, especially "
                "for developing countries",
                V,
                MANDATE_SOURCES_CL,
            ),
        ),
        (
            "g",
            Claim(
                "identify emerging issues, raise them with the relevant bodies and the public, "
                "and make recommendations where appropriate",
                V,
                MANDATE_SOURCES_CL,
            ),
        ),
        (
            "h",
            Claim(
                "Internet governance capacity building in developing countries, drawing on local expertise",
                V,
                MANDATE_SOURCES_CL,
            ),
        ),
        (
            "i",
            Claim(
                "promote and assess, on an ongoing basis, how WSIS principles are embodied in "
                "Internet governance",
                V,
                MANDATE_SOURCES_CL,
            ),
        ),
        ("j", Claim("critical Internet resources", V, MANDATE_SOURCES_CL)),
        (
            "k",
            Claim(
                "solutions to problems from the use and misuse of the Internet that concern everyday users",
                V,
                MANDATE_SOURCES_CL,
            ),
        ),
        ("l", Claim("publish its proceedings", V, MANDATE_SOURCES_CL)),
    ),
    73: (
        ("a", Claim("build on existing structures", P, (), REVIEWED)),
        ("b", Claim("lightweight and decentralized", P, (), REVIEWED)),
        ("c", Claim("meet periodically", V, ("S2",))),
    ),
    78: (
        ("a", Claim("the Secretary-General to draw on ITU's expertise", P, ("S2",), LETTERS_123DOK)),
        ("b", Claim("a cost-efficient multi-stakeholder bureau to support the IGF", P, ("S2",), LETTERS_123DOK)),
    ),
    101: tuple((letter, Claim(None, P, ("S2",), LETTERS_123DOK)) for letter in "abc"),
}
# Sub-items that restate a sub-item of the Geneva Declaration (same letter under gd:para-49).
RESTATED_SUB_ITEMS: dict[int, int] = {35: 49}

HEADER = """\
# Tunis Agenda for the Information Society (WSIS-05/TUNIS/DOC/6(Rev.1)-E, 18 November 2005):
# the instrument, its four sections, paragraphs 1-122 and the lettered sub-items of paragraphs 35,
# 50, 72, 73, 78 and 101.
#
# GENERATED by scripts/make_tunis_agenda.py: edit the script, not this file.
#
# Every resource that carries a claim (a subject summary, a section range, existence beyond paragraph
# 111) has igkg:verificationStatus (verified, partly verified, unverified) and igkg:evidence: the
# official text with the paragraph (https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html) and
# each public copy in which the claim was checked. Summaries are paraphrases, not quotations. A
# paragraph whose subject was not checked exists with its number and section only; its section
# membership is a claim of the section (see the section's status).
"""

PREFIXES = """\
@prefix igkg:    <https://w3id.org/igkg/ontology#> .
@prefix eli:     <http://data.europa.eu/eli/ontology#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix verif:   <https://w3id.org/igkg/concept/verification/> .
@prefix inst:    <https://w3id.org/igkg/id/instrument/> .
@prefix ta:      <https://w3id.org/igkg/id/instrument/tunis-agenda/> .
@prefix gd:      <https://w3id.org/igkg/id/instrument/geneva-declaration/> .
@prefix proc:    <https://w3id.org/igkg/id/process/> .
@prefix topic:   <https://w3id.org/igkg/concept/topic/> .
"""

INSTRUMENT_NOTES = (
    "Paragraphs 93-97, 101-102 and 111 are seen in a public copy (text-id.123dok.com). The total of "
    "122 paragraphs and the range of the last section (Implementation and follow-up, 83-122) were "
    "found correct in a review of the data (December 2026) but are not yet checked against the "
    "official text: paragraphs 112-122 are partly verified for that reason.",
    "Adopted with the Tunis Commitment (WSIS-05/TUNIS/DOC/7-E); the eighth plenary meeting of "
    "18 November 2005 is verified for the Commitment only. Circulated at the United Nations as "
    "A/60/687. Its endorsement by UN General Assembly resolution 60/252 is only partly verified "
    "(see inst:a-res-60-252).",
    "Lettered sub-items are modelled for paragraphs 35, 50, 72, 73, 78 and 101. Paragraph 102 has "
    "lettered items too, which are not modelled (igkg:subItemsNotModelled); other paragraphs may have "
    "lettered items that are not known here, so a citation of such a letter finds no sub-item.",
)


def literal(text: str, lang: str | None = "en") -> str:
    """A Turtle string literal, escaped, with an optional language tag."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def node(subject: str, rdf_type: str, properties: list[tuple[str, str]]) -> str:
    """One subject block: 'subject a type ; p o ; ... .'"""
    lines = [f"{subject} a {rdf_type} ;"]
    lines += [f"    {p} {o} ;" for p, o in properties]
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines) + "\n"


def source(item: str) -> str:
    """ "S2" or "S2: detail" → the public copy's address and what it shows."""
    code, _sep, detail = item.partition(": ")
    address, description = SOURCES[code]
    return f"{address} ({detail or description})"


def evidence(where: str | None, items: tuple[str, ...]) -> list[tuple[str, str]]:
    """igkg:evidence values: the official text (at the paragraph ``where``), then the public copies."""
    official = f"{OFFICIAL} {where} (official text)" if where else f"{OFFICIAL} (official text)"
    return [("igkg:evidence", literal(value, None)) for value in (official, *map(source, items))]


def claim_properties(claim: Claim | None, where: str) -> list[tuple[str, str]]:
    if claim is None:
        return []
    props: list[tuple[str, str]] = []
    if claim.summary is not None:
        props.append(("igkg:subjectSummary", literal(claim.summary)))
    props.append(("igkg:verificationStatus", claim.status))
    props += evidence(where, claim.sources)
    if claim.note is not None:
        props.append(("skos:editorialNote", literal(claim.note)))
    return props


def instrument_block() -> str:
    title = literal("Tunis Agenda for the Information Society")
    props = [
        ("dcterms:title", title),
        ("skos:prefLabel", title),
        ("skos:altLabel", literal("Tunis Agenda")),
        ("igkg:acronym", literal("TA", None)),
        ("eli:id_local", literal("WSIS-05/TUNIS/DOC/6(Rev.1)-E", None)),
        ("eli:date_document", '"2005-11-18"^^xsd:date'),
        ("igkg:adoptedBy", "proc:wsis"),
        ("foaf:page", f"<{OFFICIAL}>"),
        ("igkg:verificationStatus", V),
        *evidence(None, ("S1: symbol, date and title", "DIGWATCH")),
    ]
    props += [("igkg:subItemsNotModelled", f"ta:para-{n}") for n in SUB_ITEMS_NOT_MODELLED]
    props += [("skos:editorialNote", literal(note)) for note in INSTRUMENT_NOTES]
    return node("inst:tunis-agenda", "igkg:SummitOutcome", props)


def section_of(number: int) -> Section:
    for section in SECTIONS:
        if section.first <= number <= section.last:
            return section
    raise ValueError(f"paragraph {number} is in no section")


def section_block(sequence: int, section: Section) -> str:
    props = [
        ("skos:prefLabel", literal(section.heading)),
        ("eli:is_part_of", "inst:tunis-agenda"),
        ("igkg:sequence", str(sequence)),
        ("igkg:firstParagraph", str(section.first)),
        ("igkg:lastParagraph", str(section.last)),
        ("igkg:verificationStatus", section.status),
        *evidence(f"¶{section.first}-{section.last}", section.sources),
    ]
    if section.note is not None:
        props.append(("skos:editorialNote", literal(section.note)))
    return node(f"ta:section-{section.slug}", "igkg:Section", props)


def paragraph_block(number: int) -> str:
    props = [
        ("eli:is_part_of", "inst:tunis-agenda"),
        ("eli:number", literal(str(number), None)),
        ("igkg:sequence", str(number)),
        ("igkg:inSection", f"ta:section-{section_of(number).slug}"),
        ("skos:prefLabel", literal(f"Tunis Agenda ¶{number}")),
    ]
    if number == 35:
        props.append(("igkg:restates", "gd:para-49"))
        # verified: "35: ... stakeholder roles a-e" (A/RES/70/125 para 59; S8)
        props.append(("dcterms:subject", "topic:stakeholder-roles"))
    props += claim_properties(PARAGRAPHS.get(number), f"¶{number}")
    if number in UNDETERMINED:
        props.append(("skos:editorialNote", literal(NOT_DETERMINED)))
    return node(f"ta:para-{number}", "igkg:Paragraph", props)


def sub_item_block(number: int, position: int, letter: str, claim: Claim | None) -> str:
    props = [
        ("eli:is_part_of", f"ta:para-{number}"),
        ("eli:number", literal(f"{number}({letter})", None)),
        ("igkg:sequence", str(position)),
        ("skos:prefLabel", literal(f"Tunis Agenda ¶{number}({letter})")),
    ]
    restated = RESTATED_SUB_ITEMS.get(number)
    if restated is not None:
        props.append(("igkg:restates", f"gd:para-{restated}-{letter}"))
    props += claim_properties(claim, f"¶{number}({letter})")
    return node(f"ta:para-{number}-{letter}", "igkg:SubItem", props)


def render() -> str:
    """The whole Turtle document."""
    parts = [
        HEADER,
        PREFIXES,
        "# --- The instrument ---\n",
        instrument_block(),
        "# --- Sections (headings and paragraph ranges) ---\n",
    ]
    parts += [section_block(i, s) for i, s in enumerate(SECTIONS, start=1)]
    for section in SECTIONS:
        parts.append(f"# --- Paragraphs {section.first}-{section.last}: {section.heading} ---\n")
        for number in range(section.first, section.last + 1):
            parts.append(paragraph_block(number))
            for position, (letter, claim) in enumerate(SUB_ITEMS.get(number, ()), start=1):
                parts.append(sub_item_block(number, position, letter, claim))
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    default = Path(__file__).resolve().parent.parent / "data" / "instruments" / "tunis-agenda.ttl"
    target = args[0] if args else str(default)
    text = render()
    if target == "-":
        sys.stdout.write(text)
    else:
        Path(target).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
