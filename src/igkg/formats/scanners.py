"""Streaming checks of RDF text before a parser reads it: nesting depth and token length.

A scanner is fed the input chunk by chunk (:class:`~igkg.formats.guard.GuardedReader` feeds it
just before it hands the same chunk to Oxigraph), keeps a few bytes of state between chunks
and raises :class:`~igkg.errors.LimitError` with file, line and column as soon as the input
breaks a limit. It is a lexer, not a parser: it knows where strings, IRIs and comments start
and end, and counts brackets outside them. Whatever it does not understand it leaves to the
parser, which reports the syntax error; it never refuses a valid document within the limits
(the W3C suites run through it, ``tests/test_w3c_rdf.py``).

Memory stays bounded: a token cut by the end of a chunk is carried to the next chunk, up to the
16 MiB Oxigraph's parser takes; a long string or a comment is skipped without being kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import LimitError
from ..limits import InputLimits

__all__ = ["Scanner", "TurtleScanner", "LineScanner", "JsonScanner", "mib"]


#: Oxigraph's parser buffer holds a few bytes before a token too: refuse a little before it would.
MARGIN = 4096


def mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


class Scanner:
    """The part every scanner shares: line counting, the carried bytes, the limit errors."""

    def __init__(self, path: str | Path | None, limits: InputLimits) -> None:
        self.path, self.limits = path, limits
        self.line, self.column = 1, 1  # where the carried bytes start
        self.token_limit = limits.max_token_bytes
        self.carry = b""
        self.depth = 0
        #: While a token is carried: a pattern of the bytes that could end it. A chunk without
        #: one is appended without being scanned again (a 16 MiB literal is read once).
        self.carry_until: re.Pattern[bytes] | None = None

    # -- the driver ----------------------------------------------------------------------------
    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.carry and not final and self.carry_until is not None and not self.carry_until.search(chunk):
            self.carry += chunk
            self._check_carry()
            return
        buffer = self.carry + chunk
        self.carry_until = None
        done = self.scan(buffer, final)
        self.line, self.column = self.where(buffer, done)
        self.carry = b"" if final else buffer[done:]
        self._check_carry()

    def scan(self, buffer: bytes, final: bool) -> int:  # pragma: no cover - abstract
        """Check ``buffer`` (carried bytes + a new chunk); returns how many bytes are done with
        (the rest is carried: an unfinished token)."""
        raise NotImplementedError

    def _check_carry(self) -> None:
        if len(self.carry) > self.token_limit - MARGIN:
            self.too_long(self.carry, 0)

    # -- errors --------------------------------------------------------------------------------
    def where(self, buffer: bytes, pos: int) -> tuple[int, int]:
        """Line and column (in characters, 1-based) of ``buffer[pos]``."""
        newlines = buffer.count(b"\n", 0, pos)
        start = buffer.rfind(b"\n", 0, pos) + 1
        column = len(buffer[start:pos].decode("utf-8", "replace")) + (1 if newlines else self.column)
        return self.line + newlines, column

    def fail(self, buffer: bytes, pos: int, message: str) -> LimitError:
        line, column = self.where(buffer, pos)
        return LimitError(message, path=self.path, line=line, column=column)

    def opened(self, buffer: bytes, pos: int) -> None:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise self.fail(buffer, pos, f"nested more than {self.limits.max_depth} levels deep "
                                         f"(IGKG_MAX_DEPTH; it can be raised up to 2000)")

    def closed(self) -> None:
        self.depth = max(0, self.depth - 1)

    def too_long(self, buffer: bytes, pos: int, where: tuple[int, int] | None = None) -> None:
        line, column = where or self.where(buffer, pos)
        raise LimitError(f"a literal, IRI or name of {mib(self.token_limit)} or more "
                         f"(the most Oxigraph's parser takes)", path=self.path, line=line, column=column)


# -- Turtle, TriG, N-Triples, N-Quads ---------------------------------------------------------------
_PLAIN = rb"[^\[\](){}\"'<>#\\]++"
_ESCAPE = rb"\\[\s\S]"
_IRI = rb"<(?:[^<>\"{}|^`\\\x00-\x20]++|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*+>"
def _short(q: bytes) -> bytes:
    """A short string; the empty one only when what follows shows it does not open a long one."""
    body = rb"[^Q\\\n\r]*+(?:\\[\s\S][^Q\\\n\r]*+)*+".replace(b"Q", q)
    return rb"Q(?!Q)" .replace(b"Q", q) + body + q + rb"|QQ(?=[^Q])".replace(b"Q", q)


def _long(q: bytes) -> bytes:
    return rb"QQQ(?:[^Q\\]++|\\[\s\S]|Q(?!QQ))*+QQQ".replace(b"Q", q)


# Inside a long string that goes on past the buffer: stop before a quote that could close it.
_LONG_BODY = {q: re.compile(rb"(?:[^Q\\]++|\\[\s\S]|Q(?=[^Q]|Q[^Q]))*+".replace(b"Q", q)) for q in (b'"', b"'")}
_SHORT_RE = {q: re.compile(rb"Q[^Q\\\n\r]*+(?:\\[\s\S][^Q\\\n\r]*+)*+Q".replace(b"Q", q)) for q in (b'"', b"'")}
_COMMENT = rb"\#[^\n\r]*+(?=[\n\r])"
_SPAN = re.compile(rb"(?:%s)*+" % b"|".join(
    (_PLAIN, _ESCAPE, _IRI, _long(b'"'), _long(b"'"), _short(b'"'), _short(b"'"), _COMMENT)))
_IRI_RE = re.compile(_IRI)
_IRI_END = re.compile(rb"[>\s]")
_OPEN, _CLOSE = frozenset(b"[({"), frozenset(b"])}")
_NEWLINE = re.compile(rb"[\n\r]")


class TurtleScanner(Scanner):
    """Turtle and its relatives: ``[ ( {`` and ``<<`` nesting, strings, IRIs and comments."""

    def __init__(self, path: str | Path | None, limits: InputLimits) -> None:
        super().__init__(path, limits)
        self.long_quote: bytes | None = None  # inside a long string with this quote
        self.long_length = 0
        self.long_start = (1, 1)  # where the long string began
        self.in_comment = False

    def scan(self, buffer: bytes, final: bool) -> int:
        n, pos = len(buffer), 0
        if self.in_comment:
            end = _NEWLINE.search(buffer)
            if end is None:
                return n
            self.in_comment, pos = False, end.start()
        if self.long_quote is not None:
            pos = self._long(buffer, pos, self.long_quote, final)
            if self.long_quote is not None:
                return pos
        while True:
            pos = _SPAN.match(buffer, pos).end()  # type: ignore[union-attr]  # always matches
            if pos >= n:
                return n
            c = buffer[pos]
            if c in _OPEN:
                self.opened(buffer, pos)
                pos += 1
            elif c in _CLOSE:
                self.closed()
                pos += 1
            elif c == 0x3C or c == 0x3E:  # < or >
                if pos + 1 >= n and not final:
                    return pos
                if pos + 1 < n and buffer[pos + 1] == c:
                    if c == 0x3C:
                        self.opened(buffer, pos)
                    else:
                        self.closed()
                    pos += 2
                elif c == 0x3C and not final and _IRI_RE.match(buffer, pos) is None and \
                        _IRI_END.search(buffer, pos) is None:
                    self.carry_until = _IRI_END
                    return pos  # an IRI that goes on in the next chunk
                else:
                    pos += 1  # not an IRI: the parser will say why
            elif c == 0x22 or c == 0x27:  # a quote
                quote = buffer[pos:pos + 1]
                if buffer.startswith(quote * 3, pos):
                    pos = self._long(buffer, pos + 3, quote, final)
                    if self.long_quote is not None:
                        return pos
                elif pos + 2 >= n and not final:
                    return pos
                elif not final and _SHORT_RE[quote].match(buffer, pos) is None and \
                        _NEWLINE.search(buffer, pos) is None:
                    self.carry_until = re.compile(re.escape(quote) + rb"|[\n\r]")
                    return pos  # a string that goes on in the next chunk
                else:
                    pos += 1  # an unterminated string: the parser will say where
            elif c == 0x23:  # a comment that goes on in the next chunk
                if final:
                    return n
                self.in_comment = True
                return n
            else:  # a backslash at the very end
                if not final:
                    return pos
                pos += 1

    def _long(self, buffer: bytes, pos: int, quote: bytes, final: bool) -> int:
        """Skip the body of a long string from ``pos``; sets ``long_quote`` while it goes on."""
        start = pos
        if self.long_quote is None:
            self.long_start = self.where(buffer, pos - 3)
        end = _LONG_BODY[quote].match(buffer, pos).end()  # type: ignore[union-attr]  # always matches
        length = self.long_length + (end - start)
        if length > self.token_limit - MARGIN:
            self.too_long(buffer, pos, self.long_start)
        if buffer.startswith(quote * 3, end):
            self.long_quote, self.long_length = None, 0
            return end + 3
        if final:
            self.long_quote = None
            return len(buffer)
        self.long_quote, self.long_length = quote, length
        return end  # a quote or backslash at the very end is carried


# -- JSON-LD ------------------------------------------------------------------------------------
_JSON_SPAN = re.compile(rb'(?:[^\[\]{}"]++|"[^"\\]*+(?:\\[\s\S][^"\\]*+)*+")*+')
_JSON_STRING = re.compile(rb'"[^"\\]*+(?:\\[\s\S][^"\\]*+)*+"')
_QUOTE = re.compile(rb'"')


class JsonScanner(Scanner):
    """JSON(-LD): objects and arrays nested, strings (which hold no brackets). Oxigraph's JSON
    parser doubles its buffer, so a string of 8 MiB is already too long for it."""

    def __init__(self, path: str | Path | None, limits: InputLimits) -> None:
        super().__init__(path, limits)
        self.token_limit = limits.max_token_bytes // 2

    def scan(self, buffer: bytes, final: bool) -> int:
        n, pos = len(buffer), 0
        while True:
            pos = _JSON_SPAN.match(buffer, pos).end()  # type: ignore[union-attr]  # always matches
            if pos >= n:
                return n
            c = buffer[pos]
            if c == 0x7B or c == 0x5B:  # { [
                self.opened(buffer, pos)
                pos += 1
            elif c == 0x7D or c == 0x5D:
                self.closed()
                pos += 1
            elif not final and _JSON_STRING.match(buffer, pos) is None:
                self.carry_until = _QUOTE
                return pos  # a string that goes on in the next chunk
            else:
                pos += 1


_LINE_END = re.compile(rb"\n")
_TRIPLE_TERM = re.compile(rb"<<")  # re's search: twice as fast as bytes.find, where every IRI starts with "<"


class LineScanner(TurtleScanner):
    """N-Triples and N-Quads: one statement a line, no multi-line tokens. Only a line holding
    ``<<`` (an RDF 1.2 triple term) can nest, so the rest is a search for line ends; a line
    longer than the token limit is carried until it is refused."""

    def scan(self, buffer: bytes, final: bool) -> int:
        end = len(buffer) if final else buffer.rfind(b"\n") + 1
        if end == 0:
            self.carry_until = _LINE_END
            return 0
        if _TRIPLE_TERM.search(buffer, 0, end) is not None:
            self.depth = 0
            TurtleScanner.scan(self, buffer[:end], True)
        return end
