"""Scoring `igkg diff` against a gold annotation (tests/data/diff/*.gold.json).

* **alignment**: the changes as (kind, old positions, new positions) — precision, recall, F1;
* **fields**: for the changes aligned as in the gold, every item of what changed — verbs,
  addressees, citations (instrument, paragraph), mentions added or removed, and the strength —
  precision, recall, F1 per field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..scores import Score

__all__ = ["Score", "score_diff", "FIELDS"]

FIELDS = ("verbs", "addressees", "citations", "mentions", "strength")


def _key(change: Mapping[str, Any]) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    return (str(change["kind"]), tuple(change["old"]), tuple(change["new"]))


def _items(change: Mapping[str, Any], field: str) -> set[tuple[str, str]]:
    if field == "strength":
        return {("strength", str(change["strength"]))} if change.get("strength") else set()
    out = set()
    for sign in ("added", "removed"):
        for value in change[field][sign]:
            if field == "citations":
                value = f"{value['instrument']} {value['paragraph']}"
            out.add((sign, str(value)))
    return out


def score_diff(predicted: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, Score]:
    """``{"alignment": Score, "verbs": Score, …}`` for a predicted ``Diff.to_dict()`` and a gold file."""
    scores = {name: Score() for name in ("alignment", *FIELDS)}
    by_key = {_key(c): c for c in predicted["changes"]}
    gold_by_key = {_key(c): c for c in gold["changes"]}
    scores["alignment"].add(by_key, gold_by_key)
    for key, wanted in gold_by_key.items():  # a change aligned otherwise finds none of the gold's items
        found = by_key.get(key)
        for field in FIELDS:
            scores[field].add(_items(found, field) if found else set(), _items(wanted, field))
    for key, found in by_key.items():  # and its own items are false positives
        if key not in gold_by_key:
            for field in FIELDS:
                scores[field].add(_items(found, field), set())
    return scores
