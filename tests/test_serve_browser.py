"""The workbench and resource pages in a real headless Chromium (Debian's, via Playwright's
executable_path) against a real ``igkg serve`` process: run a named query, click a label to its
resource page, draw a CONSTRUCT result, expand a node from the server, export PNG; no request to
anything but the server itself, no console error, and no markup from hostile labels runs."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from serve_support import LiveServer
from viz_support import browser  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.server]


@dataclass
class Tab:
    page: Any
    origin: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture()
def tab(browser: Any, live_server: LiveServer) -> Iterator[Tab]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    opened = Tab(page, live_server.url.rstrip("/"))

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(opened.origin + "/"):
            route.continue_()
        else:
            opened.foreign.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()
    assert opened.foreign == []  # nothing but the server itself
    assert opened.errors == []  # a CSP violation or a script error would be reported here


def _run(tab: Tab, *, named: str | None = None, query: str | None = None) -> None:
    page = tab.page
    page.goto(tab.origin + "/")
    if named is not None:
        page.select_option("#named", named)
    if query is not None:
        page.fill("#editor", query)
    page.click("#run")
    page.wait_for_selector("body[data-results=ready]", state="attached", timeout=20_000)


def test_run_a_named_query_and_click_a_label_to_its_resource_page(tab: Tab) -> None:
    page = tab.page
    _run(tab, named="addressed-to")  # its example parameter: agent=IGF
    assert page.input_value("#params input[data-param=agent]") == "IGF"
    link = page.locator("#results a.label", has_text="WGEC #8")
    assert link.get_attribute("title") == "https://w3id.org/igkg/id/doc/wgec-second-take/rec-8"
    assert page.locator("#results tbody tr").count() == 3
    assert "/queries/addressed-to.csv?agent=IGF" in page.locator("#downloads a", has_text="csv").get_attribute("href")
    link.click()
    page.wait_for_selector("#text")
    assert page.inner_text("h1") == "WGEC #8"
    assert page.inner_text("#text mark[title='operative verb']") == "Congratulates"
    assert "TA ¶72" in page.inner_text("#cited")


def test_draw_a_construct_result_expand_a_node_and_export_png(tab: Tab) -> None:
    from PIL import Image

    page = tab.page
    _run(tab, query="CONSTRUCT WHERE { actor:igf ?p ?o }")
    page.wait_for_selector("body[data-graph=ready]", state="attached", timeout=20_000)
    before = page.evaluate("() => window.igkgWorkbench.graph.nodes.length")
    assert before > 3
    # Select a neighbour of the IGF (TA ¶72) and expand it from the server.
    index = page.evaluate("""() => window.igkgWorkbench.graph.info.findIndex(
        i => i.iri === 'https://w3id.org/igkg/id/instrument/tunis-agenda/para-72')""")
    page.evaluate(f"() => window.igkgWorkbench.graph.select({index}, true)")
    assert page.evaluate("() => window.igkgWorkbench.graph.highlighted.length") >= 2  # it and the IGF
    page.click("#graph-details button.expand")
    page.wait_for_selector("body[data-expanded]", state="attached", timeout=20_000)
    after = page.evaluate("() => window.igkgWorkbench.graph.nodes.length")
    assert after > before  # ¶72's items (a–l) and what cites it came from /api/graph
    iris = page.evaluate("() => window.igkgWorkbench.graph.info.map(i => i.iri)")
    assert "https://w3id.org/igkg/id/instrument/tunis-agenda/para-72-g" in iris
    with page.expect_download() as download:
        page.click("#png")
    png = download.value.path().read_bytes()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert image.format is None or png[:8] == b"\x89PNG\r\n\x1a\n"
    assert colours is not None and len(colours) > 20  # a drawing, not a blank canvas


def test_hostile_labels_and_texts_stay_text(tab: Tab) -> None:
    page = tab.page
    _run(tab, query="SELECT ?org ?name ?acronym WHERE { ?org skos:prefLabel ?name ; igkg:acronym ?acronym "
                    "FILTER(CONTAINS(?name, 'forum') && CONTAINS(?name, '<b')) }")
    cells = page.locator("#results td")
    assert cells.nth(0).inner_text() == "<svg/onload=window.__xss='acronym'>"  # its label: the acronym
    assert cells.nth(1).inner_text().startswith("<b onmouseover=")
    page.goto(tab.origin + "/resource?iri=https%3A%2F%2Fw3id.org%2Figkg%2Fid%2Fdoc%2Fxss-title%2Frec-1")
    assert "<img src=x onerror=" in page.inner_text("#text")
    assert "</script><script>window.__xss='end'</script>" in page.inner_text("#text")
    page.goto(tab.origin + "/#graph=" + "https%3A%2F%2Fw3id.org%2Figkg%2Fid%2Factor%2Fxss-org")
    page.wait_for_selector("body[data-graph=ready]", state="attached", timeout=20_000)
    labels = page.evaluate("() => window.igkgWorkbench.graph.nodes.get().map(n => n.label)")
    assert "<svg/onload=window.__xss='acronym'>" in labels
    assert page.evaluate("() => window.__xss") is None
    assert page.evaluate("() => document.querySelectorAll('img, svg, b, iframe, object').length") == 0
