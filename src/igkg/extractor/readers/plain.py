"""Plain text and Markdown: UTF-8, a byte-order mark removed; UTF-16/32, NUL bytes and other
encodings refused with a message that says what to do."""

from __future__ import annotations

from ...errors import InputError
from .base import Reading

__all__ = ["decode_text", "read_plain"]

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def decode_text(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text without its byte-order mark; :class:`InputError` when it is not."""
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


def read_plain(data: bytes, name: str, fmt: str) -> Reading:
    """A plain-text or Markdown file, as it is: form feeds (pages of a PDF copy) are kept for
    the layout clean-up to find."""
    text = decode_text(data, name)
    pages = text.count("\f") + 1 if "\f" in text else None
    return Reading(text, fmt, pages)
