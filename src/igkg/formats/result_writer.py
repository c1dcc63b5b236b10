"""Printing query results: a table for people, CSV / TSV / JSON (W3C SPARQL 1.1 result
formats) and Markdown for other tools, and RDF syntaxes for CONSTRUCT results."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from ..errors import InputError
from ..namespaces import compact
from ..results import GraphResult, QueryResult, ResultTable, Term
from ..vocab import XSD
from .rdf_writer import serialize_triples
from .registry import RESULT_FORMATS, rdf_syntax

__all__ = ["render", "sparql_json", "sparql_xml", "sparql_csv", "sparql_tsv", "display", "plain_columns",
           "REPEATED", "LONG_CELL", "rich_table"]

#: Shown in place of a long cell that repeats the one above it (tables for people only).
REPEATED = "〃"
#: Cells at least this long are not repeated row after row.
LONG_CELL = 40


def display(term: Term | None, labels: dict[str, str] | None = None) -> str:
    """A term as a person reads it: its label (``WGEC #8``, ``IGF``) when ``labels`` has one,
    else ``actor:igf``; ``Encourages the IGF …``; ``4``."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        if labels and term.value in labels:
            return labels[term.value]
        return compact(term.value, for_display=True)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype != XSD.string:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def sparql_json(result: ResultTable | bool) -> dict[str, Any]:
    """The W3C SPARQL 1.1 Query Results JSON document."""
    if isinstance(result, bool):
        return {"head": {}, "boolean": result}
    return {
        "head": {"vars": list(result.variables)},
        "results": {
            "bindings": [
                {v: _json_term(t) for v, t in zip(result.variables, terms, strict=False) if t is not None}
                for terms in result.rows
            ]
        },
    }


def sparql_xml(result: ResultTable | bool) -> str:
    """The W3C SPARQL Query Results XML document."""
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if isinstance(result, bool):
        out += ["</head>", f"<boolean>{'true' if result else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for terms in result.rows:
        out.append("<result>")
        for variable, term in zip(result.variables, terms, strict=False):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                value = f"<uri>{escape(term.value)}</uri>"
            elif isinstance(term, ox.BlankNode):
                value = f"<bnode>{escape(term.value)}</bnode>"
            elif isinstance(term, ox.Literal):
                if term.language:
                    value = f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
                elif term.datatype != XSD.string:
                    value = f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
                else:
                    value = f"<literal>{escape(term.value)}</literal>"
            else:
                value = f"<literal>{escape(str(term))}</literal>"
            out.append(f"<binding name={quoteattr(variable)}>{value}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def sparql_csv(result: ResultTable) -> str:
    """W3C SPARQL 1.1 Query Results CSV: plain values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return buffer.getvalue()


def sparql_tsv(result: ResultTable) -> str:
    """W3C SPARQL 1.1 Query Results TSV: terms in SPARQL syntax (``<iri>``, ``"text"@en``)."""
    head = "\t".join(f"?{v}" for v in result.variables)
    return "\n".join([head, *("\t".join(_tsv_value(t) for t in row) for row in result.rows)]) + "\n"


def plain_columns(result: ResultTable, iris: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header and rows of plain values for spreadsheets: each IRI column is followed by a
    ``NAME_label`` column with the labels people read (unless ``iris``)."""
    labels = {} if iris else result.labels
    labelled = [any(isinstance(t, ox.NamedNode) and t.value in labels for t in (row[i] for row in result.rows))
                for i in range(len(result.variables))]
    header: list[str] = []
    for variable, extra in zip(result.variables, labelled, strict=True):
        header += [variable, f"{variable}_label"] if extra else [variable]
    rows: list[list[str]] = []
    for terms in result.rows:
        cells: list[str] = []
        for term, extra in zip(terms, labelled, strict=True):
            cells.append(_csv_value(term))
            if extra:
                cells.append(labels.get(term.value, "") if isinstance(term, ox.NamedNode) else "")
        rows.append(cells)
    return header, rows


def people_cells(result: ResultTable, iris: bool = False) -> list[list[str]]:
    """Cells as people read them: labels for IRIs (unless ``iris``), and a long cell that
    repeats the one above it shown as :data:`REPEATED`."""
    labels = None if iris else result.labels
    out: list[list[str]] = []
    previous: list[str] = []
    for terms in result.rows:
        cells = [display(t, labels) for t in terms]
        shown = [REPEATED if previous and len(c) >= LONG_CELL and c == previous[i] else c
                 for i, c in enumerate(cells)]
        previous = cells
        out.append(shown)
    return out


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value) if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def _tsv_value(term: Term | None) -> str:
    if term is None:
        return ""
    text = str(term)  # N-Triples / SPARQL syntax, already escaped
    return text.replace("\t", "\\t").replace("\n", "\\n")


def _markdown(result: ResultTable, iris: bool) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in people_cells(result, iris)]
    return "\n".join(lines) + "\n"


def rich_table(variables: Sequence[str], cells: Iterable[Sequence[str]], color: bool = False) -> str:
    """A table for people (rich, 160 columns wide, long cells folded) of rows of display cells."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for variable in variables:
        table.add_column(variable, overflow="fold")
    for row in cells:
        table.add_row(*row, style=None)
    buffer = io.StringIO()
    Console(file=buffer, width=160, highlight=False, markup=False, emoji=False, force_terminal=color,
            no_color=not color).print(table)
    return buffer.getvalue()


def _table(result: ResultTable, iris: bool, color: bool = False) -> str:
    count = len(result.rows)
    return rich_table(result.variables, people_cells(result, iris), color) + f"{count} row{'s' if count != 1 else ''}\n"


def render(result: QueryResult, fmt: str = "table", *, color: bool = False, iris: bool = False) -> str | bytes:
    """Render a result: SELECT/ASK in a result format, CONSTRUCT in an RDF syntax. Tables for
    people (``table``, ``md``) show labels in place of IRIs, CSV and TSV are plain values with a
    label column after each IRI column; ``iris`` keeps the IRIs alone. ``color``: the table's
    header in bold (for a terminal)."""
    if isinstance(result, GraphResult):
        syntax = "ttl" if fmt in ("table", "md") else fmt
        return serialize_triples(result.triples, syntax)
    if fmt not in RESULT_FORMATS:
        rdf_syntax(fmt)  # a known RDF syntax, but not for this kind of result
        raise InputError(f"the format {fmt} is for CONSTRUCT results; use one of {', '.join(RESULT_FORMATS)}")
    if fmt == "json":
        return json.dumps(sparql_json(result), ensure_ascii=False, indent=1) + "\n"
    if isinstance(result, bool):
        return ("true" if result else "false") + "\n"
    if fmt in ("csv", "tsv"):
        header, rows = plain_columns(result, iris)
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
            return buffer.getvalue()
        def tsv(cell: str) -> str:
            return cell.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
        return "\n".join("\t".join(tsv(c) for c in line) for line in [header, *rows]) + "\n"
    if fmt == "md":
        return _markdown(result, iris)
    return _table(result, iris, color)
