"""The named-query library: headers, parameters, results, and binding semantics."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import igkg
from igkg.queries import PARAMETER_TYPES, library
from igkg.queries.params import resolve_parameters
from igkg.results import GraphResult, ResultTable
from igkg.stores.oxigraph import run_oxigraph_query
from paths import DATA

REQUIRED = [
    "recommendations", "actions", "citing-paragraph", "addressed-to", "mentions",
    "instrument-coverage", "stakeholder-roles", "organizations", "neighbourhood",
]
QUERIES = library()


def positions(result: igkg.ResultTable) -> list[int]:
    """The ``position`` column of a result, sorted (recommendation numbers)."""
    return sorted({row["position"] for row in result})


def test_library_has_the_required_queries_and_at_least_twelve() -> None:
    assert set(REQUIRED) <= set(QUERIES)
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_has_a_complete_header(name: str) -> None:
    query = QUERIES[name]
    assert query.title, f"{name}: no '# title:'"
    assert len(query.description) > 30, f"{name}: no useful '# description:'"
    for parameter in query.parameters:
        assert parameter.type in PARAMETER_TYPES
        assert parameter.example, f"{name}: parameter {parameter.name} has no example"
        assert parameter.description


@pytest.fixture(scope="module")
def kg_with_versions() -> igkg.KnowledgeGraph:
    """The bundled graph plus a later version of the seed recorded with its changes (the
    bundled graph has a single version of every document, so `changes` needs one)."""
    return igkg.load(data=[DATA / "diff" / "wgec-third-take.ttl"])


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_runs_with_its_examples_and_returns_something(kg_with_versions: igkg.KnowledgeGraph,
                                                                  name: str) -> None:
    kg = kg_with_versions
    query = QUERIES[name]
    result = kg.run(query, {p.name: p.example for p in query.parameters})
    assert isinstance(result, ResultTable | GraphResult)
    assert len(result) > 0, f"{name} returned nothing for its example parameters"


@pytest.mark.parametrize("name", sorted(n for n, q in QUERIES.items() if q.parameters and q.form == "SELECT"))
def test_values_block_and_oxigraph_substitutions_give_the_same_answer(kg_with_versions: igkg.KnowledgeGraph,
                                                                       name: str) -> None:
    """igkg binds parameters with a VALUES block (locally and remotely); a named query must mean
    the same as with the variables bound from the start (Oxigraph's substitutions), i.e. each
    parameter is used where a join binds it, not in a FILTER of a nested group."""
    kg = kg_with_versions
    query = QUERIES[name]
    bindings = resolve_parameters(kg.store, query, {p.name: p.example for p in query.parameters})
    store = kg.store.oxigraph  # type: ignore[attr-defined]
    with_values = run_oxigraph_query(store, query.text, bindings)
    substituted = store.query(
        query.text, substitutions={ox.Variable(k): v for k, v in bindings.items()}, use_default_graph_as_union=True
    )
    assert isinstance(with_values, ResultTable)
    rows = [[None if row[v] is None else str(row[v]) for v in substituted.variables] for row in substituted]
    ours = [[None if t is None else str(t) for t in r] for r in with_values.rows]
    assert sorted(map(str, rows)) == sorted(map(str, ours))
    assert len(with_values) > 0


def test_citing_tunis_agenda_69_finds_bullet_4_through_its_range(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("citing-paragraph", instrument="Tunis Agenda", paragraph="69")
    assert isinstance(rows, ResultTable)
    assert positions(rows) == [4]
    (row,) = rows
    assert row["asWritten"] == "Tunis Agenda paragraphs 67 through 75"
    assert row["match"] == "the paragraph itself"


@pytest.mark.parametrize("typed", ["72(g)", "72 (g)", "72g", "¶72(g)", "para. 72(G)"])
def test_citing_a_sub_item_finds_citations_of_its_paragraph(kg: igkg.KnowledgeGraph, typed: str) -> None:
    rows = kg.query("citing-paragraph", instrument="TA", paragraph=typed)
    assert isinstance(rows, ResultTable)
    assert positions(rows) == [4, 8]
    assert {r["match"] for r in rows} == {"the paragraph containing it"}


def test_citing_paragraph_72_via_sub_item_in_a_user_document() -> None:
    kg = igkg.load(data=[DATA / "extra-document.ttl"])
    rows = kg.query("citing-paragraph", instrument="Tunis Agenda", paragraph="72")
    assert isinstance(rows, ResultTable)
    matches = {(r["document"].rsplit("/", 1)[-1], r["position"], r["match"]) for r in rows}
    assert ("doc", 1, "one of its sub-items") in matches
    assert ("wgec-second-take", 8, "the paragraph itself") in matches


def test_addressed_to_igf_is_bullets_8_9_10(kg: igkg.KnowledgeGraph) -> None:
    for typed in ("IGF", "Internet Governance Forum", "the IGF", "igf", "actor:igf"):
        rows = kg.query("addressed-to", agent=typed)
        assert isinstance(rows, ResultTable)
        assert positions(rows) == [8, 9, 10], typed


def test_addressed_to_governments_and_audiences(kg: igkg.KnowledgeGraph) -> None:
    assert positions(kg.query("addressed-to", agent="governments")) == [12]
    assert positions(kg.query("addressed-to", agent="those making public policy")) == [11]
    assert positions(kg.query("addressed-to", agent="all stakeholders")) == [14]


def test_mentions_igf_is_bullets_8_to_13_and_flags_addressees(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("mentions", agent="IGF")
    assert isinstance(rows, ResultTable)
    assert positions(rows) == [8, 9, 10, 11, 12, 13]
    assert {r["position"] for r in rows if r["addressed"]} == {8, 9, 10}


def test_mentions_a_process(kg: igkg.KnowledgeGraph) -> None:
    assert positions(kg.query("mentions", agent="Enhanced Cooperation")) == [4, 5, 8]


def test_instrument_coverage_lists_every_tunis_paragraph_with_zeros(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("instrument-coverage", instrument="Tunis Agenda")
    assert isinstance(rows, ResultTable)
    counts = {r["number"]: r["recommendations"] for r in rows}
    assert len(counts) == 122
    assert [int(n) for n in counts] == list(range(1, 123))
    assert counts["69"] == 1 and counts["72"] == 2 and counts["35"] == 1 and counts["1"] == 0
    assert counts["75"] == 2 and counts["78"] == 1  # bullet 4 (67-75) and bullet 8 (the IGF's mandate, 72-78)
    assert sum(1 for c in counts.values() if c == 0) == 122 - 13


def test_stakeholder_roles_name_provisions_and_discussing_recommendations(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("stakeholder-roles")
    assert isinstance(rows, ResultTable)
    assert len(rows) >= 6
    governments = [r for r in rows if r["groupLabel"] == "governments"]
    assert governments, "no role for governments"
    assert "Tunis Agenda ¶35(a)" in governments[0]["provisions"]
    assert "#2" in governments[0]["recommendations"]  # bullet 2 cites ¶35


def test_organizations_counts_addressing_and_mentioning(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("organizations")
    assert isinstance(rows, ResultTable)
    assert len(rows) >= 30
    igf = next(r for r in rows if r["acronym"] == "IGF")
    assert (igf["addressedBy"], igf["mentionedBy"]) == (3, 6)


def test_organizations_are_ordered_by_mentions(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("organizations")
    assert isinstance(rows, ResultTable)
    mentioned = rows.column("mentionedBy")
    assert mentioned == sorted(mentioned, reverse=True)
    assert rows.column("acronym")[0] == "IGF"


def test_neighbourhood_depth_two_contains_depth_one(kg: igkg.KnowledgeGraph) -> None:
    one = kg.query("neighbourhood", node="IGF", depth="1")
    two = kg.query("neighbourhood", node="IGF", depth="2")
    assert isinstance(one, GraphResult) and isinstance(two, GraphResult)
    first, second = set(map(str, one)), set(map(str, two))
    assert first < second
    subjects = {t.subject.value for t in one}
    assert "https://w3id.org/igkg/id/doc/wgec-second-take/rec-9-action-1" in subjects  # addresses the IGF
    assert len(kg.query("neighbourhood", node="IGF")) == len(one)  # depth defaults to 1


def test_citation_claims_show_the_enhanced_cooperation_discrepancy(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("citation-claims")
    assert isinstance(rows, ResultTable)
    ec = [r for r in rows if r["subject"] == "Enhanced Cooperation" and r["position"] == 4]
    cited_not_about = sorted(int(r["paragraph"].rsplit("-", 1)[-1]) for r in ec
                             if r["difference"] == "cited, but not about it")
    assert cited_not_about == [67, 68, 72, 73, 74, 75]
    assert not [r for r in ec if r["difference"] == "about it, but not cited"]


def test_unverified_claims_never_list_verified_ones(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.query("unverified-claims")
    assert isinstance(rows, ResultTable)
    assert len(rows) > 10
    assert set(rows.column("status")) <= {"partly verified", "unverified"}
    labels = set(rows.column("label"))
    assert "Tunis Agenda ¶35(b)" in labels      # U in the fact sheet
    assert "Tunis Agenda ¶69" not in labels     # V in the fact sheet


def test_search_text_binds_the_words(kg: igkg.KnowledgeGraph) -> None:
    assert positions(kg.query("search-text", words="MULTISTAKEHOLDER")) == [14]
    assert len(kg.query("search-text", words='"} UNION {')) == 0
