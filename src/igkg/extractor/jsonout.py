"""The fixed JSON format of ``igkg extract --format json`` (version 2; other tools rely on it).

::

    {"source": "...", "title": "...", "format": "text | markdown | docx | pdf | html",
     "sections": [{"label": "Enhanced cooperation", "number": "3.2"}],
     "footnotes": [{"marker": "5", "text": "...", "references": [<reference>]}],
     "candidates": ["NETmundial"],
     "recommendations": [
       {"position": 1, "number": "3" | null, "kind": "preambular | operative",
        "section": "Enhanced cooperation" | null, "text": "...",
        "actions":    [{"iri": "...", "label": "recalls", "as_written": "Recalling also", "verb": "recalls"}],
        "addressees": [{"iri": "...", "label": "Internet Governance Forum"}],
        "mentions":   [{"iri": "...", "label": "..."}],
        "references": [{"instrument": {"iri": "...", "label": "Tunis Agenda for the Information Society"},
                        "paragraph": "72(g)", "iri": "<paragraph IRI or null>", "as_written": "para 72(g)"}],
        "footnotes": ["5"],
        "sub_items": [{"label": "a", "text": "To strengthen ..."}],
        "warnings": [{"kind": "unknown-verb", "as_written": "Ponders", "message": "..."}]}],
     "unknown_verbs": [{"position": 3, "as_written": "Ponders"}],
     "unresolved_references": [{"position": 5, "as_written": "paragraph 12"}]}

``label`` is the preferred English label; an action's ``label`` and ``verb`` are its concept's
preferred label in lower case (the verb lemmatised to the third person), ``as_written`` the verb
phrase as the text has it. There is one reference entry per cited paragraph (a range gives one
per paragraph) and one with ``"paragraph": null`` for an instrument cited as a whole; the same
paragraph cited twice in one unit is listed once. Every key is always present (empty lists
when there is nothing to report).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Citation, Document, ExtractionWarning, Recommendation

__all__ = ["document_to_dict", "recommendation_to_dict"]


def _entity(document: Document, iri: str) -> dict[str, str]:
    return {"iri": iri, "label": document.label(iri)}


def _references(document: Document, citations: list[Citation]) -> list[dict[str, Any]]:
    references: list[dict[str, Any]] = []
    seen: set[tuple[str, str | None]] = set()
    for citation in citations:
        instrument = _entity(document, citation.instrument)
        entries: list[tuple[str | None, str | None]] = [(p.number, p.iri) for p in citation.provisions]
        entries = entries or [(None, None)]
        for number, iri in entries:
            if (citation.instrument, number) in seen:
                continue
            seen.add((citation.instrument, number))
            references.append(
                {"instrument": instrument, "paragraph": number, "iri": iri, "as_written": citation.as_written}
            )
    return references


def _warning(warning: ExtractionWarning) -> dict[str, Any]:
    return {"kind": warning.kind, "as_written": warning.as_written, "message": warning.message}


def recommendation_to_dict(
    document: Document, rec: Recommendation, warnings: list[ExtractionWarning] | None = None
) -> dict[str, Any]:
    """One unit; ``warnings`` are its own (default: looked up in the document's)."""
    if warnings is None:
        warnings = [w for w in document.warnings if w.position == rec.position]
    actions = []
    for action in rec.actions:
        label = document.label(action.verb).lower()
        actions.append({"iri": action.verb, "label": label, "as_written": action.as_written, "verb": label})
    return {
        "position": rec.position,
        "number": rec.number,
        "kind": rec.kind,
        "section": rec.section.label if rec.section is not None else None,
        "text": rec.text,
        "actions": actions,
        "addressees": [_entity(document, iri) for iri in rec.addressees],
        "mentions": [_entity(document, link.iri) for link in rec.mentions],
        "references": _references(document, rec.citations),
        "footnotes": list(rec.footnotes),
        "sub_items": [{"label": item.label, "text": item.text} for item in rec.sub_items],
        "warnings": [_warning(w) for w in warnings],
    }


def _per_unit(document: Document) -> dict[int | None, list[ExtractionWarning]]:
    per_unit: dict[int | None, list[ExtractionWarning]] = {}
    for warning in document.warnings:
        per_unit.setdefault(warning.position, []).append(warning)
    return per_unit


def document_parts(document: Document) -> Iterator[tuple[str, Any]]:
    """The top-level (key, value) pairs in order; the recommendations as an iterator of unit
    dictionaries, made one at a time (a 5 MB text need not hold them all)."""
    per_unit = _per_unit(document)
    yield "source", document.source
    yield "title", document.title
    yield "format", document.format
    yield "sections", [{"label": section.label, "number": section.number} for section in document.sections]
    yield (
        "footnotes",
        [
            {"marker": note.marker, "text": note.text, "references": _references(document, note.citations)}
            for note in document.footnotes
        ],
    )
    yield "candidates", list(document.candidates)
    yield (
        "recommendations",
        (recommendation_to_dict(document, rec, per_unit.get(rec.position, [])) for rec in document.recommendations),
    )
    yield (
        "unknown_verbs",
        [{"position": w.position, "as_written": w.as_written} for w in document.warnings if w.kind == "unknown-verb"],
    )
    yield (
        "unresolved_references",
        [
            {"position": w.position, "as_written": w.as_written}
            for w in document.warnings
            if w.kind == "unresolved-reference"
        ],
    )


def document_to_dict(document: Document) -> dict[str, Any]:
    return {key: (list(value) if key == "recommendations" else value) for key, value in document_parts(document)}
