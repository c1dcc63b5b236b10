"""Helpers for the explorer tests and benchmarks: a headless Debian Chromium driven by
Playwright (never `playwright install`), and a page opened with every network request
blocked and recorded."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("IGKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
XSS_DATA = Path(__file__).resolve().parent / "data" / "xss-title.ttl"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} is absent: run scripts/install-system-deps.sh (apt-get install chromium)"
    return None


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@dataclass
class OpenedPage:
    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def counts(self) -> tuple[int, int]:
        nodes, edges = self.page.evaluate(
            "() => [window.network.body.data.nodes.length, window.network.body.data.edges.length]"
        )
        return int(nodes), int(edges)


def open_page(browser: Any, path: Path, *, width: int = 1400, height: int = 860,
              timeout_ms: int = 60_000) -> OpenedPage:
    """Open a file:// page with every http(s) request aborted and recorded; wait until the
    explorer says its layout has settled (``<body data-settled="true">``)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    opened = OpenedPage(page)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http:", "https:", "ws:", "wss:", "ftp:")):
            opened.requests.append(url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", route)
    page.on("requestfailed", lambda request: opened.requests.append(f"failed: {request.url}")
            if not request.url.startswith("file:") else None)
    page.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-settled=true]", state="attached", timeout=timeout_ms)
    return opened


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module."""
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")
    with sync_api.sync_playwright() as playwright:
        instance = launch(playwright)
        try:
            yield instance
        finally:
            instance.close()
