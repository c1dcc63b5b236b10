"""Readable results: labels next to IRIs, no repeated long cells, plain CSV/TSV, notebook HTML
escaped, DataFrames (and the message without pandas); labels as results show them accepted as
input; the README's path example returns a path along meaningful links."""

from __future__ import annotations

import contextlib
import sys

import pytest

import igkg
from cli_support import RunCli
from igkg.errors import ParameterError
from igkg.formats.result_writer import REPEATED, render
from igkg.queries.params import resolve_label
from viz_support import XSS_DATA

REC8 = "https://w3id.org/igkg/id/doc/wgec-second-take/rec-8"


def test_tables_show_labels_and_do_not_repeat_long_cells(kg: igkg.KnowledgeGraph) -> None:
    result = kg.sparql("SELECT ?r ?text WHERE { VALUES ?r { <https://w3id.org/igkg/id/doc/wgec-second-take/rec-8> } "
                       "?r igkg:text ?text ; "
                       "igkg:mentions ?m }")
    assert isinstance(result, igkg.ResultTable) and len(result) == 2  # the same text, twice
    table = render(result, "md")
    assert isinstance(table, str)
    lines = table.splitlines()
    assert lines[2].startswith("| WGEC #8 | Congratulates the IGF") and lines[3] == f"| WGEC #8 | {REPEATED} |"
    raw = render(result, "md", iris=True)
    assert isinstance(raw, str) and "doc:wgec-second-take/rec-8" in raw
    html = result._repr_html_()
    assert f'<td title="{REC8}">WGEC #8</td>' in html and f"<td>{REPEATED}</td>" in html


def test_notebook_html_escapes_hostile_values() -> None:
    hostile = igkg.load(data=[XSS_DATA])
    result = hostile.sparql("SELECT ?o ?name WHERE { ?o igkg:acronym ?a ; skos:prefLabel ?name "
                            "FILTER(CONTAINS(?name, '<b')) }")
    assert isinstance(result, igkg.ResultTable)
    html = result._repr_html_()
    assert "<svg" not in html and "<b " not in html
    assert "&lt;svg/onload=window.__xss=&#x27;acronym&#x27;&gt;" in html  # the label, escaped


def test_to_dataframe_has_label_columns_and_a_clear_error_without_pandas(
        kg: igkg.KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    result = kg.query("addressed-to", agent="IGF")
    assert isinstance(result, igkg.ResultTable)
    frame = result.to_dataframe()
    assert list(frame["recommendation_label"]) == ["WGEC #8", "WGEC #9", "WGEC #10"]
    assert list(frame["position"]) == [8, 9, 10]
    assert "recommendation_label" not in result.to_dataframe(iris=True).columns
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'igkg\[dataframe\]'"):
        result.to_dataframe()


@pytest.mark.parametrize(("text", "iri"), [
    ("WGEC #8", REC8),
    ("wgec  # 8", REC8),
    ("TA ¶72(g)", "https://w3id.org/igkg/id/instrument/tunis-agenda/para-72-g"),
    ("Tunis Agenda ¶ 72 (g)", "https://w3id.org/igkg/id/instrument/tunis-agenda/para-72-g"),
    ("doc:wgec-second-take/rec-8", REC8),
    ("“its Tunis Agenda defined r…", "https://w3id.org/igkg/id/doc/wgec-second-take/rec-8-citation-1"),
    ("TA: Implementation and foll…", "https://w3id.org/igkg/id/instrument/tunis-agenda/section-implementation"),
    ("A/67/65: Funding", "https://w3id.org/igkg/id/instrument/cstd-wg-igf-improvements-report/section-area-c"),
    ("Enhanced Cooperation", "https://w3id.org/igkg/id/process/enhanced-cooperation"),  # not the topic
])
def test_labels_results_show_are_accepted_as_input(kg: igkg.KnowledgeGraph, text: str, iri: str) -> None:
    assert resolve_label(kg.store, "node", text).value == iri


def test_nearly_every_label_the_explorer_shows_names_its_node(kg: igkg.KnowledgeGraph) -> None:
    """What results and the explorer show can be typed back: every label but those several nodes
    share (the operative actions' verbs, a citation written twice the same way, scheme names)."""
    from igkg.network.view import build_view

    view = build_view(kg.store, concepts=True)
    named = 0
    for key, node in view.nodes.items():
        with contextlib.suppress(ParameterError):
            named += resolve_label(kg.store, "node", node.look.label).value == key
    assert named / len(view.nodes) > 0.85


def test_a_label_that_is_no_resource_still_fails_clearly(kg: igkg.KnowledgeGraph) -> None:
    with pytest.raises(ParameterError, match="no resource is called 'WGEC #99'"):
        resolve_label(kg.store, "node", "WGEC #99")


def test_the_readme_path_example_returns_a_path(run_cli: RunCli) -> None:
    done = run_cli("analyze", "path", "doc:wgec-second-take/rec-8", "ITU", "-f", "csv")
    assert done.code == 0, done.err
    rows = done.out.strip().splitlines()
    assert rows[1].split(",")[2] == "WGEC #8" and rows[-1].split(",")[2] == "ITU"
    assert "concept" not in done.out  # meaningful links only: no verification status on the way
    by_label = run_cli("analyze", "path", "WGEC #8", "ITU", "-f", "csv")
    assert by_label.code == 0 and by_label.out == done.out
