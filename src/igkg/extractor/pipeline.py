"""From a text to an :class:`~igkg.extractor.document.ExtractedDocument`: which list items are
recommendations, and what each one does, addresses, mentions and cites.

Which items are recommendations: an item that opens with an operative verb of the scheme is
one (items nested under it are part of its text, unless it is complete and they open with a
verb of their own). An item that does not, but has such items under it, is a heading. Other
items count when they use the same kind of marker as the recommendations (their opening word
is then reported as an unknown verb); otherwise they are headings or notes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .._version import __version__
from ..errors import ParseError
from ..namespaces import document_iri
from ..resources import bundle_root
from .agents import addressees
from .document import ExtractedDocument
from .lexicon import Lexicon, Match
from .model import Action, Citation, Evidence, ExtractionWarning, Link, Provision, Recommendation
from .reading import SourceText, for_matching
from .references import Context, find_citations
from .segment import CleanText, Item, clean_text, segment
from .subjects import subject_first
from .verbs import find_actions, opening_verb

__all__ = ["extract_document", "slugify", "EXTRACTOR"]

EXTRACTOR = f"igkg {__version__}"
_TERMINAL = (".", ";", "!", "?")

Entry = tuple[str, list[tuple[int, int]], Item | None]


def slugify(text: str) -> str:
    """``"A second take on #WGEC recommendations"`` → ``"a-second-take-on-wgec-recommendations"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-")
    return slug or "document"


def _source_file(source: SourceText) -> str:
    """The source path relative to the repository when it is inside, else its file name."""
    if source.path is None:
        return ""
    resolved = source.path.resolve()
    try:
        return resolved.relative_to(bundle_root().resolve()).as_posix()
    except ValueError:
        return source.path.name


class _Planner:
    """Decides, in document order, what each block and list item is."""

    def __init__(self, text: str, operative: Callable[[str], bool]) -> None:
        self.text = text
        self.operative = operative
        self._own: dict[int, str] = {}

    def own(self, item: Item) -> str:
        """The item's own text, without the items nested under it."""
        key = id(item)
        if key not in self._own:
            self._own[key] = clean_text(self.text, item.ranges).text
        return self._own[key]

    def ranges(self, item: Item, folded: list[Item]) -> list[tuple[int, int]]:
        ranges = list(item.ranges)
        for child in folded:
            marker_end = child.ranges[0][0] if child.ranges else child.start + len(child.marker)
            ranges.append((child.start, marker_end))
            ranges.extend(child.ranges)
            ranges.extend(self.ranges(child, child.children)[len(child.ranges) :])
        return ranges

    def expand(self, item: Item) -> list[Entry]:
        own = self.own(item)
        if self.operative(own):
            folded: list[Item] = []
            split: list[Entry] = []
            complete = own.rstrip().endswith(_TERMINAL)
            for child in item.children:
                if complete and self.operative(self.own(child)):
                    split.extend(self.expand(child))
                else:
                    folded.append(child)
            return [("rec", self.ranges(item, folded), item), *split]
        if item.children and any(self.operative(self.own(d)) for d in item.descendants()):
            entries: list[Entry] = [("heading", item.ranges, None)]
            for child in item.children:
                entries.extend(self.expand(child))
            return entries
        return [("candidate", self.ranges(item, item.children), item)]

    def plan(self, blocks: list) -> list[Entry]:  # type: ignore[type-arg]
        entries: list[Entry] = []
        for block in blocks:
            if block.item is None:
                entries.append((block.kind, block.ranges, None))
            else:
                entries.extend(self.expand(block.item))
        families = Counter(item.family for kind, _r, item in entries if kind == "rec" and item is not None)
        if not families:
            families = Counter(item.family for kind, _r, item in entries if kind == "candidate" and item is not None)
        dominant = families.most_common(1)[0][0] if families else None
        planned: list[Entry] = []
        for kind, ranges, item in entries:
            if kind == "candidate" and item is not None:
                own = self.own(item)
                if item.family == dominant:
                    kind = "rec"
                elif len(own.split()) <= 12 and not own.endswith(_TERMINAL):
                    kind = "heading"
                else:
                    kind = "paragraph"
            planned.append((kind, ranges, item))
        return planned


def _links(matches: list[Match], evidence: Callable[[int, int], Evidence]) -> list[Link]:
    links: dict[str, Link] = {}
    for match in matches:
        for iri in match.iris:
            links.setdefault(iri, Link(iri)).evidence.append(evidence(match.start, match.end))
    return list(links.values())


def _recommendation(
    position: int, clean: CleanText, source: str, lexicon: Lexicon, context: Context, warnings: list[ExtractionWarning]
) -> Recommendation:
    text = for_matching(clean.text)

    def evidence(start: int, end: int) -> Evidence:
        a, b = clean.source_span(start, end)
        return Evidence(a, b, source[a:b])

    opening = opening_verb(text, lexicon)
    found_verbs = find_actions(text, lexicon, opening)
    agents = lexicon.agents.find(text)
    rec = Recommendation(position, clean.text, evidence(0, len(text)))
    for index, verb in enumerate(found_verbs):
        who = addressees(text, verb.end, agents)
        rec.actions.append(
            Action(
                index + 1,
                verb.verb,
                clean.text[verb.start : verb.end],
                evidence(verb.start, verb.end),
                _links(who, evidence),
            )
        )
    # "Invites and encourages all stakeholders to …": the first verb shares the second's object
    for action, following in zip(reversed(rec.actions[:-1]), reversed(rec.actions[1:]), strict=True):
        between = text[found_verbs[action.position - 1].end : found_verbs[following.position - 1].start]
        if not action.addressees and re.fullmatch(r"[\s,]*(?:and|or)?\s*", between):
            action.addressees = [Link(link.iri, list(link.evidence)) for link in following.addressees]
    first = subject_first(text, lexicon, agents) if opening is None or opening.verb is None else None
    if first is not None:  # "Governments are urged to …", "The MAG should …"
        phrase = clean.text[first.start : first.end]
        subject_links = _links(first.addressees, evidence)
        rec.actions.insert(0, Action(1, first.verb, phrase, evidence(first.start, first.end), subject_links))
        for number, action in enumerate(rec.actions, start=1):
            action.position = number
    elif opening is None or opening.verb is None:
        start, end = (opening.start, opening.end) if opening is not None else (0, min(len(text), 30))
        rec.unknown_verb = evidence(start, end)
        word = clean.text[start:end]
        warnings.append(
            ExtractionWarning(
                position,
                "unknown-verb",
                word,
                f"recommendation {position} opens with {word!r}, which is not an operative verb of the scheme "
                "(ontology/schemes.ttl)"
                + (f"; only its later verb{'s' if len(rec.actions) > 1 else ''} became actions" if rec.actions else
                   "; it has no action"),
            )
        )
    rec.mentions = _links(agents, evidence)
    topics = lexicon.topics.find(text)
    rec.topics = _links(topics, evidence)
    citations, unresolved = find_citations(text, lexicon.instruments.find(text), agents, topics, lexicon, context)
    for found in citations:
        if found.resolution == "explicit":
            provisions = [Provision(n, lexicon.provision(found.instrument, n)) for n in found.numbers]
            for provision in provisions:
                if provision.iri is None:
                    warnings.append(
                        ExtractionWarning(
                            position,
                            "unknown-paragraph",
                            provision.number,
                            f"recommendation {position} cites paragraph {provision.number} of the "
                            f"{lexicon.label(found.instrument)}, which the graph does not have",
                        )
                    )
        else:
            provisions = [Provision(lexicon.provision_number.get(p, ""), p) for p in found.provisions]
        rec.citations.append(
            Citation(
                found.instrument,
                clean.text[found.start : found.end],
                evidence(found.start, found.end),
                found.resolution,
                provisions,
                found.note or None,
            )
        )
    for item in unresolved:
        words = clean.text[item.start : item.end]
        warnings.append(
            ExtractionWarning(
                position,
                "unresolved-reference",
                words,
                f"recommendation {position}: {words!r} names no instrument, and none was cited before it",
            )
        )
    return rec


def extract_document(
    source: SourceText, lexicon: Lexicon, *, slug: str | None = None, status: str = "draft"
) -> ExtractedDocument:
    """Extract the recommendations of a text with the names and verbs of ``lexicon``."""
    text = source.text

    def operative(body: str) -> bool:
        matching = for_matching(" ".join(body.split()))
        opening = opening_verb(matching, lexicon)
        if opening is not None and opening.verb is not None:
            return True
        return subject_first(matching, lexicon, lexicon.agents.find(matching)) is not None

    layout = segment(text, operative)
    if not layout.items():
        raise ParseError(
            "no recommendation bullets found (expected lines starting with •, -, *, 1., 1) or (a))",
            path=source.name,
        )
    planner = _Planner(text, operative)
    context = Context()
    warnings: list[ExtractionWarning] = []
    recommendations: list[Recommendation] = []
    title = ""
    notes: list[str] = []
    for kind, ranges, _item in planner.plan(layout.blocks):
        clean = clean_text(text, ranges)
        if not clean.text:
            continue
        if kind == "rec":
            recommendations.append(_recommendation(len(recommendations) + 1, clean, text, lexicon, context, warnings))
            continue
        if (
            not title
            and not recommendations
            and (kind in ("title", "heading") or (kind == "paragraph" and len(clean.text.split()) <= 20))
        ):
            title = clean_text(text, ranges[:1]).text
            continue
        if kind == "paragraph" and len(clean.text.split()) <= 8 and not clean.text.endswith(_TERMINAL):
            kind = "heading"  # "**Participation**", "Follow-up"
        if kind in ("paragraph", "note"):
            notes.append(clean.text)
        mentioned = lexicon.instruments.find(for_matching(clean.text))
        if mentioned:
            context.last_instrument = mentioned[-1].iris[0]
    if not recommendations:
        raise ParseError("no recommendation bullets found (every list item is empty)", path=source.name)
    name = Path(source.name).stem if source.path is not None else ""
    title = title.rstrip(":").strip() or (name.replace("-", " ").replace("_", " ").strip() or "Untitled document")
    chosen = slugify(slug or name or title)
    return ExtractedDocument(
        source=source.name,
        title=title,
        slug=chosen,
        iri=document_iri(chosen),
        source_file=_source_file(source),
        status=status,
        recommendations=recommendations,
        notes=notes,
        warnings=warnings,
        labels=lexicon.labels,
        extractor=EXTRACTOR,
        text=text,
    )
