"""Write data/instruments/tunis-agenda.ttl: the Tunis Agenda, its sections, paragraphs and sub-items.

The facts (section ranges, paragraph subjects, their verification marks and sources) are those of
the project's fact sheet, ``../shared/domain/facts.md`` section 1, copied into the tables below.
Summaries are the fact sheet's paraphrases ("IG" and "SG" spelled out); a paragraph the fact sheet
gives no subject for exists with its number and section only.

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
NO_SOURCE = "fact sheet §1 (marked U: from memory, no source)"
TOTAL_PARAGRAPHS = 122  # U in the fact sheet


@dataclass(frozen=True)
class Claim:
    """What the fact sheet says about a provision: an optional subject, its mark and its sources."""

    summary: str | None
    status: str
    evidence: str
    note: str | None = None


@dataclass(frozen=True)
class Section:
    slug: str
    heading: str
    first: int
    last: int
    status: str
    evidence: str
    note: str | None = None


SECTIONS: tuple[Section, ...] = (
    Section("introduction", "Introduction", 1, 2, V, "S1 (heading and range)"),
    Section(
        "financial-mechanisms",
        "Financial mechanisms for meeting the challenges of ICT for development",
        3,
        28,
        P,
        "S1 (heading; first paragraph 3)",
        "The first paragraph (3) is verified (S1); the last paragraph (28) is inferred from the start "
        "of the next section at paragraph 29, not read in a source.",
    ),
    Section(
        "internet-governance",
        "Internet governance",
        29,
        82,
        P,
        "S1 (headings); S9 (first paragraph 29)",
        "The first paragraph (29) is verified (S9); the last paragraph (82) is only partly verified "
        "in the fact sheet.",
    ),
    Section(
        "implementation",
        "Implementation and follow-up",
        83,
        122,
        U,
        NO_SOURCE,
        "The heading and the range 83-122 are unverified, and so is the Tunis Agenda's total of 122 "
        "paragraphs. Paragraphs 93-97, 101-102 and 111 are verified to exist (S2); that they belong "
        "to this section rests on the unverified range.",
    ),
)

NOT_DETERMINED = "The fact sheet does not determine this paragraph's subject."
EXISTS_S2 = Claim(None, V, "S2 (text of the paragraph seen)")
BEYOND_111 = Claim(
    None,
    U,
    "fact sheet §1: total of 122 paragraphs (marked U)",
    "This paragraph's existence rests on the fact sheet's unverified total of 122 paragraphs "
    "(paragraph 111 is the last one verified to exist, S2).",
)

_SUBJECTS: dict[int, Claim] = {
    29: Claim(
        "reaffirms the Geneva principles; international Internet management should be "
        "multilateral, transparent and democratic",
        V,
        "S9; A/RES/70/125 para 57 (S4)",
    ),
    30: Claim("the Internet grew from a research tool into a global public facility", V, "S9; S8"),
    31: Claim(
        "Internet governance is essential to an inclusive information society; commitment to "
        "stability, security and legitimacy",
        V,
        "S9",
    ),
    32: Claim("thanks the Secretary-General for the WGIG", V, "S9"),
    33: Claim("takes note of the WGIG report", U, NO_SOURCE),
    34: Claim("working definition of Internet governance", V, "A/RES/70/125 para 58"),
    35: Claim(
        "Internet governance is both technical and public-policy; stakeholder roles a-e",
        V,
        "A/RES/70/125 para 59; S8 ('para 35 a-e')",
        "The igkg:restates links of this paragraph to Geneva Declaration ¶49, and of ¶35(a)-(e) to "
        "¶49(a)-(e), come from the fact sheet's unverified item 'roles a-e, the same as Tunis 35 a-e' "
        "(consistent with S6); the Geneva Declaration paragraphs carry verif:unverified. The "
        "verification status here is that of this paragraph's subject, not of the restatement.",
    ),
    36: Claim("academic and technical communities", V, "S8 ('para. 36'); S6"),
    37: Claim("coordinate the international and intergovernmental bodies", U, NO_SOURCE),
    38: Claim("strengthen regional Internet resource institutions", U, NO_SOURCE),
    39: Claim("confidence, security, culture of cybersecurity", U, NO_SOURCE),
    40: Claim(
        "cybercrime prosecution; UN General Assembly resolutions 55/63 and 56/121; Council of "
        "Europe Convention on Cybercrime",
        P,
        "S13 (agreed text, as draft para 61; draft 66 became final 45)",
    ),
    41: Claim("spam and the multi-pronged response", V, "S3"),
    42: Claim(
        "freedom of information; security measures must respect privacy and freedom of expression", V, "S3"
    ),
    43: Claim("positive uses of ICTs and action against abuses", V, "S2"),
    44: Claim("counter-terrorism online within human rights", V, "S2"),
    45: Claim("Internet security, continuity and stability; sharing security information", V, "S2"),
    46: Claim("privacy, data protection, access to information", V, "S2"),
    47: Claim("e-business and consumer protection", V, "S2"),
    48: Claim("government use of ICT for citizens", P, "S3 (ToC); S2 (title)"),
    49: Claim("digital divide into digital opportunity", P, "S2 (title, order)"),
    50: Claim("international connectivity costs; affordable connectivity, items a-g", V, "S10"),
    52: Claim("developing-country participation in Internet governance policy", U, NO_SOURCE),
    53: Claim("multilingualization", P, "S3 (ToC)"),
    55: Claim("existing arrangements have worked; private sector leads operations", P, "S12 (draft para 62)"),
    56: Claim("the Internet is dynamic, so frameworks must be responsive", P, "S12 (draft para 63)"),
    57: Claim(
        "security and stability must be maintained", P, "S12 (draft para 64); quoted elsewhere as para 57"
    ),
    58: Claim("Internet governance is more than names and addresses", V, "S5"),
    59: Claim(
        "social, economic and technical issues (affordability, reliability, quality of service)", U, NO_SOURCE
    ),
    60: Claim(
        "cross-cutting public-policy issues not adequately addressed", P, "S3 (ToC); A/RES/70/125 para 56"
    ),
    61: Claim("need for a transparent, democratic, multilateral process", U, NO_SOURCE),
    62: Claim(
        "Internet governance approach should be inclusive and responsive, and support "
        "innovation and investment",
        P,
        "S3 (ToC: opening words 'We emphasize')",
    ),
    63: Claim("ccTLD sovereignty and interests", V, "S5"),
    64: Claim("gTLD public policy", U, NO_SOURCE),
    65: Claim("maximize developing-country participation", U, NO_SOURCE),
    66: Claim("implement the Geneva principles", U, NO_SOURCE),
    67: Claim(
        "invite the Secretary-General to convene a new forum",
        U,
        "S3 (ToC: opening words 'We agree', P); subject from memory, no source",
        "The fact sheet marks the opening words as partly verified and the subject as unverified.",
    ),
    68: Claim("governments have an equal role and responsibility", V, "S5"),
    69: Claim("enhanced cooperation, governments on an equal footing", V, "S11"),
    70: Claim("globally applicable principles on critical Internet resources", V, "S2; S5"),
    71: Claim("Secretary-General to start the process by Q1 2006; annual performance reports", V, "S2"),
    72: Claim("Secretary-General to convene the IGF by Q2 2006; mandate a-l", V, "S2; S6; S7"),
    73: Claim(
        "IGF character, items a-c",
        P,
        "S2 (from item c on)",
        "Item c is verified (S2); items a and b are unverified.",
    ),
    74: Claim("Secretary-General to examine options for convening", V, "S2"),
    75: Claim("Secretary-General to report to Member States", V, "S2"),
    76: Claim("review of continuation within 5 years", V, "S2"),
    77: Claim("no oversight function; non-duplicative, non-binding; no involvement in operations", V, "S2"),
    78: Claim("inaugural meeting: ITU expertise; multi-stakeholder bureau", V, "S2"),
    79: Claim("other Internet governance matters stay in their existing fora", P, "S2"),
    80: Claim(
        "multi-stakeholder processes at national and regional level",
        P,
        "S3 (ToC: opening words 'We encourage')",
    ),
    81: Claim("full implementation of the Geneva principles", P, "S2 (title); S3 (ToC)"),
    82: Claim("Greece to host the first IGF", P, "S2 (title)"),
    111: Claim("asks for a UN General Assembly overall review in 2015", V, "S2"),
}
# Every paragraph that carries a claim: a subject, verified existence (S2), or existence that rests
# on the unverified total of 122.
PARAGRAPHS: dict[int, Claim] = {
    **_SUBJECTS,
    **{n: EXISTS_S2 for n in (*range(93, 98), 101, 102)},
    **{n: BEYOND_111 for n in range(112, TOTAL_PARAGRAPHS + 1)},
}

# Paragraphs whose subject the fact sheet explicitly leaves undetermined: an editorial note only.
UNDETERMINED: frozenset[int] = frozenset({51, 54})

RESTATES_NOTE = (
    "The igkg:restates link comes from the fact sheet's unverified item 'Geneva Declaration 49: roles "
    "a-e, the same as Tunis 35 a-e' (consistent with S6)."
)
MANDATE_EVIDENCE_AB = "S2; S6; S7"
MANDATE_EVIDENCE_CL = "S6; S7 (content of all 12 items); letters c-l follow a and b (S2) in order"

# Sub-items: paragraph -> ((letter, claim or None), ...). None: exists, no claim beyond identity.
SUB_ITEMS: dict[int, tuple[tuple[str, Claim | None], ...]] = {
    35: (
        (
            "a",
            Claim(
                "States: sovereign policy authority",
                V,
                "itu.int/net/wsis/docs2/pc3/working/dt10.html",
                RESTATES_NOTE,
            ),
        ),
        ("b", Claim("private sector: technical and economic development", U, NO_SOURCE, RESTATES_NOTE)),
        ("c", Claim("civil society: especially at community level", U, NO_SOURCE, RESTATES_NOTE)),
        (
            "d",
            Claim(
                "intergovernmental organizations: facilitate coordination of public policy",
                U,
                NO_SOURCE,
                RESTATES_NOTE,
            ),
        ),
        (
            "e",
            Claim(
                "international organizations: technical standards and related policies",
                U,
                NO_SOURCE,
                RESTATES_NOTE,
            ),
        ),
    ),
    50: tuple((letter, Claim(None, V, "S10 (items a-g)")) for letter in "abcdefg"),
    72: (
        (
            "a",
            Claim(
                "public-policy dialogue on key elements of Internet governance, for the "
                "Internet's sustainability, robustness, security, stability and development",
                V,
                MANDATE_EVIDENCE_AB,
            ),
        ),
        (
            "b",
            Claim(
                "discourse among bodies dealing with cross-cutting Internet policies; issues no "
                "existing body covers",
                V,
                MANDATE_EVIDENCE_AB,
            ),
        ),
        (
            "c",
            Claim(
                "interface with intergovernmental organizations and other institutions within their remits",
                V,
                MANDATE_EVIDENCE_CL,
            ),
        ),
        (
            "d",
            Claim(
                "exchange of information and best practice, using academic, scientific and "
                "technical expertise",
                V,
                MANDATE_EVIDENCE_CL,
            ),
        ),
        (
            "e",
            Claim(
                "advise on making the Internet more available and affordable in developing countries",
                V,
                MANDATE_EVIDENCE_CL,
            ),
        ),
        (
            "f",
            Claim(
                "strengthen stakeholder engagement in Internet governance mechanisms, especially "
                "for developing countries",
                V,
                MANDATE_EVIDENCE_CL,
            ),
        ),
        (
            "g",
            Claim(
                "identify emerging issues, raise them with the relevant bodies and the public, "
                "and make recommendations where appropriate",
                V,
                MANDATE_EVIDENCE_CL,
            ),
        ),
        (
            "h",
            Claim(
                "Internet governance capacity building in developing countries, drawing on local expertise",
                V,
                MANDATE_EVIDENCE_CL,
            ),
        ),
        (
            "i",
            Claim(
                "promote and assess, on an ongoing basis, how WSIS principles are embodied in "
                "Internet governance",
                V,
                MANDATE_EVIDENCE_CL,
            ),
        ),
        ("j", Claim("critical Internet resources", V, MANDATE_EVIDENCE_CL)),
        (
            "k",
            Claim(
                "solutions to problems from the use and misuse of the Internet that concern everyday users",
                V,
                MANDATE_EVIDENCE_CL,
            ),
        ),
        ("l", Claim("publish its proceedings", V, MANDATE_EVIDENCE_CL)),
    ),
    73: (
        ("a", Claim("build on existing structures", U, NO_SOURCE)),
        ("b", Claim("lightweight and decentralized", U, NO_SOURCE)),
        ("c", Claim("meet periodically", V, "S2")),
    ),
}
# Sub-items that restate a sub-item of the Geneva Declaration (same letter under gd:para-49).
RESTATED_SUB_ITEMS: dict[int, int] = {35: 49}

HEADER = """\
# Tunis Agenda for the Information Society (WSIS-05/TUNIS/DOC/6(Rev.1)-E, 18 November 2005):
# the instrument, its four sections, paragraphs 1-122 and the lettered sub-items of paragraphs 35,
# 50, 72 and 73.
#
# GENERATED by scripts/make_tunis_agenda.py: edit the script, not this file.
#
# Facts come from the project's fact sheet (../shared/domain/facts.md, section 1), which marks each
# fact V (verified), P (partly verified) or U (unverified) and names its sources S1-S13. Every
# resource that carries a claim (a subject summary, a section range, existence beyond paragraph
# 111) has igkg:verificationStatus and igkg:evidence. Summaries are the fact sheet's paraphrases,
# not quotations. A paragraph whose subject the fact sheet does not give exists with its number and
# section only; its section membership is a claim of the section (see the section's status).
"""

PREFIXES = """\
@prefix igkg:    <https://w3id.org/igkg/ontology#> .
@prefix eli:     <http://data.europa.eu/eli/ontology#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix verif:   <https://w3id.org/igkg/concept/verification/> .
@prefix inst:    <https://w3id.org/igkg/id/instrument/> .
@prefix ta:      <https://w3id.org/igkg/id/instrument/tunis-agenda/> .
@prefix gd:      <https://w3id.org/igkg/id/instrument/geneva-declaration/> .
@prefix proc:    <https://w3id.org/igkg/id/process/> .
@prefix topic:   <https://w3id.org/igkg/concept/topic/> .
"""

INSTRUMENT_NOTES = (
    "The total of 122 paragraphs and the range of the last section (Implementation and follow-up, "
    "83-122) are unverified in the fact sheet; paragraphs 93-97, 101-102 and 111 are verified to "
    "exist (S2). Paragraphs 112-122 carry verif:unverified for that reason.",
    "Adopted with the Tunis Commitment (WSIS-05/TUNIS/DOC/7); the eighth plenary meeting of "
    "18 November 2005 is verified for the Commitment only. Circulated at the United Nations as "
    "A/60/687 (verified). Its endorsement by UN General Assembly resolution 60/252 is only partly "
    "verified (see inst:a-res-60-252).",
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


def claim_properties(claim: Claim | None) -> list[tuple[str, str]]:
    if claim is None:
        return []
    props: list[tuple[str, str]] = []
    if claim.summary is not None:
        props.append(("igkg:subjectSummary", literal(claim.summary)))
    props.append(("igkg:verificationStatus", claim.status))
    props.append(("igkg:evidence", literal(claim.evidence, None)))
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
        ("igkg:verificationStatus", V),
        ("igkg:evidence", literal("S1 (symbol, date, title)", None)),
        ("igkg:evidence", literal("dig.watch/?p=116443 (footnote: circulated as A/60/687)", None)),
    ]
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
        ("igkg:evidence", literal(section.evidence, None)),
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
        # V: "35: ... stakeholder roles a-e" (A/RES/70/125 para 59; S8)
        props.append(("dcterms:subject", "topic:stakeholder-roles"))
    props += claim_properties(PARAGRAPHS.get(number))
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
    props += claim_properties(claim)
    return node(f"ta:para-{number}-{letter}", "igkg:SubItem", props)


def render() -> str:
    """The whole Turtle document."""
    parts = [
        HEADER,
        PREFIXES,
        "# --- The instrument ---\n",
        instrument_block(),
        "# --- Sections (headings and paragraph ranges, fact sheet §1) ---\n",
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
