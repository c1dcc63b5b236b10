"""The linear view builder draws exactly what the old one drew: every kind of view (whole graph,
with and without concepts, a focus with depth and reserve ring, classes, a CONSTRUCT result),
on the bundled graph and on the bundled graph plus a generated corpus, compared field by field
with the builder as it was before issue 13 (``tests/view_reference.py``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import igkg
import view_reference
from igkg.network.view import GraphView, build_view

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import write_corpus  # noqa: E402  (benchmarks/corpus.py: the synthetic corpus)

#: The kinds of view people ask for (focus on an organization, on a document, on a concept).
CASES: list[dict[str, Any]] = [
    {},
    {"concepts": True},
    {"reserve": True},
    {"focus": "IGF", "depth": 1},
    {"focus": "IGF", "depth": 2, "reserve": True},
    {"focus": "Tunis Agenda", "depth": 1, "reserve": True},
    {"classes": ["recommendation", "organization"]},
    {"classes": ["concept"]},
    {"focus": "IGF", "depth": 1, "classes": ["action"], "reserve": True},
]


def _as_data(view: GraphView) -> dict[str, Any]:
    """Everything a view carries, in its order (dicts keep insertion order, lists are compared as lists)."""
    def nodes(table: dict[str, Any]) -> list[Any]:
        return [(k, n.key, n.types, n.facts, n.look, n.name) for k, n in table.items()]

    return {"nodes": nodes(view.nodes), "edges": [(e.source, e.target, e.predicate) for e in view.edges],
            "reserve": nodes(view.reserve),
            "reserve_edges": [(e.source, e.target, e.predicate) for e in view.reserve_edges],
            "names": view.property_names, "title": view.title, "focus": view.focus}


def _same(store: Any, **options: Any) -> GraphView:
    new = build_view(store, max_nodes=100_000, **options)
    old = view_reference.build_view(store, max_nodes=100_000, **options)
    got, want = _as_data(new), _as_data(old)
    for part in want:  # one part at a time, so that a difference says where it is
        assert got[part] == want[part], part
    return new


@pytest.mark.parametrize("options", CASES, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "whole")
def test_bundled_graph_views_are_unchanged(kg: igkg.KnowledgeGraph, options: dict[str, Any]) -> None:
    view = _same(kg.store, **options)
    assert view.nodes  # every case draws something on the bundled graph


def test_construct_result_view_is_unchanged(kg: igkg.KnowledgeGraph) -> None:
    result = kg.sparql("CONSTRUCT { ?r ?p ?o } WHERE { ?r a igkg:Recommendation ; ?p ?o }")
    assert isinstance(result, igkg.GraphResult) and len(result) > 50
    view = _same(kg.store, result=result)
    assert any(n.cls == "recommendation" for n in view.nodes.values())


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> igkg.KnowledgeGraph:
    """The bundled graph plus a generated corpus of about 4,000 triples (some 180 recommendations)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.nt"
    write_corpus(path, triples=4_000)
    return igkg.load(data=[path])


@pytest.mark.parametrize("options", [{}, {"concepts": True, "reserve": True}, {"focus": "IGF", "depth": 1,
                                                                               "reserve": True}],
                         ids=["whole", "concepts-reserve", "igf-reserve"])
def test_generated_corpus_views_are_unchanged(corpus_graph: igkg.KnowledgeGraph, options: dict[str, Any]) -> None:
    view = _same(corpus_graph.store, **options)
    synthetic = [k for k in view.nodes if "/doc/synthetic-" in k]
    assert len(synthetic) > 20  # the corpus is drawn, not only the bundled graph
