"""`igkg viz`, `igkg analyze …`, `igkg export --format graphml|gexf` and the explorer page of
`igkg build`: outputs checked against the graph, errors against the documented exit codes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import igkg
from igkg.network.view import build_view
from paths import DATA

IGF = "https://w3id.org/igkg/id/actor/igf"
TA = "https://w3id.org/igkg/id/instrument/tunis-agenda"
Run = Callable[..., Any]


def _rows(out: str) -> list[dict[str, Any]]:
    """SPARQL JSON results as dictionaries of plain values."""
    data = json.loads(out)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_viz_writes_a_page(run_cli: Run, tmp_path: Path, kg: igkg.KnowledgeGraph) -> None:
    target = tmp_path / "graph.html"
    result = run_cli("viz", "-o", target)
    view = build_view(kg.store)
    assert result.code == 0 and result.out == ""
    assert f"{len(view.nodes)} nodes, {len(view.edges)} edges" in result.err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    to_stdout = run_cli("viz", "--focus", "IGF", "-o", "-")
    assert to_stdout.code == 0 and to_stdout.out.startswith("<!DOCTYPE html>") and to_stdout.err == ""


def test_viz_query_draws_a_construct_result(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "q.html"
    result = run_cli("viz", "--query", "neighbourhood", "-p", "node=IGF", "-p", "depth=1", "-o", target)
    assert result.code == 0, result.err
    assert "Neighbourhood of a node" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Internet Governance Forun"], "no resource is called 'Internet Governance Forun'"),
        (["--classes", "recommendations"], "unknown class 'recommendations'"),
        (["--query", "recommendations"], "is a SELECT query"),
        (["--query", "no-such-query"], "no named query 'no-such-query'"),
        (["--depth", "2"], "--depth applies to --focus"),
        (["--focus", "IGF", "--query", "neighbourhood"], "not both"),
        (["-p", "node=IGF"], "parameters apply to a query only"),
        (["--focus", "IGF", "--depth", "2", "--max-nodes", "5"], "more than 5 nodes"),
        (["--data", str(DATA / "bad-syntax.ttl")], "bad-syntax.ttl:6"),
    ],
)
def test_viz_bad_input_exits_2_with_one_line(run_cli: Run, tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "graph.html"
    result = run_cli("viz", *args, "-o", target)
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1 and "Traceback" not in result.err
    assert not target.exists()


def test_centrality_ranks_each_class(run_cli: Run) -> None:
    result = run_cli("analyze", "centrality", "--top", "3", "--format", "json")
    assert result.code == 0, result.err
    rows = _rows(result.out)
    assert [r["class"] for r in rows] == ["instrument"] * 3 + ["paragraph"] * 3 + ["organization"] * 3
    instruments = rows[:3]
    assert instruments[0]["node"] == TA  # every Tunis Agenda paragraph hangs off it
    assert [float(r["betweenness"]) for r in instruments] == sorted(
        (float(r["betweenness"]) for r in instruments), reverse=True)
    assert run_cli("analyze", "centrality", "--classes", "nope").code == 2


def test_coverage_of_the_internet_governance_section(run_cli: Run, kg: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    png, svg = tmp_path / "coverage.png", tmp_path / "coverage.svg"
    result = run_cli("analyze", "coverage", "--instrument", "Tunis Agenda", "--from", "29", "--to", "82",
                     "--format", "json", "--chart", png, "--chart", svg)
    assert result.code == 0, result.err
    rows = _rows(result.out)
    assert [r["number"] for r in rows] == [str(n) for n in range(29, 83)]
    by_number = {r["number"]: r for r in rows}
    assert by_number["72"]["cited_by"] == "WGEC #4, WGEC #8"
    # The counts agree with the named query instrument-coverage.
    named = {r["number"]: r["recommendations"] for r in kg.query("instrument-coverage", instrument="Tunis Agenda")}
    assert {n: int(r["recommendations"]) for n, r in by_number.items()} == {n: named[n] for n in by_number}
    cited = sum(1 for r in rows if int(r["recommendations"]))
    assert f"{cited} of 54 paragraphs cited" in result.err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    tree = ET.parse(svg)
    assert tree.getroot().tag.endswith("svg")
    assert "¶29–82" in svg.read_text(encoding="utf-8") or "29–82" in svg.read_text(encoding="utf-8")
    bad = run_cli("analyze", "coverage", "--chart", tmp_path / "chart.pdf")
    assert bad.code == 2 and "png or .svg" in bad.err
    assert run_cli("analyze", "coverage", "--instrument", "Tunis Agendum").code == 2


def test_components_cover_every_node(run_cli: Run, kg: igkg.KnowledgeGraph) -> None:
    result = run_cli("analyze", "components", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    view = build_view(kg.store)
    assert sum(int(r["nodes"]) for r in rows) == len(view.nodes)
    assert len(rows) == nx.number_weakly_connected_components(view.to_networkx())


def test_shortest_path_between_labels(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("analyze", "path", "doc:wgec-second-take/rec-8", "IGF", "--format", "json")
    assert result.code == 0, result.err
    rows = _rows(result.out)
    assert [r["label"] for r in rows] == ["WGEC #8", "IGF"]
    assert rows[1]["link"] == "→ mentions"
    back = _rows(run_cli("analyze", "path", "IGF", "doc:wgec-second-take/rec-8", "-f", "json").out)
    assert back[1]["link"] == "← mentions"
    # A resource linked to nothing: no path, said on stderr, exit 0 with an empty result.
    lonely = tmp_path / "lonely.ttl"
    lonely.write_text('<https://example.org/lonely> <http://www.w3.org/2004/02/skos/core#prefLabel> "Lonely" .\n')
    none = run_cli("analyze", "path", "IGF", "Lonely", "--data", lonely, "-f", "csv")
    assert none.code == 0 and none.out.strip() == "step,node,label,class,link"
    assert "no path between 'IGF' and 'Lonely'" in none.err
    assert run_cli("analyze", "path", "IGF", "Nobody at all").code == 2


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_export_has_labels_and_classes(run_cli: Run, kg: igkg.KnowledgeGraph, tmp_path: Path,
                                               fmt: str) -> None:
    target = tmp_path / f"igkg.{fmt}"
    assert run_cli("export", "--format", fmt, "-o", target).code == 0
    graph = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
    view = build_view(kg.store, concepts=True)  # the export keeps the concepts as nodes, for Gephi
    assert graph.number_of_nodes() == len(view.nodes)
    assert graph.number_of_edges() == len(view.edges)
    assert graph.nodes[IGF]["label"] == "IGF" and graph.nodes[IGF]["class"] == "organization"
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert {"cites", "is part of", "mentions"} <= relations


def test_build_writes_the_explorer(tmp_path: Path, kg: igkg.KnowledgeGraph) -> None:
    from igkg.build import build

    lines: list[str] = []
    summary = build(tmp_path, echo=lines.append)
    page = tmp_path / "explorer.html"
    assert page in summary.outputs
    view = build_view(kg.store)
    assert any(f"explorer.html ({len(view.nodes)} nodes, {len(view.edges)} edges" in line for line in lines)
    assert 'id="igkg-data"' in page.read_text(encoding="utf-8")
