"""The SPARQL 1.1 Protocol, as a read-only endpoint speaks it: reading a query operation from a
request (GET, POST form, POST ``application/sparql-query``), choosing a result format by content
negotiation or ``?format=``, and writing results in it.

Status codes: 400 a malformed request or query (the parser's message with line and column),
403 an update (read-only), 405 another method, 406 no acceptable format, 413 a body over the
limit, 415 a body of another media type, 503 a query over the time limit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import parse_qs

from ..formats.rdf_writer import serialize_triples
from ..formats.result_writer import plain_columns, sparql_csv, sparql_json, sparql_tsv, sparql_xml
from ..results import GraphResult, QueryResult, ResultTable
from .engine import Dataset

__all__ = ["Operation", "ProtocolError", "read_operation", "choose", "write", "TABLE_FORMATS", "GRAPH_FORMATS",
           "MEDIA_TYPES"]


class ProtocolError(Exception):
    """A request the protocol does not allow: ``status`` and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


#: Short name → media type, for SELECT/ASK results and for CONSTRUCT/DESCRIBE results.
TABLE_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_FORMATS = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
                 "xml": "application/rdf+xml"}
MEDIA_TYPES = {**{v: k for k, v in TABLE_FORMATS.items()}, "application/json": "json", "text/plain": "nt"}
_GRAPH_TYPES = {v: k for k, v in GRAPH_FORMATS.items()} | {"application/json": "jsonld", "text/plain": "nt",
                                                         "application/x-turtle": "ttl"}
_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "rdfxml": "xml",
            "rdf": "xml", "srj": "json", "srx": "xml"}


@dataclass(frozen=True)
class Operation:
    """A query operation: the query text and the protocol dataset."""

    query: str
    dataset: Dataset


def _one(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name, [])
    if len(found) > 1:
        raise ProtocolError(400, f"give one '{name}' parameter, not {len(found)}")
    return found[0] if found else None


def _decode(body: bytes, charset: str | None) -> str:
    if charset and charset.lower().replace("-", "") != "utf8":
        raise ProtocolError(400, f"the request body must be UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the request body is not UTF-8: {error.reason} at byte {error.start}") from None


def _media(content_type: str) -> tuple[str, str | None]:
    kind, _, rest = content_type.partition(";")
    charset = None
    for part in rest.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip().strip('"')
    return kind.strip().lower(), charset


def read_operation(method: str, query_string: str, content_type: str, body: bytes) -> Operation:
    """The query operation of a request, or a :class:`ProtocolError`."""
    url = parse_qs(query_string, keep_blank_values=True)
    if method not in ("GET", "POST"):
        raise ProtocolError(405, f"the SPARQL protocol takes GET or POST, not {method}")
    if method == "GET":
        if "update" in url:
            raise ProtocolError(403, "this server is read-only: SPARQL Update is refused")
        fields = url
    else:
        kind, charset = _media(content_type)
        if kind == "application/x-www-form-urlencoded":
            fields = parse_qs(_decode(body, charset), keep_blank_values=True)
            for key, values in url.items():
                if key in ("default-graph-uri", "named-graph-uri"):
                    fields.setdefault(key, []).extend(values)
            if "update" in fields:
                raise ProtocolError(403, "this server is read-only: SPARQL Update is refused")
        elif kind == "application/sparql-query":
            if "query" in url:
                raise ProtocolError(400, "a direct POST carries its query in the body, not also in the URL")
            fields = dict(url)
            fields["query"] = [_decode(body, charset)]
        elif kind == "application/sparql-update":
            raise ProtocolError(403, "this server is read-only: SPARQL Update is refused")
        elif not kind:
            raise ProtocolError(415, "a POST needs a Content-Type: application/x-www-form-urlencoded "
                                     "or application/sparql-query")
        else:
            raise ProtocolError(415, f"a POST takes application/x-www-form-urlencoded or "
                                     f"application/sparql-query, not {kind}")
    query = _one(fields, "query")
    if query is None:
        raise ProtocolError(400, "no 'query' parameter")
    dataset = Dataset(tuple(fields.get("default-graph-uri", [])), tuple(fields.get("named-graph-uri", [])))
    return Operation(query, dataset)


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept.split(",")):
        kind, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if kind:
            ranked.append((q, -position, kind.lower()))
    return sorted(ranked, reverse=True)


def choose(form: str, accept: str, fmt: str | None) -> str:
    """The short name of the format to answer with: ``fmt`` (``?format=``) when given, else the
    best match of the Accept header; SELECT/ASK default to SPARQL JSON, graphs to Turtle."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    names = GRAPH_FORMATS if graph else TABLE_FORMATS
    if form == "ASK":
        names = {k: v for k, v in TABLE_FORMATS.items() if k in ("json", "xml", "csv", "tsv")}
    if fmt:
        key = _ALIASES.get(fmt.lower(), fmt.lower())
        if key not in names:
            raise ProtocolError(406, f"format {fmt!r} is not offered for a {form} result; "
                                     f"use one of {', '.join(names)}")
        return key
    types = _GRAPH_TYPES if graph else MEDIA_TYPES
    for q, _pos, kind in _accepted(accept or "*/*"):
        if q <= 0:
            continue
        if kind in ("*/*", "application/*", "text/*", "text/html", "application/xhtml+xml"):
            return "ttl" if graph else "json"
        if kind in types and types[kind] in names:
            return types[kind]
    offered = ", ".join(names.values())
    raise ProtocolError(406, f"none of the accepted media types ({accept}) is offered; this result comes as {offered}")


def media_type(form: str, key: str) -> str:
    graph = form in ("CONSTRUCT", "DESCRIBE")
    kind = (GRAPH_FORMATS if graph else TABLE_FORMATS)[key]
    return kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else "")


def write(result: QueryResult, key: str, *, people: bool = False) -> bytes:
    """The result in a format; ``people`` gives CSV/TSV of plain values with label columns
    (the named queries' downloads) instead of the W3C CSV/TSV forms."""
    if isinstance(result, GraphResult):
        return serialize_triples(result.triples, key)
    if key == "json":
        return json.dumps(sparql_json(result), ensure_ascii=False).encode("utf-8")
    if key == "xml":
        return sparql_xml(result).encode("utf-8")
    if isinstance(result, bool):
        text = "true" if result else "false"
        return f"_askResult\r\n{text}\r\n".encode() if key == "csv" else f"?_askResult\n{text}\n".encode()
    assert isinstance(result, ResultTable)
    if people:
        import csv
        import io

        header, rows = plain_columns(result)
        if key == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
            return buffer.getvalue().encode("utf-8")
        lines = [header, *rows]
        return ("\n".join("\t".join(c.replace("\t", " ").replace("\n", " ") for c in line) for line in lines)
                + "\n").encode("utf-8")
    return (sparql_csv(result) if key == "csv" else sparql_tsv(result)).encode("utf-8")
