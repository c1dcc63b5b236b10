"""The W3C SPARQL 1.1 Protocol tests (sparql11/protocol/manifest.ttl in the shared test data,
read in place) against the server's application, in process.

The manifest describes each test as HTTP requests with expected status codes and result formats.
The 20 query tests apply to a read-only endpoint and must pass; their ``ut:graphData`` files are
loaded as the named graphs they are labelled with (the endpoint never fetches anything). Of the 14
update tests, the 7 that expect a 4xx answer get one (every update is refused); the 7 that expect
an update to succeed do not apply to a read-only endpoint and are skipped, saying so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, Namespace
from starlette.testclient import TestClient

from igkg.serve.app import create_app
from igkg.stores.oxigraph import OxigraphStore
from paths import SHARED

SUITE = SHARED / "testdata" / "w3c-rdf-tests" / "sparql" / "sparql11" / "protocol"
MANIFEST = SUITE / "manifest.ttl"
BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#"

pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason=f"{MANIFEST} is absent (the shared test data)")

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")


@dataclass
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]
    boolean: bool | None
    fmt: str | None


@dataclass
class Case:
    name: str
    title: str
    graphs: list[tuple[Path, str]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    @property
    def update(self) -> bool:
        return "update" in self.name


def _step(manifest: rdflib.Graph, request: Any) -> Step:
    headers: dict[str, str] = {}
    for header_list in manifest.objects(request, HT.headers):
        for header in Collection(manifest, header_list):
            headers[str(manifest.value(header, HT.fieldName))] = str(manifest.value(header, HT.fieldValue))
    body = None
    content = manifest.value(request, HT.body)
    if content is not None:
        encoding = str(manifest.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(manifest.value(content, CNT.chars)).encode(encoding)
    response = manifest.value(request, HT.resp)
    statuses = {int(str(s).rsplit("StatusCode", 1)[-1][0]) for s in manifest.objects(response, MF.expectedStatus)}
    boolean = manifest.value(response, MF.expectedBoolean)
    fmt = manifest.value(response, MF.expectedFormat)
    return Step(str(manifest.value(request, HT.methodName)), str(manifest.value(request, HT.absolutePath)),
                headers, body, statuses or {2}, None if boolean is None else bool(boolean.toPython()),
                None if fmt is None else str(fmt))


def _cases() -> list[Case]:
    if not MANIFEST.exists():
        return []
    manifest = rdflib.Graph()
    manifest.parse(MANIFEST, format="turtle", publicID=BASE)
    cases: list[Case] = []
    for test in manifest.subjects(RDF.type, MF.ProtocolTest):
        case = Case(str(test).split("#")[-1], str(manifest.value(test, MF.name)))
        for data in manifest.objects(test, UT.graphData):
            file = str(manifest.value(data, UT.graph)).rsplit("/", 1)[-1]
            case.graphs.append((SUITE / file, str(manifest.value(data, RDFS.label))))
        action = manifest.value(test, MF.action)
        for requests in manifest.objects(action, HT.requests):
            case.steps += [_step(manifest, request) for request in Collection(manifest, requests)]
        cases.append(case)
    return sorted(cases, key=lambda c: c.name)


CASES = _cases()
#: Update tests that expect the update to succeed: not for a read-only endpoint.
NOT_READ_ONLY = {c.name for c in CASES if c.update and all(s.statuses != {4} for s in c.steps)}
_FORMATS = {"boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
            "tabular": ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                        "text/tab-separated-values"),
            "RDF": ("application/rdf+xml", "text/turtle", "application/n-triples")}


def test_the_manifest_has_the_tests_this_file_counts() -> None:
    assert len(CASES) == 34
    assert len([c for c in CASES if not c.update]) == 20
    assert len(NOT_READ_ONLY) == 7


def _client(case: Case) -> TestClient:
    store = OxigraphStore()
    for path, label in case.graphs:
        store.oxigraph.load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(label))
    return TestClient(create_app(store))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_protocol(case: Case) -> None:
    if case.name in NOT_READ_ONLY:
        pytest.skip(f"{case.title}: an update that must succeed does not apply to a read-only endpoint")
    client = _client(case)
    for step in case.steps:
        path = step.path.replace("/sparql/", "/sparql", 1)
        response = client.request(step.method, path, headers=step.headers, content=step.body)
        assert response.status_code // 100 in step.statuses, (case.title, response.status_code, response.text)
        if step.fmt in _FORMATS:
            assert response.headers["content-type"].split(";")[0] in _FORMATS[step.fmt], case.title
        if step.boolean is not None:
            assert response.json()["boolean"] is step.boolean, case.title
