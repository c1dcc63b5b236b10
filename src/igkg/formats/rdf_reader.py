"""Reading RDF from files and strings with Oxigraph's standard-conformant parsers.

Every syntax error becomes a :class:`~igkg.errors.ParseError` with file, line and column.
Nothing is added to a store until every input has parsed, so a failed load changes nothing.
JSON-LD documents that name a remote ``@context`` are refused (no document loader is set).
Every input is read through :class:`~igkg.formats.guard.GuardedReader`, which enforces the
limits of :mod:`igkg.limits` (size, nesting, literal length, XML entities) before the parser
sees a byte. Blank nodes are renamed per file, so that ``_:b1`` in two files stays two nodes.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, LimitError, ParseError
from ..limits import TOKEN_LIMIT, InputLimits
from .guard import GuardedReader, check_size
from .registry import RdfSyntax, rdf_syntax, sniff_syntax, syntax_for_path

__all__ = ["RdfText", "load_file", "load_stream", "parse_file", "parse_data", "parse_files", "parse_error",
           "parse_stream", "token_limit_error"]


@dataclass(frozen=True)
class RdfText:
    """RDF that is not in a file (standard input, say): a name for messages, the bytes, and the
    syntax (``None``: guessed from the content, see :func:`~igkg.formats.registry.sniff_syntax`)."""

    name: str
    data: bytes
    syntax: str | None = None

    @property
    def chosen_syntax(self) -> RdfSyntax:
        """The syntax given, or guessed from the content."""
        return rdf_syntax(self.syntax) if self.syntax else sniff_syntax(self.data)

    def parse(self) -> list[ox.Quad]:
        try:
            return parse_data(self.data, self.chosen_syntax)
        except ParseError as error:
            raise ParseError(error.reason, path=self.name, line=error.line, column=error.column) from None

    def load_into(self, store: ox.Store, to_graph: ox.NamedNode) -> None:
        """:func:`load_stream` of the text (errors name it as :meth:`parse` does)."""
        try:
            load_stream(store, io.BytesIO(self.data), self.chosen_syntax, to_graph)
        except ParseError as error:
            raise ParseError(error.reason, path=self.name, line=error.line, column=error.column) from None
        except ValueError as error:
            raise InputError(f"cannot parse: {error}") from None


_LOCATION = re.compile(
    r"^Parser error (?:at|between) line \d+ (?:column \d+|between columns \d+ and \d+)(?: and line \d+ column \d+)?: "
)


_SURROGATE = re.compile(r"escape sequence '\\u(D[89AB][0-9A-F]{2})' is encoding", re.I)


def parse_error(error: SyntaxError, path: str | Path | None) -> ParseError:
    message = _LOCATION.sub("", str(error.msg)).strip() or "syntax error"
    line = error.lineno if isinstance(error.lineno, int) and error.lineno > 0 else None
    column = error.offset if isinstance(error.offset, int) and error.offset > 0 else None
    if "LoadDocumentCallback" in message:
        message = "JSON-LD that loads a remote @context is refused (igkg never fetches contexts)"
    surrogate = _SURROGATE.search(message)
    if surrogate:  # "\uD83D\uDE00", as JSON writes an emoji: not a character in RDF syntaxes
        message = (f"\\u{surrogate.group(1)} is half of a UTF-16 surrogate pair (as JSON writes characters "
                   f"beyond U+FFFF, such as emoji); Turtle and N-Triples escape a character once, with its "
                   f"code point: write \\U0001F600 for \\uD83D\\uDE00, or the character itself")
    return ParseError(message, path=path, line=line, column=column)


@contextlib.contextmanager
def _reading(path: str | Path | None, reader: GuardedReader) -> Iterator[None]:
    """Oxigraph's parse errors, while it reads ``reader``, as :class:`~igkg.errors.IgkgError`."""
    try:
        yield
    except SyntaxError as error:
        raise parse_error(error, path) from None
    except UnicodeDecodeError as error:
        raise ParseError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path) from None
    except MemoryError as error:  # Oxigraph's buffer limit: the guard should have said it first
        raise token_limit_error(error, path, reader.scanner.line) from None


def parse_stream(raw: io.RawIOBase | io.BufferedIOBase | io.BytesIO, syntax: RdfSyntax, *,
                 path: str | Path | None = None, base_iri: str | None = None,
                 limits: InputLimits | None = None) -> list[ox.Quad]:
    """Parse a binary stream through the guard; every failure is an :class:`~igkg.errors.IgkgError`."""
    reader = GuardedReader(raw, syntax, path=path, limits=limits)  # type: ignore[arg-type]
    with _reading(path, reader):
        return list(ox.parse(input=reader, format=syntax.oxigraph,
                             base_iri=base_iri, rename_blank_nodes=True))


def load_stream(store: ox.Store, raw: io.RawIOBase | io.BufferedIOBase | io.BytesIO, syntax: RdfSyntax,
                to_graph: ox.NamedNode, *, path: str | Path | None = None, base_iri: str | None = None,
                limits: InputLimits | None = None) -> None:
    """Load a binary stream through the guard into ``store`` in one transaction (all or nothing),
    its default graph's triples into ``to_graph``, blank nodes renamed as :func:`parse_stream`
    does: Oxigraph parses and stores without a Python object per triple."""
    reader = GuardedReader(raw, syntax, path=path, limits=limits)  # type: ignore[arg-type]
    with _reading(path, reader):
        store.load(input=reader, format=syntax.oxigraph, base_iri=base_iri,
                   to_graph=to_graph)


def token_limit_error(error: MemoryError, path: str | Path | None, line: int) -> Exception:
    """Oxigraph's "Reached the buffer maximal size" as a limit error naming the file."""
    if "buffer maximal size" not in str(error):
        return error
    return LimitError(f"a literal, IRI or name of {TOKEN_LIMIT // (1024 * 1024)} MiB or more "
                      f"(the most Oxigraph's parser takes)", path=path, line=line)


def _checked_path(path: str | Path, syntax: RdfSyntax | str | None) -> tuple[Path, RdfSyntax, InputLimits]:
    path = Path(path)
    chosen = syntax_for_path(path) if syntax is None else (
        syntax if isinstance(syntax, RdfSyntax) else rdf_syntax(syntax)
    )
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an RDF file")
    limits = InputLimits.from_environment()
    try:
        if path.is_file():
            check_size(path.stat().st_size, path, limits)
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    return path, chosen, limits


def parse_file(path: str | Path, syntax: RdfSyntax | str | None = None) -> list[ox.Quad]:
    """Parse one file; the syntax comes from the extension unless given."""
    path, chosen, limits = _checked_path(path, syntax)
    try:
        with path.open("rb") as raw:
            return parse_stream(raw, chosen, path=path, base_iri=path.resolve().as_uri(), limits=limits)
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None


def load_file(store: ox.Store, path: str | Path, to_graph: ox.NamedNode,
              syntax: RdfSyntax | str | None = None) -> None:
    """:func:`load_stream` for one file (checked and reported as :func:`parse_file`)."""
    path, chosen, limits = _checked_path(path, syntax)
    try:
        with path.open("rb") as raw:
            load_stream(store, raw, chosen, to_graph, path=path, base_iri=path.resolve().as_uri(), limits=limits)
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None


def parse_data(
    data: str | bytes, syntax: RdfSyntax | str, *, base_iri: str | None = None
) -> list[ox.Quad]:
    """Parse RDF given as a string or bytes."""
    chosen = syntax if isinstance(syntax, RdfSyntax) else rdf_syntax(syntax)
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    try:
        return parse_stream(io.BytesIO(raw), chosen, base_iri=base_iri)
    except ValueError as error:
        raise InputError(f"cannot parse: {error}") from None


def parse_files(paths: Iterable[str | Path | RdfText]) -> list[ox.Quad]:
    """Parse several files (or :class:`RdfText`); raises on the first that fails, before
    anything is stored."""
    quads: list[ox.Quad] = []
    for path in paths:
        quads.extend(path.parse() if isinstance(path, RdfText) else parse_file(path))
    return quads
