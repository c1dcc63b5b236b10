"""Query results written as they come, for the command line: :func:`stream` yields the text of
a result in pieces, a batch of rows at a time, so that the first rows are out before the last
ones are read and no format holds every formatted row in memory.

* **table** (for people) shows at most ``table_rows`` rows (1,000 by default), then says how
  many more there are and how to get them (``… 47,981 more rows: use --format csv or --limit``);
  rows past the cap are counted, never formatted. Without a cap a long table comes in pages of
  :data:`BATCH` rows, each page's columns sized for its own rows;
* **csv**, **tsv**, **json** (W3C SPARQL 1.1 results) and **md** stream every row.

Labels (the short names people read in place of IRIs) are looked up a batch at a time. A result
of at most one batch is written exactly as :func:`igkg.formats.result_writer.render` writes it;
for a longer one, the label columns of CSV and TSV (``NAME_label``) are those whose IRIs have
labels in the first batch, since the header comes before the rest is read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

import pyoxigraph as ox

from ..results import GraphResult, QueryResult, ResultTable, Term
from .registry import RESULT_FORMATS
from .result_writer import LONG_CELL, REPEATED, _csv_value, _json_term, display, render, rich_table

__all__ = ["stream", "BATCH", "TABLE_ROWS", "more_rows_message"]

#: Rows read, labelled and written at a time.
BATCH = 1000
#: The table shows this many rows unless told otherwise.
TABLE_ROWS = 1000

Row = tuple[Term | None, ...]


def more_rows_message(more: int, hint: str) -> str:
    """``… 47,981 more rows: use --format csv or --limit``."""
    return f"… {more:,} more row{'s' if more != 1 else ''}: {hint}"


def _batches(rows: Iterable[Row], size: int = BATCH) -> Iterator[list[Row]]:
    source = iter(rows)
    while batch := list(islice(source, size)):
        yield batch


class _Labels:
    """The labels of a batch's IRIs (none with ``iris``, or without a lookup)."""

    def __init__(self, result: ResultTable, iris: bool) -> None:
        self.result, self.iris = result, iris
        # A result that is one batch long gets the very labels render() would use.
        self.whole = isinstance(result.rows, list) and len(result.rows) <= BATCH

    def __call__(self, batch: Sequence[Row]) -> dict[str, str]:
        if self.iris:
            return {}
        if self.whole:
            return self.result.labels
        lookup = self.result.label_lookup
        found = {t.value for row in batch for t in row if isinstance(t, ox.NamedNode)}
        return lookup(found) if lookup is not None and found else {}


def _people(batch: Sequence[Row], labels: dict[str, str], previous: list[str]) -> Iterator[list[str]]:
    """Cells as people read them; ``previous`` (the last row's cells) carries across batches."""
    for terms in batch:
        cells = [display(t, labels) for t in terms]
        shown = [REPEATED if previous and len(c) >= LONG_CELL and c == previous[i] else c
                 for i, c in enumerate(cells)]
        previous[:] = cells
        yield shown


def _count_line(count: int) -> str:
    return f"{count} row{'s' if count != 1 else ''}\n"


def _table(result: ResultTable, labels: _Labels, color: bool, table_rows: int | None, hint: str,
           rows_after: int) -> Iterator[str]:
    previous: list[str] = []
    if table_rows is not None:
        rows = iter(result.rows)
        shown = list(islice(rows, table_rows))
        cells = [c for batch in _batches(shown) for c in _people(batch, labels(batch), previous)]
        yield rich_table(result.variables, cells, color)
        more = len(result.rows) - len(shown) if isinstance(result.rows, list) else sum(1 for _ in rows)
        more += rows_after
        if more:
            yield more_rows_message(more, hint) + "\n"
        yield _count_line(len(shown) + more)
        return
    count = 0
    for batch in _batches(result.rows):
        count += len(batch)
        yield rich_table(result.variables, list(_people(batch, labels(batch), previous)), color)
    if count == 0:
        yield rich_table(result.variables, [], color)
    yield _count_line(count)


def _markdown(result: ResultTable, labels: _Labels) -> Iterator[str]:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    yield "| " + " | ".join(result.variables) + " |\n" + "|" + "---|" * len(result.variables) + "\n"
    previous: list[str] = []
    for batch in _batches(result.rows):
        yield "".join("| " + " | ".join(cell(c) for c in row) + " |\n"
                      for row in _people(batch, labels(batch), previous))


def _plain(result: ResultTable, labels: _Labels, fmt: str) -> Iterator[str]:
    """CSV or TSV of plain values, a ``NAME_label`` column after each IRI column with labels."""
    variables = result.variables
    labelled: list[bool] | None = None
    for batch in _batches(result.rows):
        found = labels(batch)
        if labelled is None:
            labelled = [any(isinstance(t := row[i], ox.NamedNode) and t.value in found for row in batch)
                        for i in range(len(variables))]
            yield _plain_lines(fmt, [_header(variables, labelled)])
        lines: list[list[str]] = []
        for terms in batch:
            cells: list[str] = []
            for term, extra in zip(terms, labelled, strict=True):
                cells.append(_csv_value(term))
                if extra:
                    cells.append(found.get(term.value, "") if isinstance(term, ox.NamedNode) else "")
            lines.append(cells)
        yield _plain_lines(fmt, lines)
    if labelled is None:
        yield _plain_lines(fmt, [list(variables)])


def _header(variables: Sequence[str], labelled: Sequence[bool]) -> list[str]:
    header: list[str] = []
    for variable, extra in zip(variables, labelled, strict=True):
        header += [variable, f"{variable}_label"] if extra else [variable]
    return header


def _plain_lines(fmt: str, lines: list[list[str]]) -> str:
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(lines)
        return buffer.getvalue()

    def tsv(cell: str) -> str:
        return cell.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
    return "".join("\t".join(tsv(c) for c in line) + "\n" for line in lines)


def _json(result: ResultTable) -> Iterator[str]:
    """The SPARQL JSON document, laid out exactly as ``json.dumps(…, indent=1)`` lays it out."""
    head = json.dumps({"vars": list(result.variables)}, ensure_ascii=False, indent=1).replace("\n", "\n ")
    opening = f'{{\n "head": {head},\n "results": {{\n  "bindings": ['
    first = True
    for batch in _batches(result.rows):
        pieces: list[str] = []
        for terms in batch:
            binding = {v: _json_term(t) for v, t in zip(result.variables, terms, strict=False) if t is not None}
            text = json.dumps(binding, ensure_ascii=False, indent=1).replace("\n", "\n   ")
            pieces.append(f"{opening if first else ','}\n   {text}")
            first = False
        yield "".join(pieces)
    yield f"{opening}]\n }}\n}}\n" if first else "\n  ]\n }\n}\n"


def stream(result: QueryResult, fmt: str = "table", *, color: bool = False, iris: bool = False,
           table_rows: int | None = TABLE_ROWS, more_hint: str = "use --format csv",
           rows_after: int = 0) -> Iterator[str | bytes]:
    """The text of ``result`` in ``fmt``, in pieces (see the module). ``table_rows``: the table's
    cap (``None``: every row, page by page); ``more_hint``: what the cap's message tells people
    to do; ``rows_after``: rows of the answer after those of ``result`` (a capped table given only
    the page it shows counts them in its message). CONSTRUCT results and booleans come in one
    piece, as :func:`render` writes them."""
    if isinstance(result, GraphResult | bool) or fmt not in RESULT_FORMATS:
        yield render(result, fmt, color=color, iris=iris)
        return
    labels = _Labels(result, iris)
    writers: dict[str, Callable[[], Iterator[str]]] = {
        "json": lambda: _json(result),
        "csv": lambda: _plain(result, labels, "csv"),
        "tsv": lambda: _plain(result, labels, "tsv"),
        "md": lambda: _markdown(result, labels),
        "table": lambda: _table(result, labels, color, table_rows, more_hint, rows_after),
    }
    yield from writers[fmt]()
