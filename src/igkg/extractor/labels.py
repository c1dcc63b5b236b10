"""Labels compiled for matching: a trie of every label of one kind of resource, as one regular
expression with and one without regard to case, and where each label was found in a text.

Names match regardless of case; acronyms and symbols (``IGF``, ``A/RES/70/125``), labels without
lower-case letters, and one-word labels written with a capital (``States``) match only as
written (:func:`case_sensitive`), so that "states" (the verb) is no mention. Matching is by
whole words, leftmost-longest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..vocab import ELI, IGKG
from .reading import for_matching

__all__ = ["Match", "LabelIndex", "normalise_label", "case_sensitive", "trie_pattern"]

_CASE_SENSITIVE_PROPS = frozenset({IGKG.acronym.value, ELI.id_local.value})


def normalise_label(label: str) -> str:
    """Typographic characters made plain and whitespace collapsed, as in the matching text."""
    return " ".join(for_matching(label).split())


def case_sensitive(label: str, prop: str) -> bool:
    if prop in _CASE_SENSITIVE_PROPS or not any(c.islower() for c in label):
        return True
    return " " not in label and label[:1].isupper()


def trie_pattern(words: Iterable[str]) -> str:
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        children = sorted((c, sub) for c, sub in node.items() if c)
        if not children:
            return ""
        alternatives = [re.escape(c) + build(sub) for c, sub in children]
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_WORD = re.compile(r"\w")
_COORDINATED_MODIFIER = re.compile(r"(?<![\w-])([A-Za-z][\w-]*)\s(?:and|or)\s$")


class Match(NamedTuple):
    """Where a label was found in a matching text, and what it names (a named tuple: units
    make tens of thousands of them)."""

    start: int
    end: int
    iris: tuple[str, ...]


class LabelIndex:
    """Labels of one kind of resource, compiled into two regular expressions (with and
    without regard to case)."""

    def __init__(self, entries: Iterable[tuple[str, str, bool]]) -> None:
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.folded: dict[str, set[str]] = defaultdict(set)
        for label, iri, case_sensitive in entries:
            key = normalise_label(label)
            if len(key) < 2:
                continue
            if case_sensitive:
                self.exact[key].add(iri)
            else:
                self.folded[key.lower()].add(iri)
        # each label's resources as a sorted tuple, made once (a match carries them)
        self._exact_iris = {key: tuple(sorted(iris)) for key, iris in self.exact.items()}
        self._folded_iris = {key: tuple(sorted(iris)) for key, iris in self.folded.items()}
        # the case-sensitive labels start with capitals, rare in a text: a pattern that starts
        # with the trie lets the engine skip to them (a leading look-behind would make it try
        # every position); the look-behind is checked on each hit instead (:meth:`_exact_matches`)
        self._exact = re.compile(r"(?:" + trie_pattern(self.exact) + r")(?!\w)") if self.exact else None
        # folded labels are matched on the lower-cased text: a case-sensitive trie is much
        # faster than an IGNORECASE one (the IGNORECASE one is kept for texts that lower() resizes)
        self._folded = self._compile(self.folded, 0)
        self._folded_any_case: re.Pattern[str] | None = None

    @staticmethod
    def _compile(keys: dict[str, set[str]], flags: int) -> re.Pattern[str] | None:
        if not keys:
            return None
        return re.compile(r"(?<!\w)(?:" + trie_pattern(keys) + r")(?!\w)", flags)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in ``text``, leftmost first, the longest at each place."""
        exact: list[Match] = []
        if self._exact is not None:
            exact_iris = self._exact_iris
            for m in self._exact_matches(self._exact, text):
                iris = exact_iris.get(m.group())
                if iris:
                    exact.append(Match(m.start(), m.end(), iris))
        folded: list[Match] = []
        if self._folded is not None:
            lower = text.lower()
            if len(lower) == len(text):
                matches = self._folded.finditer(lower)
            else:
                if self._folded_any_case is None:
                    self._folded_any_case = self._compile(self.folded, re.IGNORECASE)
                assert self._folded_any_case is not None
                matches = self._folded_any_case.finditer(text)
            folded_iris = self._folded_iris
            for m in matches:
                iris = folded_iris.get(m.group().lower())
                if iris:
                    folded.append(Match(m.start(), m.end(), iris))
        if exact and folded:  # each pass is leftmost-longest already; only the two need merging
            chosen: list[Match] = []
            for match in sorted(exact + folded, key=lambda m: (m.start, m.start - m.end)):
                if not chosen or match.start >= chosen[-1].end:
                    chosen.append(match)
        else:
            chosen = exact or folded
        return self._shared_heads(text, chosen) if chosen else chosen

    @staticmethod
    def _exact_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        r"""What ``(?<!\w)`` + ``pattern`` finds with ``finditer``: a hit right after a word
        character is skipped, and the search goes on from the next character."""
        search, position = pattern.search, 0
        while (match := search(text, position)) is not None:
            start = match.start()
            if start and _WORD.match(text, start - 1) is not None:
                position = start + 1
                continue
            yield match
            position = match.end()

    def _lookup(self, label: str) -> set[str]:
        return self.exact.get(label) or self.folded.get(label.lower()) or set()

    def _shared_heads(self, text: str, chosen: list[Match]) -> list[Match]:
        """ "intergovernmental and international organizations": two labels sharing their head
        noun ("intergovernmental organizations", "international organizations") are one match
        naming both."""
        if " and " not in text and " or " not in text:
            return chosen
        merged: list[Match] = []
        for match in chosen:
            if (
                text.find(" and ", max(0, match.start - 40), match.start) < 0
                and text.find(" or ", max(0, match.start - 40), match.start) < 0
            ):
                merged.append(match)
                continue
            words = text[match.start : match.end].split(" ", 1)
            before = _COORDINATED_MODIFIER.search(text, max(0, match.start - 40), match.start)
            if len(words) == 2 and before is not None and (not merged or merged[-1].end <= before.start()):
                other = self._lookup(f"{before.group(1)} {words[1]}")
                if other and not other & set(match.iris):
                    merged.append(Match(before.start(1), match.end, tuple(sorted(other | set(match.iris)))))
                    continue
            merged.append(match)
        return merged
