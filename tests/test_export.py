"""Exports: every RDF syntax parses back to the same graph; JSON-LD carries its context inline."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

import igkg
from cli_support import RunCli
from igkg.formats import RDF_SYNTAXES, RdfSyntax
from igkg.formats.rdflib_bridge import quads_to_graph


@pytest.fixture(scope="module")
def reference(kg: igkg.KnowledgeGraph) -> rdflib.Graph:
    return quads_to_graph(kg.store.quads())


@pytest.mark.parametrize("syntax", [s for s in RDF_SYNTAXES], ids=lambda s: s.name)
def test_every_syntax_round_trips_isomorphic(
    kg: igkg.KnowledgeGraph, reference: rdflib.Graph, syntax: RdfSyntax
) -> None:
    data = kg.export(syntax.name)
    # parsed back by an independent, strict parser (Oxigraph), then compared with rdflib
    back = quads_to_graph(ox.parse(input=data, format=syntax.oxigraph))
    assert len(back) == len(reference)
    assert isomorphic(back, reference)


def test_jsonld_is_compact_with_the_bundled_context(kg: igkg.KnowledgeGraph) -> None:
    document = json.loads(kg.export("jsonld"))
    context = document["@context"]
    assert isinstance(context, dict)  # inline, never a URL to fetch
    assert context["igkg"] == "https://w3id.org/igkg/ontology#"
    assert "@graph" in document
    ids = {node.get("@id") for node in document["@graph"]}
    assert "doc:wgec-second-take" in ids


def test_export_to_a_file_and_the_format_list(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    result = run_cli("export", "--format", "nt", "-o", target)
    assert result.code == 0 and result.out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(igkg.load())
    bad = run_cli("export", "--format", "yaml")
    assert bad.code == 2 and "yaml" in bad.err
