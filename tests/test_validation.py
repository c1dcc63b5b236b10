"""SHACL validation: the bundled graph conforms; broken data is reported with exit code 1."""

from __future__ import annotations

import igkg
from cli_support import RunCli
from paths import DATA


def test_the_bundled_graph_conforms(kg: igkg.KnowledgeGraph) -> None:
    report = kg.validate()
    assert report.conforms, report.text()
    assert report.violations == []
    assert report.triples == len(kg)


def test_each_broken_rule_is_reported_once() -> None:
    report = igkg.load(data=[DATA / "rec-violations.ttl"]).validate()
    assert not report.conforms
    mine = [f for f in report.violations if "example.org/violations" in f.focus]
    messages = sorted(f.message for f in mine)
    assert len(mine) == 3, report.text()
    assert messages[0].startswith("A recommendation needs at least one operative action")
    assert any("is not part of the cited instrument" in m for m in messages)
    assert any("share position 1" in m for m in messages)


def test_validate_exit_codes(run_cli: RunCli) -> None:
    ok = run_cli("validate")
    assert ok.code == 0 and ok.out.startswith("Conforms:")
    bad = run_cli("validate", DATA / "rec-violations.ttl")
    assert bad.code == 1
    assert "Does not conform" in bad.out and "share position 1" in bad.out
    broken = run_cli("validate", DATA / "bad-syntax.ttl")
    assert broken.code == 2
    assert broken.out == ""
    assert broken.err.strip() == f"igkg: error: {DATA / 'bad-syntax.ttl'}:6:18: Unexpected end of file"


def test_a_users_document_conforms_and_is_queryable(run_cli: RunCli) -> None:
    result = run_cli("validate", DATA / "extra-document.ttl")
    assert result.code == 0, result.out
