"""The sparql validation engine (shapes compiled to SPARQL) reports exactly what pySHACL reports,
on the bundled graph and on graphs that break every constraint the shapes use; what it cannot
compile it refuses by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

import igkg
from cli_support import RunCli
from igkg.errors import InputError
from igkg.validation import compiled
from paths import DATA, ROOT

SHAPES = ROOT / "ontology" / "shapes.ttl"


@pytest.fixture(scope="module", name="broken")
def broken_fixture() -> igkg.KnowledgeGraph:
    """The bundled graph plus shapes-broken.ttl (every constraint component violated)."""
    return igkg.load(data=[DATA / "shapes-broken.ttl"])


@pytest.mark.parametrize("extra", [None, "rec-violations.ttl", "shapes-broken.ttl",
                                   "positions-shared-by-three.ttl"])
def test_the_sparql_engine_reports_what_pyshacl_reports(extra: str | None) -> None:
    graph = igkg.load(data=[DATA / extra] if extra else [])
    fast, reference = graph.validate(engine="sparql"), graph.validate(engine="pyshacl")
    assert fast.findings == reference.findings
    assert fast.text() == reference.text()
    assert fast.to_dict() == reference.to_dict()
    assert fast.conforms is (extra is None)


@pytest.mark.parametrize("order", ["focus nodes first", "values first"])
@pytest.mark.parametrize("extra", ["rec-violations.ttl", "shapes-broken.ttl", "positions-shared-by-three.ttl"])
def test_either_join_order_reports_what_pyshacl_reports(monkeypatch: pytest.MonkeyPatch, extra: str,
                                                        order: str) -> None:
    """The order of a check's joins (chosen from counts in the data) never changes its answer:
    forced one way (a path is read first only when it has no triples) and the other (always)."""
    monkeypatch.setattr(compiled, "_VALUES_FIRST_UP_TO", 0 if order == "focus nodes first" else 10**9)
    graph = igkg.load(data=[DATA / extra])
    assert graph.validate(engine="sparql").findings == graph.validate(engine="pyshacl").findings


def test_a_path_far_more_common_than_the_focus_nodes_is_joined_from_the_focus_nodes() -> None:
    shapes = rdflib.Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:class ex:D ; sh:message "m" ] .
        ex:T sh:targetClass ex:E ; sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:class ex:D ; sh:message "m" ] .""",
                                  format="turtle")
    counts = {"?this a <http://example.org/C>": 2, "?this a <http://example.org/E>": 500,
              "?this <http://example.org/p> ?value": 1000}

    def sizes(query: str) -> int:  # what COUNT(*) would answer on data with these counts
        return next(n for pattern, n in counts.items() if pattern in query)

    checks = compiled.compile_shapes(shapes, lambda cls: [cls], "test", sizes)
    assert {c.shape for c in checks} == {"http://example.org/S", "http://example.org/T"} and len(checks) == 4
    for check in checks:
        body = check.query.split("WHERE", 1)[1].strip()[1:].lstrip()
        if check.shape.endswith("S"):  # 2 focus nodes, 1,000 values: looked up from the focus nodes
            assert body.startswith("?this a <http://example.org/C>"), body
        else:  # 500 focus nodes: the path's triples first, in a sub-select, then joined to them
            assert body.startswith("{ SELECT"), body


def test_every_shape_message_is_broken_at_least_once(broken: igkg.KnowledgeGraph) -> None:
    shapes = rdflib.Graph().parse(SHAPES)
    messages = {str(m) for m in shapes.objects(None, SH.message)}
    found = {f.message for f in broken.validate().findings}
    for message in messages:  # {?var} in SHACL-SPARQL messages stands for any value
        pattern = re.sub(r"\\\{\\\?[a-z]+\\\}", ".+", re.escape(message))
        assert any(re.fullmatch(pattern, f) for f in found), message


def test_findings_carry_values_and_filled_in_messages(broken: igkg.KnowledgeGraph) -> None:
    lines = broken.validate().text().splitlines()
    assert "Violation: http://example.org/broken/r1 igkg:position: A recommendation needs exactly one " \
           "position, a whole number from 1. (value: '0')" in lines
    assert any("Recommendations http://example.org/broken/r1 and http://example.org/broken/r3 of this "
               "document share position 0." in line for line in lines)
    ill_typed = [line for line in lines if "broken/r2 igkg:position" in line]
    assert ill_typed and "(value: 'zero')" in ill_typed[0]  # an ill-formed integer is no integer


def _shapes(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "shapes.ttl"
    path.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n" + body)
    return path


@pytest.mark.parametrize(("body", "named"), [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedMinCount 1 ; "
     "sh:qualifiedValueShape [ sh:class ex:D ] ; sh:message \"m\" ] .", "sh:qualified"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ; "
     "sh:message \"m\" ] .", "a path other than an IRI"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
     "no sh:message"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ; sh:message \"m\" .", "sh:closed"),
])
def test_what_cannot_be_compiled_is_refused_by_name(tmp_path: Path, kg: igkg.KnowledgeGraph, body: str,
                                                    named: str) -> None:
    with pytest.raises(InputError, match=re.escape(named)) as refused:
        kg.validate(_shapes(tmp_path, body))
    assert "--engine pyshacl" in str(refused.value)


def test_the_cli_chooses_the_engine(run_cli: RunCli) -> None:
    for engine in ("sparql", "pyshacl"):
        result = run_cli("validate", "--engine", engine, DATA / "rec-violations.ttl")
        assert result.code == 1 and "share position 1" in result.out
    assert run_cli("validate", "--engine", "sparql").out.startswith("Conforms:")


def test_every_pair_of_recommendations_sharing_a_position_is_reported() -> None:
    """The grouped SHACL-SPARQL constraint (positions held twice first) still names each pair."""
    report = igkg.load(data=[DATA / "positions-shared-by-three.ttl"]).validate()
    shared = sorted(f.message for f in report.findings if "share position" in f.message)
    assert len(shared) == 4
    assert sum("position 2" in m for m in shared) == 3 and sum("position 3" in m for m in shared) == 1
    assert not any("position 1" in m for m in shared)

