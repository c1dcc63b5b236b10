"""The on-disk store (``igkg load FILE --store DIR``, ``--store DIR`` on the reading commands):
seeded like the bundled graph, queried like it, and all-or-nothing when a load fails, is
interrupted with Ctrl-C, or its process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from endpoint_support import corpus_module, outcome, run_igkg
from igkg.queries import library
from igkg.stores.disk import LIVE, load_into_store, open_store
from paths import DATA, SEED_RECOMMENDATIONS

SEED_TRIPLES_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EXTRA_REC = "https://example.org/extra/rec-1"


def generations(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if p.name.startswith("gen-"))


def triples(store: Path) -> int:
    opened = open_store(store)
    try:
        return len(opened)
    finally:
        opened.close()


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A store holding the bundled graph only (what `igkg load --store DIR` makes)."""
    store = tmp_path / "kg"
    load_into_store(store)
    return store


def write_corpus(path: Path, count: int) -> Any:
    return corpus_module().write_corpus(path, triples=count)


def test_a_new_store_is_seeded_with_the_bundled_graph(seeded: Path, kg: igkg.KnowledgeGraph) -> None:
    assert triples(seeded) == len(kg)
    assert (seeded / LIVE).is_symlink() and generations(seeded) == ["gen-000001"]
    stored = igkg.load(store=seeded)
    assert len(stored.query("recommendations")) == SEED_RECOMMENDATIONS


def test_no_bundled_creates_a_store_with_the_files_only(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("load", DATA / "extra-document.ttl", "--store", tmp_path / "kg", "--no-bundled")
    assert result.code == 0, result.err
    assert "1 file" in result.out and "seeded" not in result.out
    assert triples(tmp_path / "kg") == len(list(ox.parse(path=DATA / "extra-document.ttl")))


@pytest.mark.parametrize("name", sorted(library()))
def test_every_named_query_gives_the_same_answer_in_memory_and_in_a_store(
    name: str, kg: igkg.KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory
) -> None:
    store = tmp_path_factory.getbasetemp() / "shared-seeded-store"
    if not store.exists():
        load_into_store(store)
    on_disk = igkg.load(store=store)
    assert outcome(on_disk, name) == outcome(kg, name)
    assert outcome(kg, name)[0] != "error", f"{name} fails with its own example parameters"


def test_load_adds_to_an_existing_store_and_commands_read_it(seeded: Path, run_cli: RunCli) -> None:
    before = triples(seeded)
    result = run_cli("load", DATA / "extra-document.ttl", "--store", seeded)
    assert result.code == 0, result.err
    assert triples(seeded) > before
    assert generations(seeded) == ["gen-000002"], "the replaced generation is deleted"
    cited = run_cli("query", "citing-paragraph", "-p", "instrument=TA", "-p", "paragraph=72(g)",
                    "--store", seeded, "-f", "csv")
    assert cited.code == 0, cited.err
    assert EXTRA_REC in cited.out
    exported = run_cli("export", "--store", seeded, "-f", "nt")
    assert len(exported.out.splitlines()) == triples(seeded)
    stats = run_cli("stats", "--store", seeded)
    assert "recommendations  15" in stats.out


def test_a_syntax_error_at_the_end_of_a_big_file_leaves_the_store_as_it_was(
    seeded: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    big = tmp_path / "corpus-then-bad.nt"
    write_corpus(big, 20_000)
    lines = len(big.read_text(encoding="utf-8").splitlines())
    with big.open("a", encoding="utf-8") as out:
        out.write('<https://example.org/s> <https://example.org/p> "unterminated .\n')
    before = triples(seeded)
    result = run_cli("load", DATA / "extra-document.ttl", big, "--store", seeded)
    assert result.code == 2
    assert result.err.startswith(f"igkg: error: {big}:{lines + 1}:"), result.err
    assert len(result.err.strip().splitlines()) == 1
    assert triples(seeded) == before
    assert generations(seeded) == ["gen-000001"], "the unfinished generation is deleted"
    assert not igkg.load(store=seeded).store.query(f"ASK {{ <{EXTRA_REC}> ?p ?o }}")


def test_a_missing_file_or_unknown_extension_changes_nothing(seeded: Path, tmp_path: Path, run_cli: RunCli) -> None:
    for bad in (tmp_path / "missing.ttl", DATA / "injection-param.txt"):
        result = run_cli("load", DATA / "extra-document.ttl", bad, "--store", seeded)
        assert result.code == 2 and str(bad) in result.err
    assert generations(seeded) == ["gen-000001"]


def _start_streaming_load(store: Path, tmp_path: Path, *, interruptible: bool = False) -> tuple[
        subprocess.Popen[bytes], Path]:
    """`igkg load` reading from a named pipe, so that a test can stop it in the middle."""
    fifo = tmp_path / "stream.nt"
    os.mkfifo(fifo)
    loader = run_igkg("load", fifo, "--store", store, "--no-progress", interruptible=interruptible)
    return loader, fifo


def _feed_half(fifo: Path, tmp_path: Path) -> object:
    corpus = tmp_path / "corpus.nt"
    write_corpus(corpus, 20_000)
    data = corpus.read_bytes()
    writer = fifo.open("wb")  # waits until the loader opens the pipe
    writer.write(data[: len(data) // 2])  # returns once the loader has read all but a pipe buffer
    writer.flush()
    return writer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_ctrl_c_in_the_middle_of_a_load_leaves_the_store_as_it_was(seeded: Path, tmp_path: Path) -> None:
    before = triples(seeded)
    loader, fifo = _start_streaming_load(seeded, tmp_path, interruptible=True)
    writer = _feed_half(fifo, tmp_path)
    try:
        assert loader.poll() is None, "the load should be waiting for the rest of the data"
        assert generations(seeded) == ["gen-000001", "gen-000002"], "the load writes a new generation"
        loader.send_signal(signal.SIGINT)
        _out, err = loader.communicate(timeout=60)
    finally:
        writer.close()  # type: ignore[attr-defined]
    assert loader.returncode == 130, err
    assert err.decode().strip() == "igkg: interrupted; nothing was written"
    assert triples(seeded) == before
    assert generations(seeded) == ["gen-000001"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_killed_load_leaves_the_store_as_it_was_and_the_next_load_cleans_up(
    seeded: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    before = triples(seeded)
    loader, fifo = _start_streaming_load(seeded, tmp_path)
    writer = _feed_half(fifo, tmp_path)
    try:
        second = run_cli("load", DATA / "extra-document.ttl", "--store", seeded)
        assert second.code == 4 and "being loaded by another process" in second.err
        loader.kill()
        loader.communicate(timeout=60)
    finally:
        writer.close()  # type: ignore[attr-defined]
    assert loader.returncode == -signal.SIGKILL
    assert generations(seeded) == ["gen-000001", "gen-000002"], "the killed load left its generation"
    assert triples(seeded) == before, "readers still see the store as it was"
    again = run_cli("load", DATA / "extra-document.ttl", "--store", seeded)
    assert again.code == 0, again.err
    assert generations(seeded) == [os.readlink(seeded / LIVE)], "only the new live generation is left"
    assert triples(seeded) > before


def test_a_reader_keeps_its_generation_until_it_closes(seeded: Path) -> None:
    reader = open_store(seeded)
    before = len(reader)
    load_into_store(seeded, [DATA / "extra-document.ttl"])
    assert len(reader) == before, "an open reader keeps reading the generation it opened"
    assert generations(seeded) == ["gen-000001", "gen-000002"]
    reader.close()
    summary = load_into_store(seeded)  # nothing to add: only tidies up
    assert summary.added == 0
    assert generations(seeded) == ["gen-000002"]


def test_a_generated_corpus_loads_and_the_named_queries_find_it(tmp_path: Path, run_cli: RunCli) -> None:
    corpus = tmp_path / "corpus.ttl"
    info = write_corpus(corpus, 20_000)
    store = tmp_path / "kg"
    result = run_cli("load", corpus, "--store", store)
    assert result.code == 0, result.err
    kg = igkg.load(store=store)
    assert len(kg.query("recommendations")) == SEED_RECOMMENDATIONS + info.recommendations
    assert len(kg.query("documents")) == 1 + info.documents
    # the bullets addressed to the IGF: the seed's three plus the corpus's own
    addressee = ox.NamedNode("https://w3id.org/igkg/ontology#addressee")
    igf = ox.NamedNode("https://w3id.org/igkg/id/actor/igf")
    generated = sum(1 for t in ox.parse(path=corpus) if t.predicate == addressee and t.object == igf)
    assert generated > 0
    assert len(kg.query("addressed-to", agent="IGF")) == 3 + generated


def test_reading_a_folder_that_is_not_a_store(tmp_path: Path, run_cli: RunCli) -> None:
    missing = run_cli("query", "recommendations", "--store", tmp_path / "nothing-here")
    assert missing.code == 4 and "igkg load" in missing.err
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("not a store")
    other = run_cli("query", "recommendations", "--store", tmp_path / "notes")
    assert other.code == 4 and "is not an igkg store" in other.err
    refused = run_cli("load", DATA / "extra-document.ttl", "--store", tmp_path / "notes")
    assert refused.code == 4 and "not empty" in refused.err
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["todo.txt"]


def test_a_plain_oxigraph_database_folder_can_be_read(tmp_path: Path, run_cli: RunCli) -> None:
    plain = ox.Store(str(tmp_path / "plain"))
    plain.load(path=DATA / "extra-document.ttl")
    plain.flush()
    expected = len(plain)
    del plain
    result = run_cli("stats", "--store", tmp_path / "plain")
    assert result.code == 0, result.err
    assert f"triples          {expected}" in result.out


def test_data_with_store_or_endpoint_is_refused(seeded: Path, run_cli: RunCli) -> None:
    result = run_cli("query", "recommendations", "--store", seeded, "--data", DATA / "extra-document.ttl")
    assert result.code == 2 and "igkg load FILE --store DIR" in result.err
    both = run_cli("stats", "--store", seeded, "--endpoint", "http://127.0.0.1:9/query")
    assert both.code == 2 and "not both" in both.err
    with pytest.raises(igkg.InputError):
        igkg.load(DATA / "extra-document.ttl", store=seeded)
