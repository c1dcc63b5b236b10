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
from .chapeaux import Speaker
from .document import ExtractedDocument
from .lexicon import Lexicon
from .model import Evidence, ExtractionWarning, Recommendation, no_cycle_collection
from .prepared import Prepared, markers_in, prepare_source
from .reading import SourceText, for_matching
from .references import Context
from .segment import CleanText, Item, clean_text, segment
from .sentences import boundaries
from .structure import Structure, heading_like, name_like
from .units import analyse_unit, footnotes_of
from .verbs import FoundVerb, lead_in, opening_verb, recommending_sentence

__all__ = ["extract_document", "slugify", "EXTRACTOR"]

EXTRACTOR = f"igkg {__version__}"
_TERMINAL = (".", ";", "!", "?")
#: A paragraph wholly in Markdown italics ("_Compiled by the Chair …_"): an editorial note.
_ITALIC = re.compile(r"\s*(?:_[^_\n]+(?:\n[^_\n]+)*_|\*[^*\s][^*]*\*)[.\s]*")
_LABELLED = re.compile(r"(?:Recommendation|Rec\.)\s*(\d+[a-z]?)", re.I)

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

    def __init__(self, text: str, operative: Callable[[str], bool], paragraph_unit: Callable[[str], bool]) -> None:
        self.text = text
        self.operative = operative
        self.paragraph_unit = paragraph_unit
        self._own: dict[int, CleanText] = {}
        self.folded: dict[int, list[Item]] = {}

    def release(self) -> None:
        """Forget the items' own texts (needed only while planning)."""
        self._own.clear()

    def own_clean(self, item: Item) -> CleanText:
        """The item's own text, without the items nested under it, with where it came from."""
        key = id(item)
        if key not in self._own:
            self._own[key] = clean_text(self.text, item.ranges)
        return self._own[key]

    def own(self, item: Item) -> str:
        return self.own_clean(item).text

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
        if item.family == "upper" and heading_like(own) and len(own.split()) <= 3 and not item.ranges[1:]:
            # "III. Notes", "IV. Recommendations": a roman or lettered line of one to three words is a
            # heading even when its word could be a verb ("Notes")
            section: list[Entry] = [("heading", item.ranges, item)]
            for child in item.children:
                section.extend(self.expand(child))
            return section
        if self._section_heading(item, own):
            section = [("heading", item.ranges, item)]
            for child in item.children:
                section.extend(self.expand(child))
            return section
        if self.operative(own):
            folded: list[Item] = []
            split: list[Entry] = []
            complete = own.rstrip().endswith(_TERMINAL)
            for child in item.children:
                # a complete item's nested items of its own kind that act are units of their own
                # ("• Encourages …" ⏎ "  • Requests …"); sub-points of another kind under a
                # numbered paragraph ("1) We suggest …" ⏎ "   - The MAG should …") are its own points
                if complete and child.family == item.family and self.operative(self.own(child)):
                    split.extend(self.expand(child))
                else:
                    folded.append(child)
            self.folded[id(item)] = folded
            return [("rec", self.ranges(item, folded), item), *split]
        if item.children and any(self.operative(self.own(d)) for d in item.descendants()):
            if own.rstrip().endswith((".", ";", "!", "?")) and not heading_like(own):
                # "5) The Policy Networks … are hard to find." ⏎ "- Publish all their outputs …": a
                # point made in a sentence, whose sub-points say what to do, is one unit
                self.folded[id(item)] = list(item.children)
                return [("rec", self.ranges(item, item.children), item)]
            entries: list[Entry] = [("heading", item.ranges, item)]
            for child in item.children:
                entries.extend(self.expand(child))
            return entries
        self.folded[id(item)] = list(item.children)
        return [("candidate", self.ranges(item, item.children), item)]

    def _section_heading(self, item: Item, own: str) -> bool:
        """ "III. Concluding observations" over numbered paragraphs: a lettered or roman-numbered
        line that reads as a heading, whose items are numbered paragraphs, is a section heading,
        even when its first word could be a participle ("Concluding", "Following")."""
        return (
            item.family == "upper"
            and bool(item.children)
            and heading_like(own)
            and all(child.family == "number" for child in item.children)
            and any(self.operative(self.own(child)) for child in item.children)
        )

    def _name_lists(self, entries: list[Entry]) -> set[int]:
        """The bulleted items that are names, not units or headings: two or more neighbouring
        bullets without a verb, each a short run of capitalised words ("Open Internet Alliance",
        "Asociación Red Libre, Chile", "Women in Tech Policy Network (Philippines)"). Numbered and
        lettered ones are left alone: "1.1 Purpose" ⏎ "1.2 Context" are headings."""
        named = [
            kind in ("candidate", "rec")
            and item is not None
            and item.family == "bullet"
            and not item.children
            and name_like(self.own(item))
            and not self.own(item).endswith(_TERMINAL)
            for kind, _ranges, item in entries
        ]
        listed: set[int] = set()
        i = 0
        while i < len(named):
            j = i
            while j < len(named) and named[j]:
                j += 1
            # a run of names with at least one item that has no verb at all: a name that reads as an
            # imperative ("Centre for Internet Policy Studies, Dhaka") is a name among names
            if j - i >= 2 and any(entries[k][0] == "candidate" for k in range(i, j)):
                listed.update(range(i, j))
            i = max(j, i + 1)
        return listed

    def plan(self, blocks: list) -> list[Entry]:  # type: ignore[type-arg]
        entries: list[Entry] = []
        absorbing = -1  # the entry of a recommending paragraph taking in the list after its ":"
        lead_ins: set[int] = set()  # recommending paragraphs ending in ":" that took in no list yet
        for block in blocks:
            if block.item is None:
                kind = block.kind
                text = clean_text(self.text, block.ranges).text if kind == "paragraph" else ""
                if text.endswith(":") and len(text.split()) >= 8 and self.paragraph_unit(text[:-1]):
                    # "Network operators … should deploy routing security measures, in particular:": a
                    # recommendation that goes on in the list below it (folded in when the list comes);
                    # one whose list items are units of their own is their chapeau, no unit
                    entries.append(("rec", block.ranges, None))
                    lead_ins.add(len(entries) - 1)
                    continue
                if (
                    kind == "paragraph"
                    and not _ITALIC.fullmatch(" ".join(self.text[a:b] for a, b in block.ranges))
                    and self.paragraph_unit(text)
                ):
                    kind = "rec"
                    previous = entries[-1] if entries else None
                    own_label = _LABELLED.match(text) is not None
                    if previous is not None and previous[0] == "rec" and _labelled(previous[2]) and not own_label:
                        # "Recommendation 8." ⏎ body ⏎⏎ "Where …, the registries should …": in a
                        # report whose recommendations are labelled, a recommending paragraph
                        # without a label goes on with the labelled one above it
                        entries[-1] = ("rec", [*previous[1], *block.ranges], previous[2])
                        continue
                entries.append((kind, block.ranges, None))
            else:
                expanded = self.expand(block.item)
                previous = entries[-1] if entries else None
                if (
                    previous is not None
                    and previous[0] == "rec"
                    and previous[2] is None
                    and len(expanded) == 1
                    and expanded[0][0] == "candidate"
                    and (absorbing == len(entries) - 1 or clean_text(self.text, previous[1][-1:]).text.endswith(":"))
                ):
                    # "… should deploy routing security measures, in particular:" ⏎ "- route origin
                    # validation, with: …": a recommending paragraph's list of what it asks for is its text
                    item = block.item
                    marker = [(item.start, item.ranges[0][0])] if item.ranges else []
                    entries[-1] = ("rec", [*previous[1], *marker, *expanded[0][1]], None)
                    absorbing = len(entries) - 1  # the list's next items too
                    lead_ins.discard(absorbing)
                    continue
                entries.extend(expanded)
        for index in lead_ins:
            following = entries[index + 1] if index + 1 < len(entries) else None
            if following is not None and following[2] is not None and following[0] == "rec":
                entries[index] = ("paragraph", entries[index][1], None)  # "… we agree on the following:" ⏎ "1. …"
        families = Counter(item.family for kind, _r, item in entries if kind == "rec" and item is not None)
        if not families:
            families = Counter(item.family for kind, _r, item in entries if kind == "candidate" and item is not None)
        dominant = families.most_common(1)[0][0] if families else None
        listed = self._name_lists(entries)
        planned: list[Entry] = []
        for index, (kind, ranges, item) in enumerate(entries):
            if index in listed:
                kind = "listed"  # "- Women in Tech Policy Network (Philippines)": a signatory
            elif kind == "candidate" and item is not None:
                own = self.own(item)
                if heading_like(own) and not item.children:
                    kind = "heading"
                elif item.family == dominant:
                    kind = "rec"
                elif len(own.split()) <= 12 and not own.endswith(_TERMINAL):
                    kind = "heading"
                else:
                    kind = "paragraph"
            planned.append((kind, ranges, item))
        return planned


def _labelled(item: Item | None) -> bool:
    """A "Recommendation 7:" / "Rec. 2" item."""
    return item is not None and item.marker.lower().startswith(("recommendation", "rec."))


def _number(item: Item | None) -> str | None:
    """The printed number of a unit's marker: "1." → "1", "Recommendation 7:" → "7", "(a)" → "a"."""
    if item is None or item.family == "bullet":
        return None
    labelled = _LABELLED.match(item.marker)
    number = labelled.group(1) if labelled else item.marker.strip(" ().:-–—")  # "Recommendation 3 (to X):" → "3"
    return number or None


def extract_document(
    source: SourceText, lexicon: Lexicon, *, slug: str | None = None, status: str = "draft"
) -> ExtractedDocument:
    """Extract the units of a text (recommendations, resolution paragraphs …) with the names and
    verbs of ``lexicon``, with the cyclic garbage collector paused (:func:`no_cycle_collection`)."""
    with no_cycle_collection():
        return _extract(source, lexicon, slug=slug, status=status)


def _extract(source: SourceText, lexicon: Lexicon, *, slug: str | None, status: str) -> ExtractedDocument:
    prepared = prepare_source(source, lexicon.agent_labels())
    text = prepared.text

    openings: dict[str, FoundVerb | None] = {}  # an item's text → its first sentence's verb

    def operative(body: str) -> bool:
        matching = for_matching(" ".join(body.split()))
        if matching not in openings:
            openings[matching] = opening_verb(matching, lexicon, imperative=True)
        return openings[matching] is not None

    recommending: dict[str, bool] = {}

    def unit_item(body: str) -> bool:
        """An item is a unit when its first sentence acts, or when a later one recommends
        ("**Accountability.** Mechanisms for redress should exist.")."""
        if operative(body):
            return True
        matching = for_matching(" ".join(body.split()))
        if matching not in recommending:
            recommending[matching] = recommending_sentence(matching, lexicon)
        return recommending[matching]

    def paragraph_unit(body: str) -> bool:
        matching = for_matching(" ".join(body.split()))
        if matching.endswith(":") or len(matching.split()) < 3:
            return False  # a chapeau ("We, the undersigned organizations:") or a heading
        if matching.startswith('"'):
            return False  # a quotation ('"The Forum should be a space for all," said the Chair'): another's words
        found = opening_verb(matching, lexicon)
        if found is None:
            # "**Funding.** We urge governments …": a label run into the paragraph, then its verb
            first = next(boundaries(matching), None)
            if first is not None and lead_in(matching, 0, first[0]):
                found = opening_verb(matching[first[1]:], lexicon)
        if (
            found is None
            and len(matching.split()) >= 6
            and matching.endswith(_TERMINAL)
            and ":" not in " ".join(matching.split()[:5])  # "Contact for this statement: …" is a label
        ):
            # "Make the outcomes of the Forum available in open formats.": a paragraph of messages
            # that opens with an imperative, as a list item may
            imperative = opening_verb(matching, lexicon, imperative=True)
            if imperative is not None and imperative.kind == "imperative":
                return True
        if found is not None and found.kind not in ("modal", "passive", "third", "plural"):
            return True
        if found is not None and (found.that_subject is not None or found.start < 3):
            return True
        # a principle stated in prose: some sentence recommends in its main clause ("Internet
        # governance should rest on …", "**Privacy.** Governments should …"); "The Internet
        # Society welcomes …" in prose is its author speaking, not a unit
        return recommending_sentence(matching, lexicon)

    layout = segment(text, operative)
    if not layout.items() and not any(b.kind == "paragraph" for b in layout.blocks):
        raise ParseError(
            "no recommendation bullets found (expected lines starting with •, -, *, 1., 1) or (a))",
            path=source.name,
        )
    planner = _Planner(text, unit_item, paragraph_unit)
    planned = planner.plan(layout.blocks)
    structure = Structure(text, planned)
    context = Context()
    warnings: list[ExtractionWarning] = []
    recommendations: list[Recommendation] = []
    candidates: list[str] = []
    seen_candidates: set[str] = set()  # the names in ``candidates`` (a big text has thousands)
    notes: list[str] = []
    original = prepared.original
    speaker = Speaker(lexicon)  # "The participants in the roundtable:" ⏎ "1. Call on …": their verbs
    for index, (kind, ranges, item) in enumerate(planned):
        # an item without folded sub-items: its own text, made while planning, is the unit's
        clean = planner.own_clean(item) if item is not None and ranges == item.ranges else clean_text(text, ranges)
        if not clean.text:
            continue
        speaker.see(kind, item, clean.text)
        if kind == "rec":
            position = len(recommendations) + 1
            labelled = _labelled(item)
            analysis = analyse_unit(
                position,
                clean.text,
                lexicon,
                context,
                _evidence(clean, prepared),
                warnings,
                imperative=True,  # a list item, or a paragraph that the planner found opens with one
                openings=openings if item is not None and not labelled else None,
                first_person=speaker.active,
                loose_imperative=labelled,
            )
            rec = analysis.recommendation
            rec.number = _number(item)
            rec.section = structure.section_of(index, _evidence_of(prepared))
            rec.kind = "preambular" if structure.preambular(analysis.opening_kind) else "operative"
            rec.footnotes = markers_in(prepared, ranges)
            if item is not None:
                rec.sub_items = structure.sub_items(planner.folded.get(id(item), []), _evidence_of(prepared))
            for name in analysis.candidates:
                if name not in seen_candidates:
                    seen_candidates.add(name)
                    candidates.append(name)
                    warnings.append(
                        ExtractionWarning(
                            position,
                            "candidate",
                            name,
                            f"recommendation {position} names {name!r}, which the graph does not know; add it to data/ "
                            "(a label of an organization, process or instrument) to link it",
                        )
                    )
            recommendations.append(rec)
            continue
        if kind in ("paragraph", "note", "listed") and index not in structure.title_block:
            notes.append(clean.text)
        mentioned = lexicon.instruments.find(for_matching(clean.text))
        if mentioned:
            context.last_instrument = mentioned[-1].iris[0]
    planner.release()
    if not recommendations and layout.items():
        raise ParseError("no recommendation bullets found (every list item is empty)", path=source.name)
    if not recommendations:
        raise ParseError(
            "no recommendation bullets found (expected lines starting with •, -, *, 1., 1) or (a), or paragraphs "
            "opening with an operative verb such as 'Recalling' or 'Requests')",
            path=source.name,
        )
    name = Path(source.name).stem if source.path is not None else ""
    title = structure.title.rstrip(":").strip() or (
        name.replace("-", " ").replace("_", " ").strip() or "Untitled document"
    )
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
        text=original,
        sections=structure.sections(_evidence_of(prepared)),
        footnotes=footnotes_of(prepared, lexicon, context, warnings),
        candidates=candidates,
        format=prepared.format,
    )


def _evidence_of(prepared: Prepared) -> Callable[[int, int], Evidence]:
    """Evidence of a span of the prepared text, in the original's offsets."""

    def evidence(start: int, end: int) -> Evidence:
        return Evidence(*_original_span(prepared, start, end))

    return evidence


def _original_span(prepared: Prepared, start: int, end: int) -> tuple[int, int, str]:
    """A span of the prepared text in the original: its last character's place + 1 is the end,
    so a footnote marker removed right after a word stays out ("CSTD", not "CSTD5")."""
    a = prepared.to_original(start)
    b = prepared.to_original(end - 1) + 1 if end > start else a
    return a, b, prepared.original[a:b]


class _UnitSpans:
    """Where the spans of one unit's clean text are in the source (one object per unit)."""

    __slots__ = ("clean", "prepared")

    def __init__(self, clean: CleanText, prepared: Prepared) -> None:
        self.clean = clean
        self.prepared = prepared

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        a, b = self.clean.source_span(start, end)
        return _original_span(self.prepared, a, b)


def _evidence(clean: CleanText, prepared: Prepared) -> Callable[[int, int], Evidence]:
    """Evidence of a span of a unit's clean text, worked out when first read."""
    spans = _UnitSpans(clean, prepared)

    def evidence(start: int, end: int) -> Evidence:
        return Evidence.deferred(spans, start, end)

    return evidence
