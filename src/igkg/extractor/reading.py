"""Reading a recommendation text: the checks that turn bad input into one clear message.

A text is refused (:class:`~igkg.errors.InputError`, exit code 2) when it is empty, binary
(it contains NUL bytes, or is UTF-16/32), not UTF-8, or larger than :data:`MAX_BYTES`.
A UTF-8 byte-order mark is removed; every character offset igkg reports (Web Annotation
``oa:start`` / ``oa:end``) counts Unicode code points of the text after that mark.

Typographic quotes, dashes and spaces are normalised *for matching only*
(:func:`for_matching` maps one character to one character, so offsets stay valid); the
verbatim text keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

__all__ = ["MAX_BYTES", "SourceText", "read_source", "for_matching"]

#: The largest text igkg extracts from: 5 MiB, about 20,000 recommendations.
MAX_BYTES = 5 * 1024 * 1024

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}

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
    """A text to extract from: its name (a path as given, or a label) and its characters."""

    name: str
    text: str
    path: Path | None = None


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: the file is empty; expected a text with recommendation bullets")
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            raise InputError(f"{name}: the text is {encoding}; save it as UTF-8 and try again")
    if b"\x00" in data:
        raise InputError(f"{name}: a binary file (it contains NUL bytes), not a text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{byte:02x} at offset {error.start}); save it as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: the file is empty; expected a text with recommendation bullets")
    return text


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise InputError(
            f"{name}: the text is too large ({size / 1024 / 1024:.1f} MiB; igkg extracts from at most "
            f"{MAX_BYTES // 1024 // 1024} MiB)"
        )


def read_source(path: str | Path | None = None, *, text: str | None = None, name: str | None = None) -> SourceText:
    """Read a file (``path=``) or take a string (``text=``), refusing what is not a usable text."""
    if (path is None) == (text is None):
        raise InputError("give either path= (a file) or text= (the text itself), not both")
    if text is not None:
        label = name or "<text>"
        if not isinstance(text, str):
            raise InputError(f"{label}: text= takes a string, not {type(text).__name__}")
        _check_size(len(text.encode("utf-8", "surrogatepass")), label)
        if "\x00" in text:
            raise InputError(f"{label}: a binary text (it contains NUL characters)")
        if text.startswith("\ufeff"):
            text = text[1:]
        if not text.strip():
            raise InputError(f"{label}: the text is empty; expected recommendation bullets")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{label}: the text contains unpaired surrogate characters") from None
        return SourceText(label, text)
    file = Path(path)  # type: ignore[arg-type]
    label = name or str(path)
    if not file.exists():
        raise InputError(f"{label}: no such file")
    if not file.is_file():
        raise InputError(f"{label}: not a file")
    try:
        _check_size(file.stat().st_size, label)
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"{label}: cannot read: {error.strerror or error}") from None
    _check_size(len(data), label)
    return SourceText(label, _decode(data, label), file)
