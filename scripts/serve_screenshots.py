"""Take the README's screenshots of the server (docs/workbench.png, docs/workbench-graph.png,
docs/resource.png): a real ``igkg serve`` on a free loopback port, opened in headless Debian
Chromium with every request to anything else blocked.

    .venv/bin/python scripts/serve_screenshots.py          # → docs/workbench.png, docs/resource.png …
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serve_support import start_server, stop_server  # noqa: E402
from viz_support import chromium_missing, launch  # noqa: E402


def _save(shot: bytes, path: Path) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(shot)).convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    image.save(path, optimize=True)
    print(f"wrote {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    reason = chromium_missing()
    if reason:
        print(f"serve_screenshots: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    server = start_server()
    origin = server.url.rstrip("/")
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(origin + "/") else r.abort())
            page.goto(server.url)
            page.select_option("#named", "citing-paragraph")
            page.fill("#params input[data-param=paragraph]", "69")
            page.click("#run")
            page.wait_for_selector("body[data-results=ready]", state="attached")
            _save(page.screenshot(), args.out / "workbench.png")
            page.goto(server.url)
            page.fill("#editor", "CONSTRUCT {\n  ?r igkg:mentions ?agent ; eli:cites ?paragraph .\n"
                                 "  ?paragraph eli:is_part_of ?instrument .\n} WHERE {\n"
                                 "  ?r igkg:hasAction/igkg:addressee actor:igf ; igkg:mentions ?agent .\n"
                                 "  OPTIONAL { ?r eli:cites ?paragraph . ?paragraph eli:is_part_of ?instrument }\n}")
            page.click("#run")
            page.wait_for_selector("body[data-graph=ready]", state="attached")
            page.evaluate("""() => { const g = window.igkgWorkbench.graph;
                g.select(g.info.findIndex(i => i.iri.endsWith('/rec-8')), false); }""")
            page.evaluate("() => window.scrollTo(0, document.getElementById('graph-pane').offsetTop - 60)")
            page.wait_for_timeout(400)
            _save(page.screenshot(), args.out / "workbench-graph.png")
            page.goto(server.url + "resource?iri=WGEC%20%234")
            page.wait_for_selector("#text")
            _save(page.screenshot(), args.out / "resource.png")
            browser.close()
    finally:
        stop_server(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
