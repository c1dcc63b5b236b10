"""The explorer page in a real headless Chromium: offline, complete, searchable, and inert
markup. Needs Debian's chromium (scripts/install-system-deps.sh) and Playwright for Python."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import igkg
from igkg.network.view import build_view
from viz_support import XSS_DATA, OpenedPage, browser, open_page  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

IGF = "https://w3id.org/igkg/id/actor/igf"
XSS_ORG = "https://w3id.org/igkg/id/actor/xss-org"
XSS_REC = "https://w3id.org/igkg/id/doc/xss-title/rec-1"
XSS_TITLE = "<script>window.__xss='title'</script> & <b>explorer</b>"


@pytest.fixture(scope="module")
def xss_graph() -> igkg.KnowledgeGraph:
    return igkg.load(data=[XSS_DATA])


@pytest.fixture(scope="module")
def explorer(tmp_path_factory: pytest.TempPathFactory, xss_graph: igkg.KnowledgeGraph) -> Path:
    """The whole-graph explorer of the bundled graph plus the XSS fixture, written by the CLI."""
    from igkg.cli import main

    target = tmp_path_factory.mktemp("viz") / "explorer.html"
    assert main(["viz", "--data", str(XSS_DATA), "--title", XSS_TITLE, "-o", str(target)]) == 0
    return target


@pytest.fixture(scope="module")
def opened(browser: Any, explorer: Path) -> OpenedPage:  # noqa: F811
    return open_page(browser, explorer)


def _index(page: Any, iri: str) -> int:
    ids = page.evaluate("() => JSON.parse(document.getElementById('igkg-data').textContent).info.map(i => i.iri)")
    return int(ids.index(iri))


def test_page_makes_no_request_and_reports_no_error(opened: OpenedPage) -> None:
    assert opened.requests == []
    assert opened.errors == []  # a Content-Security-Policy violation would be reported here


def test_every_node_and_edge_is_drawn(opened: OpenedPage, xss_graph: igkg.KnowledgeGraph) -> None:
    view = build_view(xss_graph.store)
    assert opened.counts() == (len(view.nodes), len(view.edges))
    # Concepts are properties now, not hub nodes: 307 nodes and 516 edges (were 390 and 955).
    assert len(view.nodes) > 300 and len(view.edges) > 500
    positions = opened.page.evaluate("() => Object.keys(window.network.getPositions()).length")
    assert positions == len(view.nodes)


def test_layout_settles_with_physics_off(opened: OpenedPage) -> None:
    assert opened.page.evaluate("() => window.igkgSettled") is True
    assert opened.page.evaluate("() => window.network.physics.physicsEnabled") is False
    before = opened.page.evaluate("() => window.network.getPositions()")
    opened.page.wait_for_timeout(400)
    assert opened.page.evaluate("() => window.network.getPositions()") == before


def test_searching_igf_and_clicking_it_shows_its_details(opened: OpenedPage) -> None:
    page = opened.page
    page.fill("#search", "IGF")
    first = page.locator("#search-results button").first
    assert first.locator(".label").inner_text() == "IGF"
    first.click()
    assert page.inner_text("#details-name") == "Internet Governance Forum"
    details = page.inner_text("#details-body")
    assert "organization" in details and "actor:igf" in details or IGF in details
    assert "Neighbours" in details
    assert page.evaluate("() => window.network.getSelectedNodes()") == [_index(page, IGF)]
    # A neighbour in the panel is a way on: clicking it shows that node.
    page.locator("#details-body button.neighbour").first.click()
    assert page.inner_text("#details-name") != "Internet Governance Forum"


def test_class_filter_hides_and_shows_nodes(opened: OpenedPage) -> None:
    page = opened.page
    hidden = "() => window.network.body.data.nodes.get({filter: n => n.hidden === true}).length"
    paragraphs = int(page.locator("#legend input[data-class=paragraph] ~ .count").inner_text())
    page.uncheck("#legend input[data-class=paragraph]")
    assert page.evaluate(hidden) == paragraphs
    page.check("#legend input[data-class=paragraph]")
    assert page.evaluate(hidden) == 0


def _hover(page: Any, index: int) -> str:
    box = page.locator("#network canvas").bounding_box()
    page.evaluate(f"() => window.network.focus({index}, {{scale: 1.5}})")
    point = page.evaluate(f"() => window.network.canvasToDOM(window.network.getPosition({index}))")
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    return str(page.inner_text("div.vis-tooltip"))


def test_markup_in_labels_and_texts_shows_as_text_and_runs_nothing(opened: OpenedPage) -> None:
    page = opened.page
    # The recommendation: its text is in the details panel, verbatim.
    rec = _index(page, XSS_REC)
    page.fill("#search", "forum to read")
    page.locator(f"#search-results button[data-node='{rec}']").click()
    details = page.inner_text("#details-body")
    assert "<img src=x onerror=\"window.__xss='text';document.title='pwned'\">" in details
    assert "</script><script>window.__xss='end'</script>" in details
    assert "<a href=\"javascript:window.__xss='href'\">this link</a>" in details
    # The organization: its label (an <svg onload> acronym) is drawn, its name is the heading.
    org = _index(page, XSS_ORG)
    page.fill("#search", "bold")
    page.locator(f"#search-results button[data-node='{org}']").click()
    assert page.inner_text("#details-name").startswith("<b onmouseover=")
    assert page.evaluate(f"() => window.network.body.data.nodes.get({org}).label") == (
        "<svg/onload=window.__xss='acronym'>"
    )
    # Hovering shows the tooltip as text too (vis-network sets it with innerText).
    tip = _hover(page, rec)
    assert "<img src=x onerror=" in tip
    tags = page.evaluate("() => [...document.querySelector('div.vis-tooltip').children].map(c => c.tagName)")
    assert set(tags) <= {"BR"}  # innerText turns line breaks into <br>, and nothing else into elements
    # Nothing ran, nothing was parsed into elements, the title is the text given.
    assert page.evaluate("() => window.__xss") is None
    assert page.title() == XSS_TITLE
    assert page.inner_text("#title") == XSS_TITLE
    assert page.evaluate("() => document.querySelectorAll('img, svg, b, a, iframe, object').length") == 0
    # The data, vis-network, the shared drawing (graph.js), the explorer.
    assert page.evaluate("() => document.scripts.length") == 4


def test_screenshot_is_not_blank(opened: OpenedPage) -> None:
    from PIL import Image

    page = opened.page
    page.evaluate("() => window.network.fit()")
    page.wait_for_timeout(200)
    shot = Image.open(io.BytesIO(page.locator("#network").screenshot())).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 100
    white = sum(count for count, rgb in colours if isinstance(rgb, tuple) and min(rgb) >= 250)
    assert white < 0.97 * shot.width * shot.height  # something is drawn, not just a white canvas


def test_focus_view_opens_on_its_node(browser: Any, tmp_path: Path,  # noqa: F811
                                      run_cli: Callable[..., Any], kg: igkg.KnowledgeGraph) -> None:
    target = tmp_path / "igf.html"
    assert run_cli("viz", "--focus", "IGF", "--depth", "1", "-o", target).code == 0
    view = build_view(kg.store, focus="IGF", depth=1)
    page = open_page(browser, target)
    assert page.requests == [] and page.errors == []
    assert page.counts() == (len(view.nodes), len(view.edges))
    assert page.page.inner_text("#details-name") == "Internet Governance Forum"
    page.page.context.close()


def test_selecting_a_node_highlights_its_neighbourhood(opened: OpenedPage) -> None:
    page = opened.page
    page.fill("#search", "IGF")
    page.locator("#search-results button").first.click()
    igf = _index(page, IGF)
    near = page.evaluate(f"() => [{igf}].concat(window.network.getConnectedNodes({igf})).sort((a, b) => a - b)")
    assert page.evaluate("() => window.igkg.highlighted") == near
    dimmed = page.evaluate("() => window.network.body.data.nodes.get({filter: n => n.opacity < 1}).length")
    assert dimmed == opened.counts()[0] - len(near)
    page.mouse.click(5, 400)  # a click on empty canvas clears it
    page.evaluate("() => window.network.unselectAll()")


def test_relation_filter_hides_links_and_lays_out_again(opened: OpenedPage) -> None:
    page = opened.page
    hidden = "() => window.network.body.data.edges.get({filter: e => e.hidden === true}).length"
    cites = page.evaluate("() => window.network.body.data.edges.get({filter: e => e.label === 'cites'}).length")
    assert cites > 10
    page.uncheck("#relations input[data-relation=cites]")
    page.wait_for_function("() => window.igkg.relaidOut === true", timeout=30_000)
    assert page.evaluate(hidden) == cites
    assert "hide-rel=cites" in page.evaluate("() => location.hash")
    page.check("#relations input[data-relation=cites]")
    page.wait_for_function("() => window.igkg.relaidOut === true", timeout=30_000)
    assert page.evaluate(hidden) == 0


def test_png_export_downloads_the_view(opened: OpenedPage) -> None:
    from PIL import Image

    with opened.page.expect_download() as download:
        opened.page.click("#png")
    data = download.value.path().read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 100


def test_expand_draws_the_embedded_ring_and_the_hash_restores_the_view(
        browser: Any, tmp_path: Path, run_cli: Callable[..., Any], kg: igkg.KnowledgeGraph) -> None:  # noqa: F811
    target = tmp_path / "igf.html"
    assert run_cli("viz", "--focus", "IGF", "--depth", "1", "-o", target).code == 0
    opened = open_page(browser, target)
    page = opened.page
    before = opened.counts()
    para72 = _index(page, "https://w3id.org/igkg/id/instrument/tunis-agenda/para-72")
    page.evaluate(f"() => window.igkg.select({para72}, true)")
    page.click("#details-body button.expand")
    page.wait_for_function(f"() => window.network.body.data.nodes.length > {before[0]}")
    after = opened.counts()
    item = _index(page, "https://w3id.org/igkg/id/instrument/tunis-agenda/para-72-g")
    assert page.evaluate(f"() => window.network.body.data.nodes.get({item}) !== null")
    state = page.evaluate("() => location.hash")
    assert "expand=" in state and "node=" in state
    assert opened.requests == [] and opened.errors == []  # expanded from the page's own data
    # The same address opens the same view: expanded, selected.
    again = browser.new_context(viewport={"width": 1400, "height": 860}).new_page()
    again.goto(target.resolve().as_uri() + state)
    again.wait_for_selector("body[data-settled=true]", state="attached", timeout=60_000)
    again.wait_for_function(f"() => window.network.body.data.nodes.length === {after[0]}", timeout=30_000)
    assert again.evaluate("() => window.network.getSelectedNodes()") == [para72]
    again.context.close()
    page.context.close()
