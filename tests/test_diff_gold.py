"""`igkg diff` against the gold-annotated pairs of drafts in tests/data/diff/ (see its README):
alignment and per-field change precision / recall, every pair and every kind of change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import igkg
from igkg.drafts.compare import KINDS
from igkg.drafts.scoring import FIELDS, Score, score_diff
from paths import DATA, ROOT

PAIRS = sorted((DATA / "diff").glob("*.gold.json"))
#: The floors measured when the pairs were written (all 1.00): a change that lowers one fails.
FLOOR = 0.99


def _gold(path: Path) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return gold


@pytest.fixture(scope="module")
def kg() -> igkg.KnowledgeGraph:
    return igkg.load()


@pytest.mark.parametrize("gold_file", PAIRS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_each_pair_is_aligned_and_described_as_the_gold_says(gold_file: Path, kg: igkg.KnowledgeGraph) -> None:
    gold = _gold(gold_file)
    predicted = igkg.diff(ROOT / gold["old"], ROOT / gold["new"], graph=kg).to_dict()
    assert predicted["old"]["units"] == gold["old_units"] and predicted["new"]["units"] == gold["new_units"]
    scores = score_diff(predicted, gold)
    low = {name: str(score) for name, score in scores.items() if score.f1 < FLOOR}
    assert low == {}


def test_the_pairs_cover_every_kind_of_change_and_strength() -> None:
    kinds = {c["kind"] for path in PAIRS for c in _gold(path)["changes"]}
    strengths = {c["strength"] for path in PAIRS for c in _gold(path)["changes"]}
    assert kinds == set(KINDS) and {"stronger", "weaker", "mixed"} <= strengths
    formats = {Path(_gold(path)[side]).suffix for path in PAIRS for side in ("old", "new")}
    assert {".txt", ".md", ".html"} <= formats


def test_micro_averaged_scores(kg: igkg.KnowledgeGraph) -> None:
    totals = {name: Score() for name in ("alignment", *FIELDS)}
    for path in PAIRS:
        gold = _gold(path)
        for name, score in score_diff(igkg.diff(ROOT / gold["old"], ROOT / gold["new"], graph=kg).to_dict(),
                                      gold).items():
            totals[name].true_positives += score.true_positives
            totals[name].false_positives += score.false_positives
            totals[name].false_negatives += score.false_negatives
    assert all(score.f1 >= FLOOR for score in totals.values()), {n: str(s) for n, s in totals.items()}
