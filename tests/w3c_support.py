"""Reading the W3C test manifests in place from ../shared/testdata (never copied), and comparing
datasets the way the suites mean it (isomorphic: equal after RDFC-1.0 canonicalization)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

from paths import SHARED

TESTDATA = SHARED / "testdata"
RDF11 = TESTDATA / "w3c-rdf-tests" / "rdf11"
SPARQL11 = TESTDATA / "w3c-rdf-tests" / "sparql" / "sparql11"
JSONLD = TESTDATA / "w3c-json-ld-api"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#: The base IRI each suite assumes (mf:assumedTestBase, or the suite's published address).
RDF_BASE = "https://w3c.github.io/rdf-tests/rdf/rdf11/{}/"
SPARQL_BASE = "https://w3c.github.io/rdf-tests/sparql/sparql11/{}/"
JSONLD_BASE = "https://w3c.github.io/json-ld-api/tests/"


@dataclass(frozen=True)
class Case:
    suite: str
    name: str
    kind: str  # the test type's local name: TestTurtleEval, NegativeSyntaxTest11, jld:ToRDFTest …
    action: Path
    result: Path | None
    base: str  # the IRI the action is read with
    extra: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.suite}:{self.name}"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def manifest_cases(folder: Path, suite: str, base: str) -> list[Case]:
    """The tests a Turtle manifest lists in ``mf:entries`` (not the ones it only comments out)."""
    manifest = folder / "manifest.ttl"
    if not manifest.is_file():
        return []
    store = ox.Store()
    store.load(path=manifest, base_iri=base + "manifest.ttl")
    rows = store.query(f"""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
      SELECT ?name ?type ?action ?result WHERE {{
        ?manifest <{MF}entries>/rdf:rest*/rdf:first ?test .
        ?test a ?type ; <{MF}name> ?name ; <{MF}action> ?action .
        OPTIONAL {{ ?test <{MF}result> ?result }} }} ORDER BY ?name""")
    cases = []
    for row in rows:
        action = row["action"].value
        result = row["result"].value if row["result"] is not None else None
        cases.append(Case(suite, row["name"].value, _local(row["type"].value), folder / action.removeprefix(base),
                          folder / result.removeprefix(base) if result else None, action))
    return cases


def jsonld_cases() -> list[Case]:
    manifest = JSONLD / "toRdf-manifest.jsonld"
    if not manifest.is_file():
        return []
    cases = []
    for test in json.loads(manifest.read_text(encoding="utf-8"))["sequence"]:
        kind = next(t for t in test["@type"] if t != "jld:ToRDFTest").removeprefix("jld:")
        cases.append(Case("json-ld-toRdf", test["@id"].lstrip("#"), kind, JSONLD / test["input"],
                          JSONLD / test["expect"] if "expect" in test else None, JSONLD_BASE + test["input"],
                          extra={"name": test.get("name", ""), "option": test.get("option", {}),
                                 "error": test.get("expectErrorCode")}))
    return cases


def canonical(quads: list[ox.Quad]) -> set[str]:
    """The quads as N-Quads lines after RDFC-1.0 (blank nodes renamed canonically)."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def needs(cases: list[object], what: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not cases, reason=f"{what} not found under {TESTDATA} (the project's ../shared/testdata)")
