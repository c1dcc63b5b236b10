"""The explorer page as a file: self-contained, escaped, and embeddable in a notebook."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import pytest

import igkg
from igkg.explorer.page import ExplorerPage, render_page
from igkg.network.payload import json_for_script
from igkg.network.view import build_view
from viz_support import XSS_DATA


@pytest.fixture(scope="module")
def xss_page() -> tuple[str, int, int]:
    graph = igkg.load(data=[XSS_DATA])
    view = build_view(graph.store, title="<script>alert('title')</script>")
    return render_page(view), len(view.nodes), len(view.edges)


def _scripts(page: str) -> list[tuple[str, str]]:
    return re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)


def test_page_loads_nothing_from_elsewhere(xss_page: tuple[str, int, int]) -> None:
    page, _, _ = xss_page
    assert re.search(r"<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)\s*=", page, flags=re.I) is None
    assert "<link" not in page and "@import" not in page
    assert "sourceMappingURL" not in page
    assert re.search(r"url\(\s*(?!['\"]?data:)", page) is None  # CSS images are inline data: URLs


def test_graph_data_is_json_that_cannot_break_out(xss_page: tuple[str, int, int]) -> None:
    page, nodes, edges = xss_page
    scripts = _scripts(page)
    # The data, vis-network, the shared drawing (igkg.network's graph.js), the page's own script.
    assert [attrs.strip() for attrs, _ in scripts] == ['type="application/json" id="igkg-data"', "", "", ""]
    text = scripts[0][1]
    assert not set("<>&\u2028\u2029") & set(text)
    data = json.loads(text)
    assert (len(data["nodes"]), len(data["edges"])) == (nodes, edges)
    texts = [v for info in data["info"] for _, values in info["facts"] for v in values]
    assert any("</script><script>window.__xss='end'</script>" in t for t in texts)
    assert any("\u2028" in t for t in texts)
    # No payload reaches the markup: neither the data nor the escaped title.
    assert "<img" not in page and "<svg" not in page and "onerror=\"window" not in page
    assert "<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</title>" in page


def test_only_the_pages_own_scripts_may_run(xss_page: tuple[str, int, int]) -> None:
    page, _, _ = xss_page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp is not None
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    for _, body in _scripts(page)[1:]:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
        assert "</script" not in body.lower() and "<!--" not in body


def test_json_for_script_escapes_what_html_would_read() -> None:
    assert json_for_script({"a": "</script>&\u2028"}) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'
    assert json.loads(json_for_script({"a": "</script>&\u2028"})) == {"a": "</script>&\u2028"}


def test_notebook_display_is_an_iframe_with_the_whole_page(kg: igkg.KnowledgeGraph) -> None:
    page = kg.visualize("IGF", depth=1)
    assert isinstance(page, ExplorerPage) and page.nodes == len(build_view(kg.store, focus="IGF").nodes)
    shown = page._repr_html_()
    match = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" [^>]*></iframe>', shown, flags=re.S)
    assert match is not None
    assert html.unescape(match.group(1)) == page.html
    assert "<" not in match.group(1)


def test_save_writes_the_page(kg: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    page = kg.visualize(classes=["instrument"])
    target = page.save(tmp_path / "instruments.html")
    assert target.read_text(encoding="utf-8") == page.html
    assert page.nodes == len(kg.query("instruments"))
    with pytest.raises(igkg.InputError, match="cannot write"):
        page.save(tmp_path / "missing" / "page.html")
