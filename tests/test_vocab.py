"""The vocabulary in use: vocab.py is generated from ontology/ and up to date, unknown names fail,
no namespace is written out elsewhere in src/, and every igkg term in SPARQL text exists."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from igkg.namespaces import PREFIXES
from igkg.vocab import IGKG, SKOS, XSD
from paths import ROOT

SRC = ROOT / "src" / "igkg"
IGKG_TERM = re.compile(r"\bigkg:([A-Za-z_][A-Za-z0-9_]*)")
IGKG_IRI = re.compile(r"<https://w3id\.org/igkg/ontology#([A-Za-z_][A-Za-z0-9_]*)>")


def _ontology_terms() -> set[str]:
    store = ox.Store()
    store.load(path=ROOT / "ontology" / "igkg.ttl")
    found = store.query(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER STRSTARTS(STR(?s), 'https://w3id.org/igkg/ontology#') }")
    return {row["s"].value.split("#", 1)[1] for row in found}


def _python_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_regenerating_vocab_changes_nothing() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_vocab.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout


def test_the_constants_are_pyoxigraph_terms_and_unknown_names_fail() -> None:
    assert IGKG.Recommendation == ox.NamedNode("https://w3id.org/igkg/ontology#Recommendation")
    assert isinstance(SKOS.prefLabel, ox.NamedNode) and XSD.integer.value.endswith("#integer")
    with pytest.raises(AttributeError):
        IGKG.NotATerm  # type: ignore[attr-defined]  # noqa: B018  (mypy reports it too)


def test_every_igkg_class_and_property_of_the_ontology_is_a_constant() -> None:
    defined = {name for name in vars(IGKG) if not name.startswith("_") and name != "NS"}
    store = ox.Store()
    store.load(path=ROOT / "ontology" / "igkg.ttl")
    terms = {row["s"].value.split("#", 1)[1] for row in store.query(
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> SELECT ?s WHERE { "
        "VALUES ?k { owl:Class owl:ObjectProperty owl:DatatypeProperty } ?s a ?k "
        "FILTER STRSTARTS(STR(?s), 'https://w3id.org/igkg/ontology#') }")}
    assert defined == terms


def _hand_built_iris(root: Path) -> list[str]:
    """Namespaces written out in the Python files under ``root`` (except the two homes)."""
    namespaces = set(PREFIXES.values()) | {"https://w3id.org/igkg/"}
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path.name in {"vocab.py", "namespaces.py"} and path.parent == root:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(root)}: {ns}" for ns in sorted(namespaces) if ns in text]
    return offenders


def test_no_namespace_is_written_out_in_src_outside_vocab_and_namespaces() -> None:
    assert _hand_built_iris(SRC) == []


def test_the_namespace_check_catches_a_hand_built_iri(tmp_path: Path) -> None:
    (tmp_path / "wing").mkdir()
    (tmp_path / "wing" / "names.py").write_text('AGENT = "http://xmlns.com/foaf/0.1/" + "Agent"\n', encoding="utf-8")
    (tmp_path / "vocab.py").write_text('X = "http://xmlns.com/foaf/0.1/Agent"\n', encoding="utf-8")
    assert _hand_built_iris(tmp_path) == ["wing/names.py: http://xmlns.com/foaf/0.1/"]


def test_every_igkg_term_in_sparql_text_exists_in_the_ontology() -> None:
    known = _ontology_terms()
    used: dict[str, set[str]] = {}
    for query in sorted((ROOT / "queries").glob("*.rq")):
        text = query.read_text(encoding="utf-8")
        for name in IGKG_TERM.findall(text) + IGKG_IRI.findall(text):
            used.setdefault(name, set()).add(query.name)
    for path in sorted(SRC.rglob("*.py")):
        for string in _python_strings(path):
            if "SELECT" in string or "ASK" in string or "CONSTRUCT" in string or "WHERE" in string:
                for name in IGKG_TERM.findall(string) + IGKG_IRI.findall(string):
                    used.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    assert len(used) > 20  # the check reads the queries at all
    unknown = {name: sorted(where) for name, where in used.items() if name not in known}
    assert unknown == {}
