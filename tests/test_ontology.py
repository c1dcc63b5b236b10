"""The ontology: labels and definitions everywhere, a version, the generated Tunis Agenda file in sync."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from paths import ROOT

ONTOLOGY = ROOT / "ontology" / "igkg.ttl"


def _store() -> ox.Store:
    store = ox.Store()
    store.load(path=ONTOLOGY)
    return store


def test_every_igkg_term_has_a_label_and_a_definition() -> None:
    missing = list(_store().query("""
        PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?term WHERE {
          ?term a ?kind . VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty }
          FILTER STRSTARTS(STR(?term), "https://w3id.org/igkg/ontology#")
          FILTER NOT EXISTS { ?term rdfs:label ?l . ?term skos:definition ?d }
        }"""))
    assert missing == []


def test_ontology_has_version_and_persistent_namespace() -> None:
    assert _store().query("""ASK { <https://w3id.org/igkg/ontology> a <http://www.w3.org/2002/07/owl#Ontology> ;
        <http://www.w3.org/2002/07/owl#versionInfo> ?v }""")


def test_the_generated_tunis_agenda_file_is_up_to_date(tmp_path: Path) -> None:
    target = ROOT / "data" / "instruments" / "tunis-agenda.ttl"
    before = target.read_bytes()
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_tunis_agenda.py")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == before, "scripts/make_tunis_agenda.py output differs from the committed file"
