"""Reading RDF from files and strings with Oxigraph's standard-conformant parsers.

Every syntax error becomes a :class:`~igkg.errors.ParseError` with file, line and column.
Nothing is added to a store until every input has parsed, so a failed load changes nothing.
JSON-LD documents that name a remote ``@context`` are refused (no document loader is set).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, ParseError
from .registry import RdfSyntax, rdf_syntax, sniff_syntax, syntax_for_path

__all__ = ["RdfText", "parse_file", "parse_data", "parse_files", "parse_error"]


@dataclass(frozen=True)
class RdfText:
    """RDF that is not in a file (standard input, say): a name for messages, the bytes, and the
    syntax (``None``: guessed from the content, see :func:`~igkg.formats.registry.sniff_syntax`)."""

    name: str
    data: bytes
    syntax: str | None = None

    def parse(self) -> list[ox.Quad]:
        chosen = rdf_syntax(self.syntax) if self.syntax else sniff_syntax(self.data)
        try:
            return parse_data(self.data, chosen)
        except ParseError as error:
            raise ParseError(error.reason, path=self.name, line=error.line, column=error.column) from None

_LOCATION = re.compile(
    r"^Parser error (?:at|between) line \d+ (?:column \d+|between columns \d+ and \d+)(?: and line \d+ column \d+)?: "
)


def parse_error(error: SyntaxError, path: str | Path | None) -> ParseError:
    message = _LOCATION.sub("", str(error.msg)).strip() or "syntax error"
    line = error.lineno if isinstance(error.lineno, int) and error.lineno > 0 else None
    column = error.offset if isinstance(error.offset, int) and error.offset > 0 else None
    if "LoadDocumentCallback" in message:
        message = "JSON-LD that loads a remote @context is refused (igkg never fetches contexts)"
    return ParseError(message, path=path, line=line, column=column)


def parse_file(path: str | Path, syntax: RdfSyntax | str | None = None) -> list[ox.Quad]:
    """Parse one file; the syntax comes from the extension unless given."""
    path = Path(path)
    chosen = syntax_for_path(path) if syntax is None else (
        syntax if isinstance(syntax, RdfSyntax) else rdf_syntax(syntax)
    )
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        return list(ox.parse(path=path, format=chosen.oxigraph, base_iri=path.resolve().as_uri()))
    except SyntaxError as error:
        raise parse_error(error, path) from None
    except UnicodeDecodeError as error:
        raise ParseError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path) from None
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None


def parse_data(
    data: str | bytes, syntax: RdfSyntax | str, *, base_iri: str | None = None
) -> list[ox.Quad]:
    """Parse RDF given as a string or bytes."""
    chosen = syntax if isinstance(syntax, RdfSyntax) else rdf_syntax(syntax)
    try:
        return list(ox.parse(input=data, format=chosen.oxigraph, base_iri=base_iri))
    except SyntaxError as error:
        raise parse_error(error, None) from None
    except UnicodeDecodeError as error:
        raise ParseError(f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except ValueError as error:
        raise InputError(f"cannot parse: {error}") from None


def parse_files(paths: Iterable[str | Path | RdfText]) -> list[ox.Quad]:
    """Parse several files (or :class:`RdfText`); raises on the first that fails, before
    anything is stored."""
    quads: list[ox.Quad] = []
    for path in paths:
        quads.extend(path.parse() if isinstance(path, RdfText) else parse_file(path))
    return quads
