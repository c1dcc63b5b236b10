"""`make docs`: the ontology's HTML documentation (pyLODE plus the concept schemes), complete and
offline. Needs pyLODE (the docs extra, which the test extra includes)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox
import pytest

from paths import ROOT
from viz_support import browser  # noqa: F401  (a fixture)

pytest.importorskip("pylode", reason="pyLODE is in the docs extra: pip install -e '.[docs]'")
SCRIPT = ROOT / "scripts" / "ontology_docs.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ontology_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], capture_output=True, text=True,
                          check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "opens offline" in done.stdout
    return out / "index.html"


@pytest.fixture(scope="module")
def page(page_path: Path) -> str:
    return page_path.read_text(encoding="utf-8")


def _terms(path: Path, sparql: str) -> list[str]:
    store = ox.Store()
    store.load(path=path)
    return [row[0].value for row in store.query(sparql)]


def test_every_class_and_property_is_documented(page: str) -> None:
    terms = _terms(ROOT / "ontology" / "igkg.ttl", """
        SELECT ?t WHERE { ?t a ?k . VALUES ?k { <http://www.w3.org/2002/07/owl#Class>
          <http://www.w3.org/2002/07/owl#ObjectProperty> <http://www.w3.org/2002/07/owl#DatatypeProperty> }
          FILTER STRSTARTS(STR(?t), "https://w3id.org/igkg/ontology#") }""")
    assert len(terms) > 50
    missing = [t for t in terms if f"<code>{t}</code>" not in page]
    assert missing == []


def test_every_scheme_and_concept_is_listed(page: str) -> None:
    schemes = _terms(ROOT / "ontology" / "schemes.ttl",
                     "SELECT ?s WHERE { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme> }")
    concepts = _terms(ROOT / "ontology" / "schemes.ttl",
                      "SELECT ?c WHERE { ?c <http://www.w3.org/2004/02/skos/core#inScheme> ?s }")
    assert len(schemes) >= 7 and len(concepts) > 50
    assert [s for s in schemes + concepts if f"<code>{s}</code>" not in page] == []
    assert '<a href="#schemes">Concept schemes</a>' in page  # in the table of contents


def test_each_main_class_shows_an_example_from_the_graph(page: str) -> None:
    examples = _script().EXAMPLES
    assert page.count('href="http://www.w3.org/2004/02/skos/core#example"') == len(examples)
    assert "ta:para-69 a igkg:Paragraph" in page
    assert "w:rec-4 a igkg:Recommendation" in page


def test_the_page_loads_nothing_from_elsewhere(page: str) -> None:
    assert _script().external_loads(page) == []
    # the check itself catches what a CDN-based page would have
    cdn = '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="https://cdn.example/x.js"></script>'
    assert len(_script().external_loads(cdn + "<style>@import url(https://x/y.css);</style>")) == 3


@pytest.mark.browser
def test_chromium_opens_it_with_every_request_blocked(page_path: Path, browser: Any) -> None:  # noqa: F811
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []

    def block(route: Any) -> None:
        if not route.request.url.startswith("file:"):
            requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    tab.route("**/*", block)
    tab.goto(page_path.as_uri(), wait_until="load")
    assert tab.title() == "Internet-governance knowledge graph ontology"
    assert tab.locator("#schemes h3").count() >= 7
    assert requests == []
    context.close()
