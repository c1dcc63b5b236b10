"""Versions in the graph: `igkg extract --into DIR --version-of DOC` records the new document as a
revision of the old one with its unit-level changes; `document-versions` and `changes` read them;
a chain of three versions can be compared between any two."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from paths import DATA

THIRD = DATA / "diff" / "wgec-third-take.txt"
THIRD_IRI = "https://w3id.org/igkg/id/doc/wgec-third-take"
SECOND_IRI = "https://w3id.org/igkg/id/doc/wgec-second-take"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The third take extracted into a folder as a later version of the seed, then a fourth take
    (the third with one more bullet weakened) as a later version of the third."""
    from igkg.cli import main

    folder = tmp_path_factory.mktemp("recs")
    assert main(["extract", str(THIRD), "--into", str(folder), "--version-of", "doc:wgec-second-take",
                 "--version-label", "third take", "--version-date", "2026-12-01", "-q"]) == 0
    fourth = folder.parent / "wgec-fourth-take.txt"
    fourth.write_text(THIRD.read_text(encoding="utf-8").replace(
        "• Encourages all governments to commit to the IGF", "• Invites all governments to commit to the IGF")
        .replace("A third take", "A fourth take"), encoding="utf-8")
    assert main(["extract", str(fourth), "--into", str(folder), "--version-of", "doc:wgec-third-take",
                 "--version-label", "fourth take", "--version-date", "2026-12-08", "-q",
                 "--data", str(folder / "wgec-third-take.ttl")]) == 0
    return folder


def _graph(folder: Path) -> igkg.KnowledgeGraph:
    return igkg.load(data=sorted(folder.glob("*.ttl")))


def test_the_new_document_is_a_revision_with_its_changes(recorded: Path) -> None:
    kg = _graph(recorded)
    store = kg.store
    assert store.query(f"ASK {{ <{THIRD_IRI}> <http://www.w3.org/ns/prov#wasRevisionOf> <{SECOND_IRI}> }}")
    changes = [row for row in kg.query("changes", document="doc:wgec-third-take") if row["version"] == THIRD_IRI]
    kinds = sorted(row["kindLabel"] for row in changes)
    assert kinds == ["edited", "edited", "moved", "removed"]
    weakened = [row for row in changes if row["strengthLabel"] == "weaker"]
    assert [(r["oldPosition"], r["newPosition"], r["verbsAdded"], r["verbsRemoved"]) for r in weakened] == [
        (9, 9, "invites", "encourages")]
    assert kg.validate().conforms


def test_changes_can_be_narrowed_to_one_kind(recorded: Path) -> None:
    kg = _graph(recorded)
    assert [r["kindLabel"] for r in kg.query("changes", document="doc:wgec-third-take", kind="removed")] == ["removed"]
    weaker = kg.query("changes", document="doc:wgec-third-take", kind="weaker")
    assert sorted((r["version"].rsplit("/", 1)[-1], r["newPosition"]) for r in weaker) == [
        ("wgec-fourth-take", 12), ("wgec-third-take", 9)], "its own change and the next version's"
    narrowed = kg.query("changes", document="doc:wgec-second-take", kind="edited")
    assert sorted(r["citationsRemoved"] or 0 for r in narrowed) == [0, 6]


def test_the_chain_of_three_versions_is_read_from_any_of_them(recorded: Path) -> None:
    kg = _graph(recorded)
    for start in ("doc:wgec-second-take", "doc:wgec-third-take", "A fourth take on #WGEC recommendations"):
        rows = kg.query("document-versions", document=start)
        assert [r["label"] for r in rows] == [None, "third take", "fourth take"]
    versions = kg.query("document-versions", document="doc:wgec-second-take")
    fourth = next(r for r in versions if r["label"] == "fourth take")
    assert (fourth["changes"], fourth["weaker"], str(fourth["date"])) == (1, 1, "2026-12-08")


def test_any_two_versions_of_the_chain_can_be_compared(recorded: Path, run_cli: RunCli) -> None:
    data = [a for ttl in sorted(recorded.glob("*.ttl")) for a in ("--data", ttl)]
    first_to_last = json.loads(run_cli("diff", "doc:wgec-second-take", "doc:wgec-fourth-take", "-f", "json",
                                       *data).out)["summary"]
    assert (first_to_last["weaker"], first_to_last["moved"], first_to_last["removed"]) == (2, 1, 1)
    last_two = json.loads(run_cli("diff", "doc:wgec-third-take", "doc:wgec-fourth-take", "-f", "json", *data).out)
    assert last_two["summary"]["edited"] == 1 and last_two["summary"]["weaker"] == 1


def test_version_options_need_their_previous_version(run_cli: RunCli, tmp_path: Path) -> None:
    lonely = run_cli("extract", THIRD, "--version-label", "x", "--into", tmp_path)
    assert lonely.code == 2 and "--version-of" in lonely.err
    unknown = run_cli("extract", THIRD, "--version-of", "doc:nothing", "--into", tmp_path)
    assert unknown.code == 2 and "no such resource" in unknown.err
    assert not list(tmp_path.glob("*.ttl")), "nothing written"


def test_a_revision_record_is_rdf_of_the_document(tmp_path: Path) -> None:
    document = igkg.extract(THIRD, slug="wgec-third-take")
    diff = igkg.api.record_revision(document, "doc:wgec-second-take", label="third take")
    triples = document.to_graph()
    changes = [t for t in triples if t.object == ox.NamedNode("https://w3id.org/igkg/ontology#UnitChange")]
    assert len(changes) == sum(1 for c in diff.changes if c.changed) == 4
