"""igkg's parsers against the W3C RDF 1.1 Turtle and N-Triples test suites, read in place from
../shared/testdata (never copied into the repository)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from igkg.errors import ParseError
from igkg.formats.rdf_reader import parse_data, parse_file
from igkg.formats.rdflib_bridge import quads_to_graph
from paths import SHARED

SUITES = SHARED / "testdata" / "w3c-rdf-tests" / "rdf11"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"
# The base IRI the suites assume (mf:assumedTestBase in their manifests).
BASES = {s: f"https://w3c.github.io/rdf-tests/rdf/rdf11/{s}/" for s in ("rdf-turtle", "rdf-n-triples")}


def _entries(suite: str) -> list[tuple[str, str, Path, Path | None]]:
    folder = SUITES / suite
    manifest = folder / "manifest.ttl"
    if not manifest.is_file():
        return []
    store = ox.Store()
    store.load(path=manifest, base_iri=BASES[suite] + "manifest.ttl")
    rows = store.query(f"""SELECT ?name ?type ?action ?result WHERE {{
        ?test a ?type ; <{MF}name> ?name ; <{MF}action> ?action .
        OPTIONAL {{ ?test <{MF}result> ?result }} }} ORDER BY ?name""")
    entries = []
    for row in rows:
        action = folder / row["action"].value.rsplit("/", 1)[-1]
        result = folder / row["result"].value.rsplit("/", 1)[-1] if row["result"] is not None else None
        entries.append((row["name"].value, row["type"].value.removeprefix(RDFT), action, result))
    return entries


CASES = [(suite, *entry) for suite in BASES for entry in _entries(suite)]
needs_suites = pytest.mark.skipif(
    not CASES, reason=f"W3C test suites not found at {SUITES} (the project's ../shared/testdata folder)"
)


@needs_suites
def test_the_suites_are_complete() -> None:
    kinds = {(suite, kind) for suite, _n, kind, _a, _r in CASES}
    assert ("rdf-turtle", "TestTurtleNegativeSyntax") in kinds
    assert ("rdf-n-triples", "TestNTriplesNegativeSyntax") in kinds
    assert len(CASES) > 300


@needs_suites
@pytest.mark.parametrize(("suite", "name", "kind", "action", "result"), CASES or [("", "", "", Path(), None)],
                         ids=[f"{c[0]}:{c[1]}" for c in CASES] or ["none"])
def test_w3c_case(suite: str, name: str, kind: str, action: Path, result: Path | None) -> None:
    syntax = "ttl" if suite == "rdf-turtle" else "nt"
    if kind.endswith("NegativeSyntax") or kind.endswith("NegativeEval"):
        with pytest.raises(ParseError) as error:
            parse_file(action, syntax)
        assert str(action) in str(error.value)
        return
    quads = parse_data(action.read_bytes(), syntax, base_iri=BASES[suite] + action.name)
    if kind.endswith("Eval") and result is not None:
        expected = parse_data(result.read_bytes(), "nt", base_iri=BASES[suite] + result.name)
        assert isomorphic(quads_to_graph(quads), quads_to_graph(expected)), name
