"""Parameters: what a person types becomes a bound RDF term, or a clear error."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import igkg
from igkg.errors import ParameterError
from igkg.queries.params import normalise_paragraph, resolve_label
from paths import DATA


@pytest.mark.parametrize(
    ("typed", "number"),
    [("69", "69"), (" 069 ", "69"), ("72(g)", "72(g)"), ("72 (g)", "72(g)"), ("72g", "72(g)"),
     ("72.g", "72(g)"), ("¶72(g)", "72(g)"), ("para 35", "35"), ("paragraph 35(a)", "35(a)"),
     ("§ 49 (E)", "49(e)"), ("72g)", "72(g)")],
)
def test_paragraph_numbers_are_normalised(typed: str, number: str) -> None:
    assert normalise_paragraph(typed) == number


@pytest.mark.parametrize("typed", ["", "sixty-nine", "72(g", "69-71", "<script>"])
def test_bad_paragraph_numbers_are_refused(typed: str) -> None:
    with pytest.raises(ParameterError, match="paragraph number"):
        normalise_paragraph(typed)


def test_labels_acronyms_and_symbols_resolve(kg: igkg.KnowledgeGraph) -> None:
    ta = "https://w3id.org/igkg/id/instrument/tunis-agenda"
    for typed in ("Tunis Agenda", "tunis agenda for the information society", "WSIS-05/TUNIS/DOC/6(Rev.1)-E",
                  "the Tunis Agenda", ta, f"<{ta}>", "inst:tunis-agenda"):
        assert resolve_label(kg.store, "instrument", typed) == ox.NamedNode(ta), typed


def test_unknown_agent_suggests_close_labels(kg: igkg.KnowledgeGraph) -> None:
    with pytest.raises(ParameterError) as error:
        kg.query("addressed-to", agent="Internet Governance Forun")
    assert "no organization, stakeholder group, audience or process is called" in str(error.value)
    assert "Internet Governance Forum" in str(error.value)


def test_a_paragraph_outside_the_instrument_is_refused(kg: igkg.KnowledgeGraph) -> None:
    with pytest.raises(ParameterError, match=r"has no paragraph 500 \(it has 1–122\)"):
        kg.query("citing-paragraph", instrument="Tunis Agenda", paragraph="500")


def test_missing_unknown_and_out_of_range_parameters(kg: igkg.KnowledgeGraph) -> None:
    with pytest.raises(ParameterError, match="needs a value for its parameter paragraph"):
        kg.query("citing-paragraph", instrument="Tunis Agenda")
    with pytest.raises(ParameterError, match="has no parameter 'colour'"):
        kg.query("recommendations", colour="red")
    with pytest.raises(ParameterError, match="between 1 and 2"):
        kg.query("neighbourhood", node="IGF", depth="5")
    with pytest.raises(ParameterError, match="whole number"):
        kg.query("neighbourhood", node="IGF", depth="two")


def test_an_iri_that_is_not_in_the_graph_is_refused(kg: igkg.KnowledgeGraph) -> None:
    with pytest.raises(ParameterError, match="no such resource"):
        kg.query("mentions", agent="https://example.org/nobody")


@pytest.mark.parametrize("value", (DATA / "injection-param.txt").read_text(encoding="utf-8").splitlines())
def test_hostile_values_stay_values(kg: igkg.KnowledgeGraph, value: str) -> None:
    """Quotes and braces in a value cannot change the query: they match nothing."""
    with pytest.raises(ParameterError):
        kg.query("mentions", agent=value)
    result = kg.query("search-text", words=value)
    assert len(result) == 0
