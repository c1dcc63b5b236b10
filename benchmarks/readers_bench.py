"""The PDF libraries side by side, and the readers and layout clean-up at size.

    .venv/bin/python benchmarks/readers_bench.py [--pages 100]

1. On ``tests/data/extract/wsis-review-input.pdf`` (four ReportLab pages: a running header and
   footer, superscript note markers, footnotes, a two-column page, line-end hyphens) it shows
   what pypdf, pdfminer.six and pypdfium2 give: where the running header and the footnotes land,
   whether line-end hyphens are kept for igkg to decide, whether the two columns are read in
   order, and whether superscripts can be told from the text.
2. It times the three on a PDF of ``--pages`` pages (the fixture's pages repeated with pypdf),
   in pages per second, and igkg's reader + layout clean-up on the same file.
3. It times ``prepare`` (the layout clean-up) on texts of 1, 2 and 5 MB made of the pages of
   ``pdf-copy-resolution.txt``, with the peak memory Python allocated: the time must grow
   linearly.
"""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "tests" / "data" / "extract" / "wsis-review-input.pdf"
COPY = ROOT / "tests" / "data" / "extract" / "pdf-copy-resolution.txt"


def pypdf_pages(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdfminer_pages(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")


def pdfium_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    return [document[i].get_textpage().get_text_bounded() for i in range(len(document))]


def igkg_pages(data: bytes) -> list[str]:
    from igkg.extractor.layout import prepare
    from igkg.extractor.reading import read_source

    return [prepare(read_source(text=None, path=_temporary(data))).text]


_TMP = ROOT / "build" / "readers-bench.pdf"


def _temporary(data: bytes) -> Path:
    _TMP.parent.mkdir(exist_ok=True)
    _TMP.write_bytes(data)
    return _TMP


LIBRARIES: dict[str, Callable[[bytes], list[str]]] = {
    "pypdf": pypdf_pages,
    "pdfminer.six": pdfminer_pages,
    "pypdfium2": pdfium_pages,
}


def quality(name: str, pages: list[str]) -> list[str]:
    page1, page3 = pages[0], pages[2]
    lines1 = [line for line in page1.splitlines() if line.strip()]
    header_first = lines1[0].startswith("Joint input") if lines1 else False
    note1 = page1.find("Estimate for 2027")
    body1 = page1.find("We welcome")
    notes = "after the body" if note1 > body1 else "BEFORE the body (content order)"
    hyphens = "kept (igkg decides)" if "stakehold-\ners" in page3 else "joined by the library"
    if "machine-readable" in " ".join(page3.split()) and "stakehold-\ners" not in page3:
        hyphens = "dropped by the library (real hyphens at a line end are lost too)"
    order = page3.find("10. We recommend") < page3.find("11. We invite") and page3.find("8. Gov") < page3.find("11.")
    lines = page3.splitlines()
    split_words = sum(1 for line in lines if line.strip() in ("1", "2", "3", "4"))
    return [
        f"{name:<13} running header first on the page: {'yes' if header_first else 'no'}; footnotes {notes}",
        f"{'':<13} line-end hyphens: {hyphens}; two columns in order: {'yes' if order else 'NO'}; "
        f"markers split onto lines of their own: {split_words}",
    ]


def big_pdf(pages: int) -> bytes:
    import pypdf

    reader = pypdf.PdfReader(str(PDF))
    writer = pypdf.PdfWriter()
    while len(writer.pages) < pages:
        for page in reader.pages:
            if len(writer.pages) < pages:
                writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    data = PDF.read_bytes()
    print(f"What each library gives on {PDF.name} (4 pages):")
    for name, function in LIBRARIES.items():
        for line in quality(name, function(data)):
            print(line)
    print("pdfminer.six also gives each character's font size and position: superscript markers and the small")
    print("type of footnotes are known (igkg's reader passes them on as hints); pypdf only through a visitor")
    print("callback, pypdfium2 through per-character calls of the raw API.")
    print()
    big = big_pdf(args.pages)
    print(f"A {args.pages}-page PDF ({len(big) / 1e3:.0f} kB), best of 2:")
    for name, function in {**LIBRARIES, "igkg (pdfminer.six + hints + layout clean-up)": igkg_pages}.items():
        seconds = min(timed(lambda f=function: f(big)) for _ in range(2))  # type: ignore[misc]
        print(f"  {name:<48} {seconds:7.2f} s  {args.pages / seconds:8.1f} pages/s")
    print()
    from igkg.extractor.layout import prepare
    from igkg.extractor.reading import read_source

    page = COPY.read_text(encoding="utf-8")
    print("Layout clean-up (prepare) on copies of pdf-copy-resolution.txt's pages:")
    for megabytes in (1, 2, 5):
        copies = megabytes * 1_000_000 // len(page.encode("utf-8"))
        text = "\f".join([page] * copies)
        source = read_source(text=text)
        seconds = timed(lambda s=source: prepare(s))  # type: ignore[misc]
        tracemalloc.start()  # a second run for the memory: tracing slows allocation down
        prepare(source)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  {len(text) / 1e6:4.1f} M characters, {text.count(chr(12)) + 1:6} pages: {seconds:6.2f} s, "
              f"{len(text) / seconds / 1e6:5.2f} M characters/s, peak {peak / 1e6:6.0f} MB")


if __name__ == "__main__":
    main()
