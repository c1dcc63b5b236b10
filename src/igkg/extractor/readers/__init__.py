"""Readers: one per file format, each turning a file's bytes into one text plus hints.

:func:`read_bytes` chooses the reader by content (:func:`~.sniff.sniff`: magic bytes first, the
file name second) and runs it. Every failure is an :class:`~igkg.errors.InputError` whose
message names the file and says what to do.

=========  ====================================  ===================
format     reader                                library
=========  ====================================  ===================
text       :mod:`.plain` (UTF-8, BOM removed)    —
markdown   :mod:`.plain`                         —
docx       :mod:`.docx` + :mod:`.numbering`      python-docx (lxml)
pdf        :mod:`.pdf`                           pdfminer.six
html       :mod:`.html`                          lxml
=========  ====================================  ===================
"""

from __future__ import annotations

from .base import FORMATS, Hints, MarkerHint, NoteHint, Reading
from .sniff import HEAD_BYTES, sniff

__all__ = ["FORMATS", "HEAD_BYTES", "Hints", "MarkerHint", "NoteHint", "Reading", "read_bytes", "sniff"]


def read_bytes(data: bytes, name: str, fmt: str | None = None) -> Reading:
    """Read ``data`` (a whole file; ``name`` labels it in messages) as ``fmt``, or as what
    :func:`sniff` finds it to be."""
    fmt = fmt or sniff(data, name)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    if fmt == "html":
        from .html import read_html

        return read_html(data, name)
    from .plain import read_plain

    return read_plain(data, name, fmt)
