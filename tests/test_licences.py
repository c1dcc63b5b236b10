"""Licences: MIT for the code, CC BY 4.0 for the ontology and the data, said the same way everywhere."""

from __future__ import annotations

import tomllib

import pyoxigraph as ox
import pytest

from paths import ROOT

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_license_file_is_mit_as_pyproject_says() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


def test_ontology_states_cc_by_4_as_dcterms_license() -> None:
    store = ox.Store()
    store.load(path=ROOT / "ontology" / "igkg.ttl")
    assert store.query(f"""ASK {{ <https://w3id.org/igkg/ontology>
        <http://purl.org/dc/terms/license> <{CC_BY}> }}""")


@pytest.mark.parametrize("readme", ["README.md", "ontology/README.md", "data/README.md", "LICENSE"])
def test_every_readme_states_both_licences(readme: str) -> None:
    text = (ROOT / readme).read_text(encoding="utf-8")
    assert CC_BY in text, f"{readme} does not link CC BY 4.0"
    assert "MIT" in text, f"{readme} does not name the code's MIT licence"
