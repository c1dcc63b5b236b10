"""The fixed JSON format of ``igkg extract --format json`` (other tools rely on it).

::

    {"source": "...", "title": "...",
     "recommendations": [
       {"position": 1, "text": "...",
        "actions":    [{"iri": "...", "label": "encourages"}],
        "addressees": [{"iri": "...", "label": "Internet Governance Forum"}],
        "mentions":   [{"iri": "...", "label": "..."}],
        "references": [{"instrument": {"iri": "...", "label": "Tunis Agenda for the Information Society"},
                        "paragraph": "72(g)", "iri": "<paragraph IRI or null>", "as_written": "para 72(g)"}]}],
     "unknown_verbs": [{"position": 3, "as_written": "Deplores"}],
     "unresolved_references": [{"position": 5, "as_written": "paragraph 12"}]}

``label`` is the preferred English label; an action's label is its verb's preferred label in
lower case. There is one reference entry per cited paragraph (a range gives one per
paragraph) and one with ``"paragraph": null`` for an instrument cited as a whole; the same
paragraph cited twice in one recommendation is listed once. ``unknown_verbs`` and
``unresolved_references`` are always present (empty lists when there is nothing to report).
"""

from __future__ import annotations

from typing import Any

from .model import Document, Recommendation

__all__ = ["document_to_dict", "recommendation_to_dict"]


def _entity(document: Document, iri: str) -> dict[str, str]:
    return {"iri": iri, "label": document.label(iri)}


def recommendation_to_dict(document: Document, rec: Recommendation) -> dict[str, Any]:
    references: list[dict[str, Any]] = []
    seen: set[tuple[str, str | None]] = set()
    for citation in rec.citations:
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
    return {
        "position": rec.position,
        "text": rec.text,
        "actions": [{"iri": a.verb, "label": document.label(a.verb).lower()} for a in rec.actions],
        "addressees": [_entity(document, iri) for iri in rec.addressees],
        "mentions": [_entity(document, link.iri) for link in rec.mentions],
        "references": references,
    }


def document_to_dict(document: Document) -> dict[str, Any]:
    return {
        "source": document.source,
        "title": document.title,
        "recommendations": [recommendation_to_dict(document, rec) for rec in document.recommendations],
        "unknown_verbs": [
            {"position": w.position, "as_written": w.as_written} for w in document.warnings if w.kind == "unknown-verb"
        ],
        "unresolved_references": [
            {"position": w.position, "as_written": w.as_written}
            for w in document.warnings
            if w.kind == "unresolved-reference"
        ],
    }
