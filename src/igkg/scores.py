"""Precision, recall and F1 of a comparison with a gold annotation: the one :class:`Score` that
both wings which score themselves use (the extractor against ``*.gold.json`` documents,
``igkg diff`` against its gold changes). A leaf module: it imports nothing of igkg."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Score"]


@dataclass
class Score:
    """Counts of hits (true positives), extras (false positives) and misses (false negatives).
    An empty side scores 1.0 (nothing found of nothing wanted is no error)."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, predicted: Iterable[object], gold: Iterable[object]) -> None:
        """Count one comparison of sets of items (mutates the score)."""
        p, g = set(predicted), set(gold)
        self.true_positives += len(p & g)
        self.false_positives += len(p - g)
        self.false_negatives += len(g - p)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )

    def __str__(self) -> str:
        """``0.95 (1.00/0.91)``: F1, then precision / recall."""
        return f"{self.f1:.2f} ({self.precision:.2f}/{self.recall:.2f})"
