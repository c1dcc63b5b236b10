"""Take docs/diff.png: the HTML page of `igkg diff` between the seed draft and its third take,
in Debian's headless Chromium with every network request blocked.

    .venv/bin/python scripts/diff_screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import igkg  # noqa: E402
from igkg.drafts.render import html_page  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> int:
    diff = igkg.diff("doc:wgec-second-take", ROOT / "tests" / "data" / "diff" / "wgec-third-take.txt")
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "diff.html"
        page_file.write_text(html_page(diff), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            blocked: list[str] = []
            page.route("http*://**", lambda route: (blocked.append(route.request.url), route.abort()))
            page.goto(page_file.as_uri())
            page.screenshot(path=str(ROOT / "docs" / "diff.png"))
            browser.close()
    print(f"wrote docs/diff.png ({len(blocked)} requests blocked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
