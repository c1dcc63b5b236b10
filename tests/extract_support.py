"""Shared helpers for the tests of `igkg extract` (tests/test_extract_*.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import igkg
from igkg.extractor.scoring import Score, format_table, gold_from_graph, score
from paths import EXTRACT_DATA, SEED_IRI, SEED_TEXT

__all__ = ["EXTRACT_DATA", "SEED_IRI", "SEED_TEXT", "gold_documents", "load_gold", "seed_scores", "format_table"]
ID = "https://w3id.org/igkg/id/"
VERB = "https://w3id.org/igkg/concept/verb/"
TA = ID + "instrument/tunis-agenda"
GD = ID + "instrument/geneva-declaration"
IGF = ID + "actor/igf"
GOVERNMENTS = ID + "stakeholder-group/governments"


def gold_documents() -> list[tuple[Path, Path]]:
    """(text, gold) pairs of tests/data/extract/."""
    pairs = []
    for gold in sorted(EXTRACT_DATA.glob("*.gold.json")):
        stem = gold.name.removesuffix(".gold.json")
        text = next(p for p in EXTRACT_DATA.glob(stem + ".*") if not p.name.endswith(".json"))
        pairs.append((text, gold))
    return pairs


def load_gold(path: Path) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return gold


def seed_scores(kg: igkg.KnowledgeGraph) -> dict[str, Score]:
    return score(igkg.extract(SEED_TEXT, graph=kg).to_dict(), gold_from_graph(kg, SEED_IRI))


def one(text: str, kg: igkg.KnowledgeGraph) -> dict[str, Any]:
    """The single recommendation of a one-bullet text, in the JSON format."""
    recs = igkg.extract(text=f"Title\n\n- {text}\n", graph=kg).to_dict()["recommendations"]
    assert len(recs) == 1, recs
    return recs[0]  # type: ignore[no-any-return]


def iris(entries: list[dict[str, Any]]) -> list[str]:
    return [e["iri"] for e in entries]


def references(rec: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(r["instrument"]["iri"].rsplit("/", 1)[-1], r["paragraph"]) for r in rec["references"]]


__all__ = ["format_table", "Score"]
