"""One registry of the RDF syntaxes igkg reads and writes, keyed by short name, file extension
and media type (like rdflib's plugin registry and pyoxigraph's ``RdfFormat``), and the list of
formats query results can be printed in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from ..errors import InputError

__all__ = ["RdfSyntax", "RDF_SYNTAXES", "RESULT_FORMATS", "RESULT_MEDIA_TYPES", "rdf_syntax", "syntax_for_path",
           "result_format", "format_name", "sniff_syntax"]


@dataclass(frozen=True)
class RdfSyntax:
    """An RDF syntax: its short name, other names, file extensions and media type."""

    name: str
    label: str
    extensions: tuple[str, ...]
    media_type: str
    oxigraph: ox.RdfFormat
    aliases: tuple[str, ...] = ()

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def supports_datasets(self) -> bool:
        return bool(self.oxigraph.supports_datasets)


RDF_SYNTAXES: Final[tuple[RdfSyntax, ...]] = (
    RdfSyntax("ttl", "Turtle", (".ttl",), "text/turtle", ox.RdfFormat.TURTLE, ("turtle",)),
    RdfSyntax("nt", "N-Triples", (".nt",), "application/n-triples", ox.RdfFormat.N_TRIPLES,
              ("ntriples", "n-triples")),
    RdfSyntax("nq", "N-Quads", (".nq",), "application/n-quads", ox.RdfFormat.N_QUADS,
              ("nquads", "n-quads")),
    RdfSyntax("trig", "TriG", (".trig",), "application/trig", ox.RdfFormat.TRIG),
    RdfSyntax("jsonld", "JSON-LD", (".jsonld", ".json"), "application/ld+json",
              ox.RdfFormat.JSON_LD, ("json-ld",)),
    RdfSyntax("xml", "RDF/XML", (".rdf", ".owl", ".xml"), "application/rdf+xml",
              ox.RdfFormat.RDF_XML, ("rdfxml", "rdf/xml", "rdf")),
)

#: Formats for SELECT and ASK results. ``json`` is the W3C SPARQL 1.1 Query Results JSON format.
RESULT_FORMATS: Final[tuple[str, ...]] = ("table", "csv", "tsv", "json", "md")
#: Result format → media type (the table has none: it is for people).
RESULT_MEDIA_TYPES: Final[dict[str, str]] = {
    "csv": "text/csv", "tsv": "text/tab-separated-values", "json": "application/sparql-results+json",
    "md": "text/markdown",
}
_RESULT_ALIASES: Final[dict[str, str]] = {
    "text": "table", "markdown": "md", "sparql-json": "json", "srj": "json",
    **{media: name for name, media in RESULT_MEDIA_TYPES.items()}, "application/json": "json",
}

_BY_KEY: dict[str, RdfSyntax] = {}
for _syntax in RDF_SYNTAXES:
    for _key in (_syntax.name, _syntax.media_type, *_syntax.aliases, *_syntax.extensions):
        _BY_KEY.setdefault(_key.lower(), _syntax)


def rdf_syntax(key: str) -> RdfSyntax:
    """Find a syntax by short name (``ttl``), alias (``turtle``), extension (``.nt``) or media type."""
    syntax = _BY_KEY.get(key.strip().lower())
    if syntax is None:
        names = ", ".join(s.name for s in RDF_SYNTAXES)
        raise InputError(f"unknown RDF format {key!r}; use one of {names}")
    return syntax


def result_format(key: str) -> str | None:
    """The result format a name, alias or media type stands for (``markdown`` → ``md``,
    ``text/csv`` → ``csv``), or ``None``."""
    key = key.strip().lower()
    return key if key in RESULT_FORMATS else _RESULT_ALIASES.get(key)


def format_name(key: str, allowed: tuple[str, ...] | list[str]) -> str:
    """The canonical name among ``allowed`` (result formats, RDF syntaxes, other names such as
    ``graphml``) for a name, alias or media type as people write it; an unknown one raises
    :class:`~igkg.errors.InputError` listing the valid names."""
    wanted = key.strip().lower()
    candidates: list[str | None] = [wanted, result_format(wanted)]
    syntax = _BY_KEY.get(wanted)
    if syntax is not None:
        candidates.append(syntax.name)
    for candidate in candidates:
        if candidate is not None and candidate in allowed:
            return candidate
    names = ", ".join(allowed)
    raise InputError(f"unknown format {key!r}; use one of {names} (or an alias: turtle, ntriples, json-ld, rdfxml, "
                     "markdown, or a media type such as text/turtle)")


def sniff_syntax(data: bytes) -> RdfSyntax:
    """Guess the syntax of RDF given without a file name (standard input): JSON-LD if it starts
    with ``{`` or ``[``, RDF/XML if with ``<?xml`` or ``<rdf:RDF``, N-Quads if its first statement
    has four terms, else TriG (which reads Turtle and N-Triples too)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return rdf_syntax("jsonld")
    if head.startswith((b"<?xml", b"<rdf:RDF", b"<!DOCTYPE rdf")):
        return rdf_syntax("xml")
    for line in head.splitlines():
        line = line.strip()
        if not line or line.startswith(b"#"):
            continue
        if line.lower().startswith((b"@prefix", b"prefix", b"@base", b"base")):
            break
        if _NQUAD.match(line):
            return rdf_syntax("nq")
        break
    return rdf_syntax("trig")


_TERM = rb"(?:<[^>]*>|_:\S+)"
_LITERAL = rb'"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?'
_NQUAD = re.compile(rb"^" + _TERM + rb"\s+<[^>]*>\s+(?:" + _TERM + rb"|" + _LITERAL + rb")\s+" + _TERM + rb"\s*\.\s*$")


def syntax_for_path(path: str | Path) -> RdfSyntax:
    """The syntax of a file, from its extension."""
    suffix = Path(path).suffix.lower()
    syntax = _BY_KEY.get(suffix) if suffix else None
    if syntax is None:
        known = ", ".join(ext for s in RDF_SYNTAXES for ext in s.extensions)
        raise InputError(f"{path}: cannot tell the RDF format from the extension (known: {known})")
    return syntax
