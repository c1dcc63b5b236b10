"""Take the README's screenshot of the explorer (docs/explorer.png) with the browser-test tooling:
the whole-graph page that `igkg build` writes, opened in headless Debian Chromium, fit to the
screen, with "IGF" searched and selected so its neighbourhood is highlighted and the details
panel is filled.

    .venv/bin/python scripts/explorer_screenshot.py                 # → docs/explorer.png
    .venv/bin/python scripts/explorer_screenshot.py -o shot.png --search "Tunis Agenda"
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import igkg  # noqa: E402
from viz_support import chromium_missing, launch, open_page  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "explorer.png")
    parser.add_argument("--search", default="IGF", help="What to type into the search box.")
    parser.add_argument("--scale", type=float, default=0.0,
                        help="Zoom around the selected node (default 0: the whole graph, fit to the screen).")
    args = parser.parse_args()
    reason = chromium_missing()
    if reason:
        print(f"explorer_screenshot: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "explorer.html"
        igkg.load().visualize(title="igkg explorer: the whole graph").save(page_path)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            opened = open_page(browser, page_path, width=1440, height=900)
            page = opened.page
            page.fill("#search", args.search)
            page.locator("#search-results button").first.click()
            index = page.evaluate("() => window.network.getSelectedNodes()[0]")
            if args.scale:
                page.evaluate(f"() => window.network.moveTo({{position: window.network.getPosition({index}), "
                              f"scale: {args.scale}}})")
            else:
                page.evaluate("() => { window.network.fit(); window.igkg.refont(); }")
            page.wait_for_timeout(500)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            shot = page.screenshot()
            browser.close()
    from PIL import Image

    # A 256-colour palette keeps the file small (the page has few colours) and looks the same.
    image = Image.open(io.BytesIO(shot)).convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    image.save(args.output, optimize=True)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
