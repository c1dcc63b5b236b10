"""Which reader a file needs, from its content (magic bytes) first and its name second.

``%PDF`` (within the first KiB, as the PDF standard allows) is a PDF; a ZIP whose entries
include ``word/document.xml`` is a Word document; text that opens, after white space and
comments, with ``<!doctype html``, ``<html``, ``<head`` or ``<body`` is a web page; other text
is plain text, or Markdown when the name ends in ``.md``/``.markdown``. A renamed file is read as
what it is (``report.txt`` holding a PDF is read as a PDF). Formats igkg cannot read get a
message that names them and says what to do.
"""

from __future__ import annotations

import io
import re
import zipfile

from ...errors import InputError

__all__ = ["sniff", "HEAD_BYTES"]

#: How many bytes :func:`sniff` needs to see (the whole file for a ZIP).
HEAD_BYTES = 4096

_SAVE_AS = "save it as .docx, PDF, HTML or plain text (UTF-8) and try again"

# Formats recognised by their first bytes, which igkg does not read.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
)

_MARKUP_START = re.compile(rb"^(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S)
_ZIP_KINDS = {
    "ppt/": "a PowerPoint presentation (.pptx)",
    "xl/": "an Excel workbook (.xlsx)",
}


def _zip_kind(data: bytes, name: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        if b"word/" in data[:65536] or name.lower().endswith((".docx", ".docm", ".dotx")):
            raise InputError(
                f"{name}: a damaged Word file (the ZIP container is incomplete or corrupt, as after an interrupted "
                "download); open it in Word or LibreOffice and save it again, or get a fresh copy"
            ) from None
        raise InputError(f"{name}: a damaged ZIP archive, not a document igkg reads; {_SAVE_AS}") from None
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names:
        kind = zipfile.ZipFile(io.BytesIO(data)).read("mimetype").decode("ascii", "replace").strip()
        what = "an OpenDocument text (.odt)" if kind.endswith(".text") else f"an OpenDocument file ({kind})"
        raise InputError(f"{name}: {what}, which igkg does not read; {_SAVE_AS}")
    for prefix, what in _ZIP_KINDS.items():
        if any(entry.startswith(prefix) for entry in names):
            raise InputError(f"{name}: {what}, not a document igkg reads; {_SAVE_AS}")
    raise InputError(f"{name}: a ZIP archive, not a document igkg reads; unpack it and give the files inside")


def _binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start < len(head) - 4  # not a character cut at the end of the head
    return False


def sniff(data: bytes, name: str) -> str:
    """The format of ``data`` (``pdf``, ``docx``, ``html``, ``markdown`` or ``text``).

    Raises :class:`~igkg.errors.InputError` for a damaged Word file, and for formats igkg does
    not read (images, archives, spreadsheets, legacy ``.doc``, RTF), naming them.
    """
    head = data[:HEAD_BYTES]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            f"{name}: a Word 97-2003 (.doc) file, or an Office file protected by a password; open it in Word or "
            "LibreOffice and save it as .docx without a password"
        )
    if head.startswith(b"{\\rtf"):
        raise InputError(f"{name}: a Rich Text Format (RTF) file, which igkg does not read; {_SAVE_AS}")
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic) and _binary(head):
            hint = " (a scan? run OCR first, e.g. ocrmypdf, or copy the text)" if what.endswith("image") else ""
            raise InputError(f"{name}: a binary file ({what}), not a document igkg reads{hint}")
    text_head = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if _MARKUP_START.match(text_head):
        return "html"
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")) and text_head.lstrip().startswith(b"<"):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    return "text"
