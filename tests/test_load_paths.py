"""Loading at Oxigraph's speed gives the same quads, graph by graph, as reading every triple in
Python did: the in-memory path (``igkg.load(data=…)``, where Oxigraph parses and stores a file of
triples itself and the triples an earlier graph already holds are then removed) against
:func:`~igkg.formats.sources.read_sources` (the plain reading, still what the bundled graph and
files with graph names of their own go through); the on-disk path (``igkg load --store``) against
each file parsed and placed in its graph. Every input still goes through the guard."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from endpoint_support import corpus_module
from igkg.errors import LimitError, ParseError
from igkg.formats import sources
from igkg.formats.rdf_reader import RdfText, parse_file
from igkg.formats.sources import graph_for_triples, place, read_sources
from igkg.namespaces import file_graph
from igkg.stores.answers import answers_path
from igkg.stores.disk import load_into_store
from paths import DATA

EXTRA = DATA / "extra-document.ttl"
IGF = "<https://w3id.org/igkg/id/actor/igf>"


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, Counter[str]]:
    """Quads as N-Triples lines per graph; a blank node is written ``_:b`` (its name is random)."""
    graphs: dict[str, Counter[str]] = {}
    for quad in quads:
        terms = ["_:b" if isinstance(t, ox.BlankNode) else str(t) for t in (quad.subject, quad.predicate, quad.object)]
        graphs.setdefault(str(quad.graph_name), Counter())[" ".join(terms)] += 1
    return graphs


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path | RdfText]:
    """Every case the in-memory path must place as the plain reading does: a generated corpus
    (N-Triples, many documents: its own file graph); a file of one document (its document's graph);
    a Turtle file repeating triples of the bundled graph and of the corpus, with a blank node; a file
    whose every triple was stated before (no graph at all); two files of the same name in two
    folders (one file graph); TriG with a graph of its own; RDF/XML; and Turtle from standard input."""
    folder = tmp_path_factory.mktemp("inputs")
    corpus = folder / "corpus.nt"
    corpus_module().write_corpus(corpus, triples=3_000)
    corpus_lines = corpus.read_text(encoding="utf-8").splitlines()
    repeats = folder / "repeats.ttl"
    repeats.write_text(f"{IGF} a <http://www.w3.org/ns/org#Organization> .\n{corpus_lines[5]}\n{corpus_lines[40]}\n"
                       "<https://example.org/new> <https://example.org/p> [ <https://example.org/q> 1 ] .\n")
    stated = folder / "stated.nt"
    stated.write_text(f"{corpus_lines[7]}\n{corpus_lines[8]}\n")
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    (folder / "a" / "notes.ttl").write_text("<https://example.org/n> <https://example.org/p> 1 .\n")
    (folder / "b" / "notes.ttl").write_text("<https://example.org/n> <https://example.org/p> 1, 2 .\n")
    trig = folder / "mine.trig"
    trig.write_text(f"{corpus_lines[9]}\n<https://example.org/g> {{ {corpus_lines[10]}\n"
                    "<https://example.org/a> <https://example.org/p> 2 . }\n")
    xml = folder / "igf.rdf"
    xml.write_text('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                   'xmlns:e="https://example.org/"><rdf:Description rdf:about="https://w3id.org/igkg/id/actor/igf">'
                   '<e:note>from RDF/XML</e:note></rdf:Description></rdf:RDF>')
    stdin = RdfText("<stdin>", f"{corpus_lines[11]}\n<https://example.org/s> <https://example.org/p> 3 .\n".encode())
    return [corpus, EXTRA, repeats, stated, folder / "a" / "notes.ttl", folder / "b" / "notes.ttl", trig, xml, stdin]


@pytest.mark.parametrize("few", [0, 10**9], ids=["repeats-looked-up-from-the-new-graph", "from-the-earlier-graphs"])
def test_in_memory_load_gives_the_quads_of_the_plain_reading(inputs: list[Path | RdfText], few: int,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of finding repeated triples (from the side with fewer quads) give the same quads."""
    monkeypatch.setattr(sources, "_FEW", few)
    expected = _by_graph(read_sources(inputs))
    repeats = expected[f"<{file_graph('repeats.ttl').value}>"]
    assert sum(repeats.values()) == 2 and f"{IGF} " not in "".join(repeats)  # the bundled and corpus ones left out
    kg = igkg.load(data=inputs)
    assert _by_graph(kg.store.quads()) == expected
    assert sorted(kg.graphs()) == sorted(name.strip("<>") for name in expected)
    assert file_graph("stated.nt").value not in kg.graphs()  # every triple stated before: no graph
    assert len(kg) == sum(sum(c.values()) for c in expected.values()) == kg.stats().quads


def test_the_bundled_graph_alone_is_the_plain_reading() -> None:
    assert _by_graph(igkg.load().store.quads()) == _by_graph(read_sources())
    assert _by_graph(igkg.load(bundled=False).store.quads()) == {}


def test_the_on_disk_store_holds_each_file_in_its_graph(inputs: list[Path | RdfText], tmp_path: Path) -> None:
    """``igkg load --store``: the bundled graph as read in memory, then each file in its graph
    (no triple removed: a store on disk counts a triple once per graph that holds it)."""
    files = [p for p in inputs if isinstance(p, Path)]
    load_into_store(tmp_path / "kg", files)
    expected = read_sources()
    for path in files:
        quads = parse_file(path)
        expected.extend(place(quads, graph_for_triples(quads, file_graph(path.name))))
    kg = igkg.load(store=tmp_path / "kg")
    assert _by_graph(kg.store.quads()) == {g: Counter(dict.fromkeys(c, 1)) for g, c in _by_graph(expected).items()}


def test_a_bad_file_after_a_good_one_is_reported_as_when_it_is_parsed(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as loaded:
        igkg.load(data=[EXTRA, DATA / "bad-syntax.ttl"])
    with pytest.raises(ParseError) as parsed:
        parse_file(DATA / "bad-syntax.ttl")
    assert str(loaded.value) == str(parsed.value) and loaded.value.line is not None
    with pytest.raises(ParseError) as piped:
        igkg.load(data=[RdfText("<stdin>", (DATA / "bad-syntax.ttl").read_bytes(), "ttl")])
    assert str(piped.value).startswith("<stdin>:")


def test_the_guard_still_stands_between_a_file_and_oxigraph(tmp_path: Path) -> None:
    deep = tmp_path / "deep.ttl"
    deep.write_text("<https://example.org/s> <https://example.org/p> " + "[ <https://example.org/p> " * 300
                    + "1" + " ]" * 300 + " .\n")
    with pytest.raises(LimitError, match="nested more than 256 levels deep") as error:
        igkg.load(data=[deep])
    assert error.value.path == str(deep) and error.value.line == 1
    long_line = tmp_path / "long.nt"
    long_line.write_text('<https://example.org/s> <https://example.org/p> "' + "a" * (17 * 1024 * 1024) + '" .\n')
    with pytest.raises(LimitError, match="16 MiB or more") as error:
        igkg.load(data=[long_line])
    assert error.value.line == 1


def _text_index_state(store: Path) -> tuple[str, int] | None:
    with sqlite3.connect(answers_path(store / "gen-000001")) as db:
        state = db.execute("SELECT value FROM meta WHERE key = 'texts'").fetchone()
        return None if state is None else (state[0], db.execute("SELECT count(*) FROM texts").fetchone()[0])


def test_the_text_index_is_built_by_the_first_search_or_by_warm(tmp_path: Path) -> None:
    """Not by the load (a tenth of the bulk loader's time at a million triples): by the first search
    on the generation, whose rows are then the plain filter's, or by ``warm()``."""
    texts = len(igkg.load().sparql("SELECT ?s ?t WHERE { ?s igkg:text ?t }"))
    for store, first in ((tmp_path / "searched", "search"), (tmp_path / "warmed", "warm")):
        load_into_store(store)
        assert not answers_path(store / "gen-000001").exists() or _text_index_state(store) is None
        kg = igkg.load(store=store)
        if first == "search":
            found = kg.query("search-text", words="Tunis Agenda")
            assert len(found) == len(igkg.load().query("search-text", words="Tunis Agenda")) > 0
        else:
            kg.warm()
        assert _text_index_state(store) == ("ready", texts), first
