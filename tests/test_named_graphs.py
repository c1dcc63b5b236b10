"""Named graphs: one per source (ontology, each scheme file, each reference-data file, each
recommendation document, each user file), kept by load, export and ``load --store``; queries
read the union and answer as before; ``push --document`` replaces one document's graph on a real
Oxigraph server and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from endpoint_support import OxigraphServer, outcome
from igkg.formats.rdf_reader import parse_files
from igkg.graph import Graph
from igkg.namespaces import GRAPH_NS, document_graph, file_graph
from igkg.queries import library
from igkg.resources import bundled_graph_files
from igkg.results import ResultTable
from igkg.stores.disk import load_into_store
from igkg.stores.oxigraph import OxigraphStore
from paths import DATA

G = GRAPH_NS
BUNDLED_GRAPHS = [
    G + "data/actors/audiences", G + "data/actors/organizations", G + "data/actors/processes",
    G + "data/actors/stakeholder-groups", G + "data/instruments/cstd-wg-igf-improvements-report",
    G + "data/instruments/geneva-declaration", G + "data/instruments/related-instruments",
    G + "data/instruments/resolutions", G + "data/instruments/tunis-agenda", G + "doc/wgec-second-take",
    G + "ontology/change-kinds", G + "ontology/igkg", G + "ontology/schemes", G + "ontology/verb-strength",
]
EXTRA = DATA / "extra-document.ttl"
SEED_GRAPH = G + "doc/wgec-second-take"


def _graph_counts(quads: list[ox.Quad]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for quad in quads:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        counts[name] = counts.get(name, 0) + 1
    return counts


def test_the_bundled_graph_has_one_named_graph_per_source_and_nothing_in_the_default_graph(
        kg: igkg.KnowledgeGraph) -> None:
    assert kg.graphs() == BUNDLED_GRAPHS
    counts = _graph_counts(list(kg.store.quads()))
    assert "" not in counts
    assert counts[G + "data/instruments/tunis-agenda"] == 1419 and counts[SEED_GRAPH] == 271
    stats = kg.stats()
    assert stats.graphs == 14 and stats.triples == stats.quads == sum(counts.values()) == len(kg)


def test_trig_and_nquads_carry_one_graph_per_source_and_the_triple_syntaxes_the_union(
        kg: igkg.KnowledgeGraph) -> None:
    for syntax in ("trig", "nq"):
        syntax_format = ox.RdfFormat.TRIG if syntax == "trig" else ox.RdfFormat.N_QUADS
        quads = list(ox.parse(kg.export(syntax), format=syntax_format))
        assert sorted(_graph_counts(quads)) == BUNDLED_GRAPHS
        assert len(quads) == len(kg)
    trig = kg.export("trig").decode()
    assert len(re.findall(r"^<https://w3id\.org/igkg/graph/[^>]+> \{", trig, flags=re.M)) == 14  # one block each
    for syntax, fmt in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES)):
        triples = list(ox.parse(kg.export(syntax), format=fmt))
        assert len(triples) == len(set(t.triple for t in triples)) == len(kg)


def test_every_named_query_answers_as_when_everything_was_one_graph(kg: igkg.KnowledgeGraph) -> None:
    single = OxigraphStore()
    single.add(parse_files(bundled_graph_files()))  # the bundled files, all in the default graph
    before = Graph(single)
    assert len(single) == len(kg)
    for name in library():
        assert outcome(kg, name) == outcome(before, name), name


def test_a_users_files_go_into_the_document_graph_their_own_names_or_the_files_graph(tmp_path: Path) -> None:
    trig = tmp_path / "mine.trig"
    trig.write_text("<https://example.org/a> <https://example.org/p> 1 .\n"
                    "<https://example.org/g> { <https://example.org/a> <https://example.org/p> 2 . }\n")
    plain = tmp_path / "notes.ttl"
    plain.write_text("<https://example.org/a> <https://example.org/p> 3 .\n")
    kg = igkg.load(data=[EXTRA, trig, plain])
    counts = _graph_counts(list(kg.store.quads()))
    assert counts[document_graph("https://example.org/extra/doc").value] == 20  # one document: its graph
    assert counts["https://example.org/g"] == 1                                # TriG keeps its names
    assert counts[file_graph("mine.trig").value] == 1                          # its default graph: the file's
    assert counts[file_graph("notes.ttl").value] == 1
    assert len(kg.graphs()) == 14 + 4


def test_a_triple_already_in_the_bundled_graph_is_not_counted_twice(tmp_path: Path) -> None:
    again = tmp_path / "again.ttl"
    again.write_text("<https://w3id.org/igkg/id/actor/igf> a <http://www.w3.org/ns/org#Organization> .\n"
                     "<https://example.org/new> <https://example.org/p> 1 .\n")
    kg = igkg.load(data=[again])
    bundled = igkg.load()
    assert len(kg) == len(bundled) + 1 and kg.stats().quads == len(kg)
    assert _graph_counts(list(kg.store.quads()))[file_graph("again.ttl").value] == 1  # only what is new
    assert outcome(kg, "organizations") == outcome(bundled, "organizations")


def test_a_store_on_disk_keeps_the_same_graphs_and_counts_a_shared_triple_once(tmp_path: Path) -> None:
    shared = "<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n"
    (tmp_path / "one.nt").write_text(shared)
    (tmp_path / "two.nt").write_text(shared)
    summary = load_into_store(tmp_path / "kg", [EXTRA, tmp_path / "one.nt", tmp_path / "two.nt"])
    kg = igkg.load(store=tmp_path / "kg")
    assert kg.graphs() == sorted([*BUNDLED_GRAPHS, document_graph("https://example.org/extra/doc").value,
                                  file_graph("one.nt").value, file_graph("two.nt").value])
    memory = igkg.load(data=[EXTRA])
    stats = kg.stats()
    assert summary.triples_after == stats.quads == len(memory) + 2   # quads: once per graph
    assert stats.triples == len(kg) == len(memory) + 1                # triples: the shared one once
    assert outcome(kg, "citing-paragraph") == outcome(memory, "citing-paragraph")


def test_from_a_named_graph_reads_that_source_only(kg: igkg.KnowledgeGraph) -> None:
    rows = kg.sparql(f"SELECT (COUNT(*) AS ?n) FROM <{SEED_GRAPH}> WHERE {{ ?r a igkg:Recommendation }}")
    assert isinstance(rows, ResultTable) and list(rows)[0]["n"] == 14
    rows = kg.sparql(f"SELECT (COUNT(*) AS ?n) FROM <{G}ontology/igkg> WHERE {{ ?r a igkg:Recommendation }}")
    assert isinstance(rows, ResultTable) and list(rows)[0]["n"] == 0


@pytest.mark.server
@pytest.mark.usefixtures("endpoint_env")
@pytest.mark.parametrize("url", ["store_url", "update_url"])
def test_pushing_one_document_replaces_only_its_graph_on_a_real_oxigraph_server(
        oxigraph_server: OxigraphServer, url: str, run_cli: RunCli, tmp_path: Path) -> None:
    endpoint = getattr(oxigraph_server, url)
    # the server holds another graph and an older, longer version of the seed's graph
    seed_iri = "https://w3id.org/igkg/id/doc/wgec-second-take"
    stale = tmp_path / "stale.trig"
    stale.write_text(f"<{SEED_GRAPH}> {{ <{seed_iri}> <https://example.org/old> 1 . "
                     f"<{seed_iri}> <https://example.org/old> 2 . }}\n"
                     f"<https://example.org/other> {{ <https://example.org/x> <https://example.org/p> 3 . }}\n")
    import urllib.request
    request = urllib.request.Request(oxigraph_server.store_url, data=stale.read_bytes(), method="POST",
                                     headers={"Content-Type": "application/trig"})
    urllib.request.urlopen(request, timeout=10).close()
    assert oxigraph_server.count() == 0 and oxigraph_server.count(SEED_GRAPH) == 2

    result = run_cli("push", "--endpoint", endpoint, "--document", "doc:wgec-second-take", "--format", "json")
    assert result.code == 0, result.err
    assert oxigraph_server.count(SEED_GRAPH) == 271                  # replaced, not added to
    assert oxigraph_server.count("https://example.org/other") == 1   # the rest untouched
    assert oxigraph_server.count() == 0                              # nothing in the default graph
    assert f'"graph": "{SEED_GRAPH}"' in result.out and '"replaced": true' in result.out
    # the same by slug, into another graph on the server
    result = run_cli("push", "--endpoint", endpoint, "--document", "wgec-second-take", "--graph",
                     "https://example.org/copy")
    assert result.code == 0 and oxigraph_server.count("https://example.org/copy") == 271


def test_push_document_refuses_what_is_not_a_document_alone_in_its_graph(run_cli: RunCli) -> None:
    result = run_cli("push", "--endpoint", "http://127.0.0.1:9/store", "--document", "IGF", "--no-validate")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "is not a recommendation document" in result.err


def test_the_server_reads_the_union_by_default_and_one_graph_when_asked(kg: igkg.KnowledgeGraph) -> None:
    from starlette.testclient import TestClient

    from igkg.serve.app import create_app

    assert isinstance(kg.store, OxigraphStore)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?r a igkg:Recommendation }"
    with TestClient(create_app(kg.store)) as client:
        def answer(**params: str) -> int:
            got = client.get("/sparql", params={"query": count, **params},
                             headers={"Accept": "application/sparql-results+json"})
            assert got.status_code == 200, got.text
            return int(got.json()["results"]["bindings"][0]["n"]["value"])

        assert answer() == 14                                      # the default graph: the union
        assert answer(**{"default-graph-uri": SEED_GRAPH}) == 14   # the seed's own graph
        assert answer(**{"default-graph-uri": G + "ontology/igkg"}) == 0
        graphs = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                            headers={"Accept": "application/sparql-results+json"}).json()
        assert sorted(b["g"]["value"] for b in graphs["results"]["bindings"]) == BUNDLED_GRAPHS
