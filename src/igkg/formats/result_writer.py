"""Printing query results: a table for people, CSV / TSV / JSON (W3C SPARQL 1.1 result
formats) and Markdown for other tools, and RDF syntaxes for CONSTRUCT results."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyoxigraph as ox

from ..errors import InputError
from ..namespaces import compact
from ..results import GraphResult, QueryResult, ResultTable, Term
from ..vocab import XSD
from .rdf_writer import serialize_triples
from .registry import RESULT_FORMATS, rdf_syntax

__all__ = ["render", "sparql_json", "display"]


def display(term: Term | None) -> str:
    """A term as a person reads it: ``actor:igf``, ``Encourages the IGF …``, ``4``."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
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


def _markdown(result: ResultTable) -> str:
    def cell(term: Term | None) -> str:
        return display(term).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(cell(t) for t in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _table(result: ResultTable, color: bool = False) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for variable in result.variables:
        table.add_column(variable, overflow="fold")
    for row in result.rows:
        table.add_row(*(display(t) for t in row), style=None)
    buffer = io.StringIO()
    Console(file=buffer, width=160, highlight=False, markup=False, emoji=False, force_terminal=color,
            no_color=not color).print(table)
    count = len(result.rows)
    return buffer.getvalue() + f"{count} row{'s' if count != 1 else ''}\n"


def render(result: QueryResult, fmt: str = "table", *, color: bool = False) -> str | bytes:
    """Render a result: SELECT/ASK in a result format, CONSTRUCT in an RDF syntax. ``color``:
    the table's header in bold (for a terminal)."""
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
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_csv_value(t) for t in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "tsv":
        head = "\t".join(f"?{v}" for v in result.variables)
        return "\n".join([head, *("\t".join(_tsv_value(t) for t in row) for row in result.rows)]) + "\n"
    if fmt == "md":
        return _markdown(result)
    return _table(result, color)
