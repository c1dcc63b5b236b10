"""A damaged on-disk store is exit code 4, "the store at DIR is damaged", with what to do (was:
exit 70 "RuntimeError: Corruption…"); generations left by a killed load are cleaned by the next
load or reader even while readers have the store open (was: only by a later load with no
reader open)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_support import RunCli
from igkg.stores.disk import LIVE, load_into_store, open_store
from paths import DATA

HINT = "make a new store from a backup or an export of your files (igkg load FILE... --store NEW-FOLDER)"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "kg"
    load_into_store(folder)
    return folder


def tables(store: Path) -> list[Path]:
    live = store / os.readlink(store / LIVE)
    return sorted(live.glob("*.sst"), key=lambda p: p.stat().st_size)


def test_a_truncated_table_file_is_a_damaged_store(store: Path, run_cli: RunCli) -> None:
    table = tables(store)[-1]
    table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])
    for command in (("query", "recommendations"), ("stats",), ("export", "-f", "nt")):
        result = run_cli(*command, "--store", store)
        assert result.code == 4, (command, result.err)
        assert result.err.startswith(f"igkg: error: the store at {store} is damaged: Corruption: "), result.err
        assert result.err.rstrip().endswith(HINT) and result.err.count("\n") == 1


def test_a_table_with_a_bad_checksum_is_a_damaged_store(store: Path, run_cli: RunCli,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening works; the damage shows while reading (a query on it could also grow without
    bound, hence the memory cap of the worker here)."""
    monkeypatch.setenv("IGKG_QUERY_MEMORY_MB", "500")
    for table in tables(store):
        data = bytearray(table.read_bytes())
        middle = len(data) // 3
        data[middle:middle + 512] = b"\x55" * min(512, len(data) - middle)
        table.write_bytes(bytes(data))
    result = run_cli("export", "-f", "nt", "--store", store)
    assert result.code == 4, result.err
    assert result.err.startswith(f"igkg: error: the store at {store} is damaged: Corruption: ")


def test_a_store_whose_live_link_is_broken(store: Path, run_cli: RunCli) -> None:
    (store / LIVE).unlink()
    (store / LIVE).symlink_to("gen-000009")
    result = run_cli("stats", "--store", store)
    assert result.code == 4 and "damaged" in result.err


def test_a_killed_loads_generation_is_cleaned_while_a_reader_has_the_store_open(store: Path, run_cli: RunCli) -> None:
    """A killed load leaves a generation newer than live; no reader can have it open, so the
    next load deletes it even while a reader holds the live one (whose own files stay)."""
    reader = open_store(store)
    before = len(reader)
    (store / "gen-000002").mkdir()  # what a load killed half-way leaves
    (store / "gen-000002" / "000042.sst").write_bytes(b"half a load")
    result = run_cli("load", DATA / "extra-document.ttl", "--store", store)
    assert result.code == 0, result.err
    names = sorted(p.name for p in store.iterdir() if p.name.startswith("gen-"))
    assert names == ["gen-000001", "gen-000002"] and os.readlink(store / LIVE) == "gen-000002"
    assert not (store / "gen-000002" / "000042.sst").exists(), "the killed load's files went first"
    assert len(reader) == before, "the open reader still reads its generation"
    reader.close()
    load_into_store(store)  # nothing to add: only tidies
    assert sorted(p.name for p in store.iterdir() if p.name.startswith("gen-")) == ["gen-000002"]
    assert not list(store.glob(".gen-000001.readers")), "the lock files of deleted generations go too"


def test_a_reader_cleans_left_overs_when_no_load_is_running(store: Path, run_cli: RunCli) -> None:
    (store / "gen-000007").mkdir()
    result = run_cli("stats", "--store", store)
    assert result.code == 0, result.err
    assert sorted(p.name for p in store.iterdir() if p.name.startswith("gen-")) == ["gen-000001"]


def test_a_reader_that_queried_releases_its_generation_when_closed(store: Path) -> None:
    """The query worker inherits the reader's lock; closing the reader stops the worker too, so
    the replaced generation can go."""
    reader = open_store(store)
    assert reader.query("ASK { ?s ?p ?o }") is True  # starts the worker
    load_into_store(store, [DATA / "extra-document.ttl"])
    assert sorted(p.name for p in store.iterdir() if p.name.startswith("gen-")) == ["gen-000001", "gen-000002"]
    reader.close()
    load_into_store(store)
    assert sorted(p.name for p in store.iterdir() if p.name.startswith("gen-")) == ["gen-000002"]


def test_a_worker_killed_from_outside_is_replaced(store: Path) -> None:
    import signal

    reader = open_store(store)
    assert reader.query("ASK { ?s ?p ?o }") is True
    worker = reader.worker()
    assert worker is not None and worker.pid is not None
    os.kill(worker.pid, signal.SIGKILL)
    os.waitpid(worker.pid, 0)
    assert reader.query("ASK { ?s ?p ?o }") is True, "a new worker answers"
    reader.close()
