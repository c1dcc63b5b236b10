"""Reading a document: the checks that turn bad input into one clear message, and the choice of
reader.

:func:`read_source` takes a file (``path=``), a string (``text=``) or standard input
(``path="-"``) and returns a :class:`SourceText`: the text to extract from, the format it came
in and what its reader knew about it. The format is chosen by content (:mod:`.readers.sniff`):
a PDF, a Word document or a web page is read by its reader (:mod:`.readers`) whatever its name,
and the text that reader writes is the text every evidence offset points into.

A file is refused (:class:`~igkg.errors.InputError`, exit code 2) when it is missing, empty,
binary (NUL bytes, UTF-16/32, an image or archive), not UTF-8, a PDF without text layer or with
a password, a damaged Word file, a web page without content, or too large: texts of more than
:data:`MAX_BYTES`, PDF and Word files of more than :data:`MAX_FILE_BYTES`. A UTF-8 byte-order
mark is removed; every character offset igkg reports (Web Annotation ``oa:start`` /
``oa:end``) counts Unicode code points of the text after that mark.

Typographic quotes, dashes and spaces are normalised *for matching only*
(:func:`for_matching` maps one character to one character, so offsets stay valid); the
verbatim text keeps them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .readers import HEAD_BYTES, Hints, read_bytes, sniff

__all__ = ["MAX_BYTES", "MAX_FILE_BYTES", "STDIN", "SourceText", "read_source", "for_matching"]

#: The largest text igkg extracts from: 5 MiB, about 20,000 recommendations.
MAX_BYTES = 5 * 1024 * 1024
#: The largest PDF or Word file igkg reads (its text must still fit in :data:`MAX_BYTES`).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: The path that means standard input, and the name it has in messages.
STDIN = "-"
_STDIN_NAME = "<stdin>"

# One character to one character, so that offsets into the matching text are offsets into the
# verbatim text. Quotes and primes become ASCII quotes; every dash and hyphen becomes "-";
# the ellipsis becomes "."; non-breaking and other special spaces become a space.
_MATCHING = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        **dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000", " "),
        "…": ".",
        "\u00ad": "-",
    }
)


def for_matching(text: str) -> str:
    """``text`` with typographic quotes, dashes and spaces made plain, character for character."""
    return text.translate(_MATCHING)


@dataclass(frozen=True)
class SourceText:
    """A document to extract from: its name (a path as given, or a label), its text (for a PDF,
    Word or HTML file: the text its reader wrote), the file, the format (``text``, ``markdown``,
    ``docx``, ``pdf``, ``html``), the number of pages (PDF, or a text with form feeds) and what
    the reader knew about the text (:class:`~igkg.extractor.readers.Hints`)."""

    name: str
    text: str
    path: Path | None = None
    format: str = "text"
    pages: int | None = None
    hints: Hints = field(default_factory=Hints)


def _too_large(size: int, limit: int, name: str, what: str = "the text") -> InputError:
    return InputError(
        f"{name}: {what} is too large ({size / 1024 / 1024:.1f} MiB; igkg extracts from at most "
        f"{limit // 1024 // 1024} MiB)"
    )


def _from_bytes(data: bytes, name: str, path: Path | None) -> SourceText:
    fmt = sniff(data, name)
    if fmt in ("text", "markdown", "html") and len(data) > MAX_BYTES:
        raise _too_large(len(data), MAX_BYTES, name)
    reading = read_bytes(data, name, fmt)
    size = len(reading.text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise _too_large(size, MAX_BYTES, name, f"the text of this {fmt.upper()} file")
    return SourceText(name, reading.text, path, reading.format, reading.pages, reading.hints)


def _from_text(text: str, label: str) -> SourceText:
    if not isinstance(text, str):
        raise InputError(f"{label}: text= takes a string, not {type(text).__name__}")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise _too_large(size, MAX_BYTES, label)
    if "\x00" in text:
        raise InputError(f"{label}: a binary text (it contains NUL characters)")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(f"{label}: the text is empty; expected recommendation bullets")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{label}: the text contains unpaired surrogate characters") from None
    if sniff(data[:HEAD_BYTES], label) == "html":
        return _from_bytes(data, label, None)
    return SourceText(label, text, None, "text", text.count("\f") + 1 if "\f" in text else None)


def _read_stdin(label: str) -> SourceText:
    stream = sys.stdin.buffer
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(len(data), MAX_FILE_BYTES, label, "the input")
    return _from_bytes(data, label, None)


def read_source(path: str | Path | None = None, *, text: str | None = None, name: str | None = None) -> SourceText:
    """Read a file (``path=``; ``"-"`` for standard input) or take a string (``text=``), with
    the reader its content needs, refusing what is not a usable document."""
    if (path is None) == (text is None):
        raise InputError("give either path= (a file) or text= (the text itself), not both")
    if text is not None:
        return _from_text(text, name or "<text>")
    if str(path) == STDIN:
        return _read_stdin(name or _STDIN_NAME)
    file = Path(path)  # type: ignore[arg-type]
    label = name or str(path)
    if not file.exists():
        raise InputError(f"{label}: no such file")
    if not file.is_file():
        raise InputError(f"{label}: not a file")
    try:
        size = file.stat().st_size
        with file.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            binary = b"%PDF-" in head[:1024] or head.startswith(b"PK\x03\x04")
            limit = MAX_FILE_BYTES if binary else MAX_BYTES
            if size > limit:
                raise _too_large(size, limit, label, "the file" if binary else "the text")
            data = head + handle.read(limit + 1 - len(head))
    except OSError as error:
        raise InputError(f"{label}: cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise _too_large(len(data), limit, label, "the file" if binary else "the text")
    return _from_bytes(data, label, file)
