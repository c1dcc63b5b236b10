"""The reader every RDF input goes through on its way to Oxigraph: :class:`GuardedReader`.

It reads the input in chunks of :data:`CHUNK` bytes, counts them against
``IGKG_MAX_INPUT_MB``, lets the syntax's scanner (:mod:`.scanners`, :mod:`.xml_scanner`) check
each chunk for nesting, token length and XML entities, and only then hands the chunk to the
parser, which asks for a few kilobytes at a time. So a limit is enforced before the parser can
blow up, in memory bounded by a chunk and the longest token, and for a pipe as well as a file.

The parser's small reads are served by the standard library's C ``io.BufferedReader`` from the
checked chunk; Python code (the check) runs once per chunk, not once per read: at a million
triples Oxigraph asks about 77,000 times, which a Python ``read`` method made 0.3 s of CPU time.

A UTF-8 byte-order mark at the start is dropped (editors on Windows write one; columns on the
first line are counted after it). A UTF-16 or UTF-32 mark gets a clear message instead of a
parser error about an invisible character.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import LimitError, ParseError
from ..limits import InputLimits
from .registry import RdfSyntax
from .scanners import JsonScanner, LineScanner, Scanner, TurtleScanner, mib
from .xml_scanner import XmlScanner

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["CHUNK", "GuardedReader", "scanner_for", "check_size"]

CHUNK = 256 * 1024
_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
               (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def scanner_for(syntax: RdfSyntax, path: str | Path | None, limits: InputLimits) -> Scanner:
    if syntax.name == "xml":
        return XmlScanner(path, limits)
    if syntax.name == "jsonld":
        return JsonScanner(path, limits)
    if syntax.name in ("nt", "nq"):
        return LineScanner(path, limits)
    return TurtleScanner(path, limits)


def check_size(size: int, path: str | Path | None, limits: InputLimits) -> None:
    """Refuse an input larger than ``IGKG_MAX_INPUT_MB``."""
    if limits.max_input_bytes is not None and size > limits.max_input_bytes:
        raise LimitError(f"larger than {mib(limits.max_input_bytes)} (IGKG_MAX_INPUT_MB: raise it, or set it "
                         f"to 0 for no limit)", path=path)


class _CheckedChunks(io.RawIOBase):
    """The raw stream under :class:`GuardedReader`: each chunk of ``raw``, checked, then handed out."""

    def __init__(self, raw: IO[bytes], syntax: RdfSyntax, path: str | Path | None, limits: InputLimits,
                 chunk: int) -> None:
        super().__init__()
        self.raw, self.path, self.chunk, self.limits = raw, path, chunk, limits
        self.scanner = scanner_for(syntax, path, limits)
        self.total = 0
        self._pending = memoryview(b"")
        self._started = self._finished = False

    def readable(self) -> bool:
        return True

    def _refill(self) -> None:
        chunk = self.raw.read(self.chunk)
        if not self._started:
            self._started = True
            while len(chunk) < 4 and chunk:  # enough to see a byte-order mark
                more = self.raw.read(self.chunk)
                if not more:
                    break
                chunk += more
            chunk = self._drop_bom(chunk)
        self.total += len(chunk)
        check_size(self.total, self.path, self.limits)
        if not chunk:
            self._finished = True
            self.scanner.feed(b"", final=True)
        else:
            self.scanner.feed(chunk)
        self._pending = memoryview(chunk)

    def _drop_bom(self, chunk: bytes) -> bytes:
        if chunk.startswith(_BOM):
            return chunk[len(_BOM):]
        for mark, encoding in _OTHER_BOMS:
            if chunk.startswith(mark):
                raise ParseError(f"{encoding} text (it starts with a {encoding} byte-order mark): save it as UTF-8",
                                 path=self.path)
        return chunk

    def readinto(self, target: WriteableBuffer) -> int:
        while not self._pending and not self._finished:
            self._refill()
        view = memoryview(target)
        size = min(len(view), len(self._pending))
        view[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


class GuardedReader(io.BufferedReader):
    """A binary file-like object over ``raw`` whose every chunk has been checked (``scanner``:
    where the check is; ``total``: the bytes read)."""

    def __init__(self, raw: IO[bytes], syntax: RdfSyntax, *, path: str | Path | None = None,
                 limits: InputLimits | None = None, chunk: int = CHUNK) -> None:
        self._checked = _CheckedChunks(raw, syntax, path, limits or InputLimits.from_environment(), chunk)
        super().__init__(self._checked, buffer_size=chunk)

    @property
    def scanner(self) -> Scanner:
        return self._checked.scanner

    @property
    def total(self) -> int:
        return self._checked.total
