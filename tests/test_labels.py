"""The short labels of result tables and resource pages ("WGEC #8", "TA ¶72", "IGF") are read
from a few properties of each IRI (types, the links to wholes, the label literals), not from
every triple about it: the labels must be the ones a look-up of every triple gives."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from endpoint_support import corpus_module
from igkg.network.facts import Facts, container_names, describe
from igkg.network.labels import labels_for, names_for
from igkg.network.style import full_name, node_look
from igkg.stores.base import GraphStore
from igkg.stores.disk import load_into_store


def _every_triple_read(store: GraphStore, iris: set[str]) -> dict[str, tuple[str, str]]:
    """The labels as they were made before: every triple of each IRI and of its wholes read."""
    keys = sorted(iris)
    facts = Facts()
    describe(store, facts, [ox.NamedNode(k) for k in keys])
    containers = container_names(store, facts, keys)
    out = {}
    for key in keys:
        literals, types = facts.literals.get(key, {}), facts.types.get(key, [])
        if literals or types:
            look = node_look(types, key, literals, containers.get(key))
            out[key] = (look.label, full_name(key, literals, look.label))
    return out


def _iris(store: GraphStore) -> set[str]:
    return {t.value for q in store.quads() for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}


def test_labels_of_every_iri_of_the_bundled_graph_are_those_of_a_full_read(kg: igkg.KnowledgeGraph) -> None:
    iris = _iris(kg.store)
    assert len(iris) > 500
    names = names_for(kg.store, iris)
    assert names == _every_triple_read(kg.store, iris)
    # the kinds of label the explorer and the tables show, each made from its own properties
    assert names["https://w3id.org/igkg/id/doc/wgec-second-take/rec-1"][0] == "WGEC #1"
    assert names["https://w3id.org/igkg/id/actor/igf"][0] == "IGF"
    assert {label for label, _ in names.values() if "¶" in label}
    assert labels_for(kg.store, iris) == {k: label for k, (label, _) in names.items()}


def test_labels_on_a_disk_store_of_a_generated_corpus(tmp_path: Path) -> None:
    """The same on the on-disk store (queries through its worker), with thousands of
    recommendations, actions and citations of a generated corpus."""
    corpus = tmp_path / "corpus.nt"
    corpus_module().write_corpus(corpus, triples=4_000)
    load_into_store(tmp_path / "kg", [corpus])
    store = igkg.load(store=tmp_path / "kg").store
    iris = _iris(store)
    names = names_for(store, iris)
    assert names == _every_triple_read(store, iris)
    assert sum(1 for label, _ in names.values() if "#" in label) >= 150  # recommendations


@pytest.mark.parametrize("iri", ["https://example.org/unknown", "urn:x-nothing:at-all"])
def test_an_iri_the_graph_says_nothing_about_gets_no_label(kg: igkg.KnowledgeGraph, iri: str) -> None:
    assert labels_for(kg.store, {iri}) == {}
