"""Variant labels of known bodies, made from the data's own labels by structural rules.

UN texts name a body in more ways than ``data/`` lists: with or without "United Nations" /
"UN" in front ("the Department of Economic and Social Affairs" for "United Nations Department
of Economic and Social Affairs"), in British or American spelling ("Organisation",
"Centre"), "all relevant …" for "all …", and followed by the organ it belongs to ("… of the
Secretariat", "… of the United Nations"; that tail is absorbed by :func:`extend_tail`). A
variant that is already a label of any resource, or that two resources would share, is dropped:
variants never create ambiguity.
A shortened variant matches only as written (with its capitals), so that "development
programme" in running text is no mention of UNDP.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

__all__ = ["label_variants", "extend_tail"]

_SPELLINGS = (("Organization", "Organisation"), ("Center", "Centre"), ("Program", "Programme"))
_PREFIX = re.compile(r"^(?:United Nations|UN)\s+(?P<rest>.+)$")
_TAIL = re.compile(r"\s(?:of|in)\sthe\s(?:United\sNations\s)?(?:Secretariat|United\sNations)(?![\w-])")


def _made(label: str) -> list[tuple[str, bool]]:
    """(variant, case-sensitive) pairs of one label."""
    made: list[tuple[str, bool]] = []
    prefixed = _PREFIX.match(label)
    if prefixed is not None:
        rest = prefixed["rest"]
        if len(rest.split()) >= 2 and rest[:1].isupper():
            made.append((rest, True))
        other = "UN " if label.startswith("United Nations") else "United Nations "
        made.append((other + rest, False))
    if label.startswith("all ") and len(label.split()) == 2:  # "all stakeholders" → "all relevant stakeholders"
        made.append(("all relevant " + label[4:], False))
    for a, b in _SPELLINGS:
        for x, y in ((a, b), (b, a)):
            if re.search(rf"\b{x}\b", label):
                made.append((re.sub(rf"\b{x}\b", y, label), False))
    return made


def label_variants(entries: Iterable[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """Extra (label, IRI, case-sensitive) entries for the agents' labels ``entries``."""
    entries = list(entries)
    known = {label.lower() for label, _iri, _cs in entries}
    owners: dict[str, set[str]] = defaultdict(set)
    found: dict[str, tuple[str, str, bool]] = {}
    for label, iri, _cs in entries:
        for variant, case_sensitive in _made(label):
            key = variant.lower()
            if key in known:
                continue
            owners[key].add(iri)
            found.setdefault(key, (variant, iri, case_sensitive))
    return [entry for key, entry in found.items() if len(owners[key]) == 1]


def extend_tail(text: str, end: int) -> int:
    """The end of a body's name with its organ: "… Social Affairs| of the Secretariat"."""
    tail = _TAIL.match(text, end)
    return tail.end() if tail is not None else end
