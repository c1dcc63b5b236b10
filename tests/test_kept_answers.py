"""The large-corpus path (``--store``): the answers kept beside a store generation and its text
index give exactly the rows of the plain SPARQL query, after every way data enters; pages give
every row once; a kept answer that is stale or damaged is never used.

"Plain" below is the named query run by Oxigraph on the same store, bypassing what is kept
(``store.query``); "kept" is :meth:`Graph.run`, first when it computes and keeps the answer, then
when it reads it back (in another process too: a new ``igkg.load``). Nothing here is timed.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import igkg
from cli_support import RunCli
from endpoint_support import corpus_module
from igkg.queries.params import resolve_parameters
from igkg.results import GraphResult, QueryResult, ResultTable
from igkg.stores.answers import answers_path
from igkg.stores.disk import load_into_store
from paths import DATA

QUERIES = sorted(igkg.KnowledgeGraph.queries())
EXTRACT_INPUT = DATA / "extract" / "numbered-igf-outcome.txt"


def comparable(result: QueryResult) -> Any:
    """Rows in order (a table), the set of triples (a graph), or the boolean."""
    if isinstance(result, ResultTable):
        return result.variables, result.rows
    if isinstance(result, GraphResult):
        return sorted(str(t) for t in result.triples)
    return result


def example(kg: igkg.KnowledgeGraph, name: str) -> dict[str, str]:
    return {p.name: p.example for p in kg.queries()[name].parameters}


def plain(kg: igkg.KnowledgeGraph, name: str, params: dict[str, str] | None = None) -> QueryResult:
    query = kg.queries()[name]
    bindings = resolve_parameters(kg.store, query, example(kg, name) if params is None else params)
    return kg.store.query(query.text, bindings)


def assert_kept_equals_plain(store: Path, names: list[str] = QUERIES) -> None:
    kg = igkg.load(store=store)
    for name in names:
        expected = comparable(plain(kg, name))
        assert comparable(kg.query(name, **example(kg, name))) == expected, f"{name}: computed and kept"
        assert comparable(kg.query(name, **example(kg, name))) == expected, f"{name}: read back"
    again = igkg.load(store=store)  # another reader: the answers kept by the first
    for name in names:
        assert comparable(again.query(name, **example(again, name))) == comparable(plain(again, name)), name


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled graph plus a small generated corpus (benchmarks/corpus.py, 2,500 triples)."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus = folder / "corpus.nt"
    corpus_module().write_corpus(corpus, triples=2_500)
    load_into_store(folder / "kg", [corpus])
    return folder / "kg"


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the bundled graph only."""
    folder = tmp_path_factory.mktemp("bundled") / "kg"
    load_into_store(folder)
    return folder


@pytest.mark.parametrize("name", QUERIES)
def test_each_named_query_kept_gives_the_plain_rows_on_the_bundled_graph(bundled_store: Path, name: str) -> None:
    assert_kept_equals_plain(bundled_store, [name])


@pytest.mark.parametrize("name", QUERIES)
def test_each_named_query_kept_gives_the_plain_rows_on_a_generated_corpus(corpus_store: Path, name: str) -> None:
    assert_kept_equals_plain(corpus_store, [name])


def test_the_store_gives_the_rows_of_the_in_memory_graph(bundled_store: Path, kg: igkg.KnowledgeGraph) -> None:
    """The same rows as in memory, except the order of the parts of a GROUP_CONCAT, which Oxigraph's
    storage decides (in memory and on disk alike, today's code too): those are compared by count."""
    stored = igkg.load(store=bundled_store)
    for name in QUERIES:
        on_disk, in_memory = stored.query(name, **example(kg, name)), kg.query(name, **example(kg, name))
        if "GROUP_CONCAT" in kg.queries()[name].text:
            assert len(on_disk) == len(in_memory), name
        else:
            assert comparable(on_disk) == comparable(in_memory), name


def test_loading_into_an_existing_store_gives_the_new_generation_its_own_answers(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    load_into_store(store)
    before = len(igkg.load(store=store).query("recommendations"))
    gc.collect()  # the reader of gen-000001 is gone: the next load may delete it
    assert answers_path(store / "gen-000001").exists()
    load_into_store(store, [DATA / "extra-document.ttl"])
    assert not (store / "gen-000001").exists()
    assert not answers_path(store / "gen-000001").exists()  # the replaced generation's answers went with it
    after = igkg.load(store=store)
    assert len(after.query("recommendations")) > before
    assert_kept_equals_plain(store)


def test_a_document_extracted_into_a_folder_then_loaded_is_in_the_answers(tmp_path: Path, run_cli: RunCli) -> None:
    store, folder = tmp_path / "kg", tmp_path / "data"
    load_into_store(store)
    words = "IGF Secretariat"
    before = len(igkg.load(store=store).query("search-text", words=words))
    done = run_cli("extract", EXTRACT_INPUT, "--into", folder)
    assert done.code == 0, done.err
    (written,) = folder.glob("*.ttl")
    assert run_cli("load", written, "--store", store, "--no-progress").code == 0
    kg = igkg.load(store=store)
    assert len(kg.query("search-text", words=words)) > before
    assert_kept_equals_plain(store, ["search-text", "recommendations", "actions", "documents", "organizations"])
    # --data: the same file in memory gives the same rows (nothing is kept there)
    memory = igkg.load(data=[written])
    for name in ("recommendations", "actions", "organizations"):  # (GROUP_CONCAT orders differ: see above)
        assert comparable(memory.query(name)) == comparable(kg.query(name)), name


def test_pages_give_every_row_exactly_once(corpus_store: Path, kg: igkg.KnowledgeGraph) -> None:
    for graph in (igkg.load(store=corpus_store), kg):
        whole = graph.query("recommendations")
        assert isinstance(whole, ResultTable)
        rows: list[Any] = []
        for offset in range(0, len(whole) + 7, 7):
            page = graph.run(graph.named_query("recommendations"), limit=7, offset=offset)
            assert isinstance(page, ResultTable) and page.total == len(whole) and len(page) <= 7
            rows += page.rows
        assert rows == whole.rows


def test_search_through_the_text_index_gives_the_rows_of_the_filter(corpus_store: Path) -> None:
    kg = igkg.load(store=corpus_store)
    for words in ("multistakeholder", "MultiStakeholder", "internet governance", "zzzz-not-there", "of",
                  "a", "cooperation", 'say "hello"', "coopération"):
        expected = comparable(plain(kg, "search-text", {"words": words}))
        assert comparable(kg.query("search-text", words=words)) == expected, words
    with sqlite3.connect(answers_path(corpus_store / "gen-000001")) as db:  # the index was built and used
        assert db.execute("SELECT value FROM meta WHERE key = 'texts'").fetchone() == ("ready",)
        assert db.execute("SELECT count(*) FROM texts").fetchone()[0] > 100


def test_statistics_kept_equal_a_count_from_scratch(corpus_store: Path) -> None:
    stored = igkg.load(store=corpus_store)
    first, second = stored.stats(), stored.stats()
    classes = plain_table(stored, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    assert first == second
    assert dict(first.classes) == {row["c"]: row["n"] for row in classes}
    assert first.recommendations == dict(first.classes)["https://w3id.org/igkg/ontology#Recommendation"]


def plain_table(kg: igkg.KnowledgeGraph, text: str) -> ResultTable:
    result = kg.store.query(text)
    assert isinstance(result, ResultTable)
    return result


def test_answers_of_another_database_under_the_same_name_are_not_used(tmp_path: Path, corpus_store: Path) -> None:
    store = tmp_path / "kg"
    load_into_store(store)
    corpus_kg = igkg.load(store=corpus_store)
    corpus_kg.query("recommendations")
    corpus_kg.store.close()  # type: ignore[attr-defined]
    # a copy of the corpus store's answers, put beside the other store's generation of the same name
    (store / ".gen-000001.answers").write_bytes((corpus_store / ".gen-000001.answers").read_bytes())
    assert_kept_equals_plain(store, ["recommendations", "actions"])


def test_a_kept_row_that_was_altered_is_detected_and_recomputed(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    load_into_store(store)
    kg = igkg.load(store=store)
    expected = comparable(kg.query("recommendations"))
    with sqlite3.connect(answers_path(store / "gen-000001")) as db:
        db.execute("UPDATE row SET body = replace(body, 'Encourages', 'Decides') WHERE n < 3")
    assert comparable(igkg.load(store=store).query("recommendations")) == expected


def test_a_damaged_answers_file_is_replaced_and_the_answers_stay_right(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    load_into_store(store)
    kg = igkg.load(store=store)
    expected = {name: comparable(kg.query(name)) for name in ("recommendations", "actions")}
    kg.store.close()  # type: ignore[attr-defined]
    kept = answers_path(store / "gen-000001")
    data = bytearray(kept.read_bytes())
    data[0:100] = b"\xff" * 100  # the SQLite header and more
    data[len(data) // 2: len(data) // 2 + 4096] = b"\x00" * 4096
    kept.write_bytes(bytes(data))
    again = igkg.load(store=store)
    for name, rows in expected.items():
        assert comparable(again.query(name)) == rows
        assert comparable(again.query(name)) == rows


def test_paging_from_the_command_line(run_cli: RunCli, corpus_store: Path) -> None:
    whole = run_cli("query", "recommendations", "--store", corpus_store, "--format", "csv")
    first = run_cli("query", "recommendations", "--store", corpus_store, "--format", "csv", "--limit", "3")
    second = run_cli("query", "recommendations", "--store", corpus_store, "--format", "csv", "--limit", "3",
                     "--offset", "3")
    assert whole.code == first.code == second.code == 0
    lines = whole.out.splitlines()
    assert first.out.splitlines() == lines[:4] and second.out.splitlines() == [lines[0], *lines[4:7]]
    refused = run_cli("query", "recommendations", "--limit", "-1")
    assert refused.code == 2


def test_the_server_pages_named_queries_from_the_kept_answers(corpus_store: Path) -> None:
    from starlette.testclient import TestClient

    from igkg.serve.app import Settings, create_app
    from igkg.serve.engine import Limits
    from igkg.serve.server import open_served_store

    app = create_app(open_served_store(store=corpus_store), Settings(Limits(timeout=30.0, row_cap=5000), 100_000))
    with TestClient(app) as client:
        whole = client.get("/queries/recommendations.csv").text.splitlines()
        page = client.get("/queries/recommendations.csv?limit=4&offset=2").text.splitlines()
        assert page == [whole[0], *whole[3:7]]
        assert client.get("/queries/recommendations.csv?limit=x").status_code == 400


def test_load_warm_keeps_every_named_query_that_needs_no_parameter(tmp_path: Path, run_cli: RunCli) -> None:
    """``igkg load --warm``: afterwards the queries without parameters, and the stats, are read
    from the kept answers (a plan finds them kept) and give the plain rows."""
    from igkg.queries.runner import plan

    store = tmp_path / "kg"
    loaded = run_cli("load", "--store", store, "--warm", "--format", "json", "--no-progress")
    assert loaded.code == 0
    warmed = json.loads(loaded.out)["warmed"]
    kg = igkg.load(store=store)
    free = [n for n, q in kg.queries().items() if not any(p.required for p in q.parameters)]
    assert sorted(warmed) == sorted(free) and "recommendations" in warmed and "citing-paragraph" not in warmed
    for name in warmed:
        query = kg.queries()[name]
        steps = plan(kg.store, query.text, resolve_parameters(kg.store, query, {}), query=query)
        assert steps.kept is not None, f"{name} was not kept"
        assert comparable(steps.answer()) == comparable(plain(kg, name, {})), name
    text = run_cli("load", "--store", tmp_path / "kg2", "--warm", "--no-progress")
    assert text.code == 0 and f"Kept the answers of {len(free)} named queries" in text.out
