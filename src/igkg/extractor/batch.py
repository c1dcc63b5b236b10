"""Many documents at once (``igkg extract FILE... | DIR``): which files a folder holds, and one
extraction per file, where a file that fails is reported and the others still run.

:func:`expand_inputs` turns the paths a user gives into the list of documents to read: a file
as it is (whatever its name: the format is found from its content), ``-`` for standard input,
and a folder as every file in it and its sub-folders whose name ends in a supported extension
(:data:`EXTENSIONS`), sorted by path, hidden files and folders left out. :func:`extract_many`
yields a :class:`BatchResult` per document, in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import IgkgError, InputError
from ..graph import Graph
from .document import ExtractedDocument
from .lexicon import lexicon_for
from .pipeline import extract_document
from .readers import HEAD_BYTES, sniff
from .reading import STDIN, read_source

__all__ = ["EXTENSIONS", "BatchResult", "expand_inputs", "extract_many"]

#: The file names a folder is searched for.
EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class BatchResult:
    """One input of a batch: its name, the format it was read as, and the document or the error."""

    name: str
    format: str | None
    document: ExtractedDocument | None
    error: IgkgError | None

    @property
    def ok(self) -> bool:
        return self.document is not None

    def counts(self) -> dict[str, int]:
        """Units, actions, unknown verbs, candidates and warnings (zeros for a failed file)."""
        document = self.document
        if document is None:
            return dict.fromkeys(("units", "actions", "unknown verbs", "candidates", "warnings"), 0)
        return {
            "units": len(document.recommendations),
            "actions": sum(len(rec.actions) for rec in document.recommendations),
            "unknown verbs": sum(1 for w in document.warnings if w.kind == "unknown-verb"),
            "candidates": len(getattr(document, "candidates", ())),
            "warnings": len(document.warnings),
        }


def expand_inputs(paths: Sequence[str | Path]) -> list[str | Path]:
    """The documents ``paths`` name: files and ``-`` as given, folders as their supported files."""
    found: list[str | Path] = []
    for path in paths:
        if str(path) == STDIN:
            found.append(STDIN)
            continue
        folder = Path(path)
        if not folder.is_dir():
            found.append(folder)
            continue
        files = sorted(
            p for p in folder.rglob("*")
            if p.is_file() and p.suffix.lower() in EXTENSIONS
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
        if not files:
            raise InputError(f"{folder}: the folder holds no file igkg reads ({', '.join(EXTENSIONS)})")
        found.extend(files)
    return found


def _format_of(item: str | Path) -> str | None:
    """The format a file that failed looks like (for the summary), if it can be told."""
    try:
        with Path(item).open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        return sniff(head, str(item)) if head else None
    except (OSError, IgkgError):
        return "docx" if str(item).lower().endswith(".docx") else None


def extract_many(
    inputs: Sequence[str | Path],
    graph: Graph,
    *,
    status: str = "draft",
    done: Callable[[BatchResult], None] | None = None,
) -> Iterator[BatchResult]:
    """Extract each input with the names and verbs of ``graph``; an input that fails gives a
    result with its error, and the next one is read."""
    lexicon = lexicon_for(graph)
    for item in inputs:
        name = "<stdin>" if str(item) == STDIN else str(item)
        fmt: str | None = None
        try:
            source = read_source(item)
            fmt = source.format
            result = BatchResult(name, fmt, extract_document(source, lexicon, status=status), None)
        except IgkgError as error:
            result = BatchResult(name, fmt or _format_of(item), None, error)
        if done is not None:
            done(result)
        yield result
