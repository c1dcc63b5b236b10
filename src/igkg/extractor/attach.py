"""``igkg attach-text``: the words of an instrument, from a copy the user brought, matched to the
instrument's paragraph nodes and kept in a named graph of their own (docs/attach-text.md).

The bundled data holds no instrument's words (they are not ours to copy); a user who has the
official document (PDF, Word, a web page, text) reads it with the readers and the layout clean-up
of ``igkg extract``, cuts it into numbered paragraphs and sub-items (:mod:`.provisions`) and
matches them to the paragraphs and sub-items the graph has. A text whose numbering does not fit —
a paragraph or sub-item the graph has and the text lacks, one the text has and the graph lacks,
a number seen twice or out of order — is refused with one line per problem
(:class:`~igkg.errors.TextMismatch`, exit code 5), and nothing is written. A text that fits
becomes an :class:`AttachedText`: one ``igkg:provisionText`` per paragraph and sub-item, in the
graph ``…/graph/text/<instrument>``, which is also the IRI of the copy itself
(``igkg:TextCopy``: the file's name, its SHA-256, the date it was read).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, TextMismatch
from ..files import write_output
from ..formats.rdf_writer import serialize_quads
from ..graph import Graph
from ..namespaces import compact, sparql_prologue, text_graph
from ..queries.params import resolve_label
from ..results import ResultTable
from ..vocab import DCTERMS, IGKG, RDF, RDFS, SKOS, XSD
from .layout import prepare
from .provisions import Segmented, segment_provisions, series_of
from .reading import read_source

__all__ = ["AttachedText", "attach_text", "instrument_parts", "write_text_copy"]

_PARTS = sparql_prologue() + """SELECT ?paragraph ?number ?item ?itemNumber WHERE {
  ?paragraph a igkg:Paragraph ; eli:is_part_of ?instrument ; eli:number ?number .
  OPTIONAL { ?item a igkg:SubItem ; eli:is_part_of ?paragraph ; eli:number ?itemNumber
             OPTIONAL { ?item igkg:sequence ?sequence } }
} ORDER BY ?paragraph ?sequence ?itemNumber"""
_LABEL = sparql_prologue() + "SELECT ?label WHERE { ?instrument skos:prefLabel ?label } ORDER BY ?label LIMIT 1"
_ITEM_LABEL = re.compile(r"\(\s*([a-z]+)\s*\)$|\s([a-z]+)\)$")


@dataclass
class Parts:
    """An instrument's paragraphs by number, and each paragraph's sub-items (label → IRI, in order)."""

    paragraphs: dict[int, str] = field(default_factory=dict)
    items: dict[int, dict[str, str]] = field(default_factory=dict)

    def expected(self) -> dict[int, list[str]]:
        return {number: list(self.items.get(number, {})) for number in self.paragraphs}

    @property
    def sub_items(self) -> int:
        return sum(len(v) for v in self.items.values())


@dataclass
class AttachedText:
    """The words of an instrument's provisions read from one file, ready to be written."""

    instrument: str
    label: str
    source: str
    sha256: str
    read_on: date
    texts: dict[str, str]  # paragraph or sub-item IRI → its words
    paragraphs: int
    sub_items: int
    left_out: list[str] = field(default_factory=list)  # paragraphs of the text the graph lacks (only_known)
    unmodelled_items: list[str] = field(default_factory=list)  # "¶9(a)-(c)", kept in the paragraph's text

    @property
    def slug(self) -> str:
        return self.instrument.rstrip("/").rsplit("/", 1)[-1]

    @property
    def graph(self) -> ox.NamedNode:
        return text_graph(self.slug)

    def triples(self) -> list[ox.Triple]:
        copy = self.graph
        triples = [
            ox.Triple(copy, RDF.type, IGKG.TextCopy),
            ox.Triple(copy, IGKG.copyOf, ox.NamedNode(self.instrument)),
            ox.Triple(copy, RDFS.label, ox.Literal(f"{self.label}: the words of {self.source}", language="en")),
            ox.Triple(copy, IGKG.sourceFile, ox.Literal(self.source)),
            ox.Triple(copy, IGKG.sha256, ox.Literal(self.sha256)),
            ox.Triple(copy, DCTERMS.created, ox.Literal(self.read_on.isoformat(), datatype=XSD.date)),
        ]
        if self.left_out:
            note = f"Paragraphs of the file that the graph does not have, left out: {', '.join(self.left_out)}."
            triples.append(ox.Triple(copy, SKOS.editorialNote, ox.Literal(note, language="en")))
        triples += [ox.Triple(ox.NamedNode(iri), IGKG.provisionText, ox.Literal(words))
                    for iri, words in sorted(self.texts.items())]
        return triples

    def quads(self) -> list[ox.Quad]:
        return [ox.Quad(t.subject, t.predicate, t.object, self.graph) for t in self.triples()]

    def serialize(self, syntax: str = "ttl") -> bytes:
        """TriG or N-Quads keep the graph's name; Turtle (and the other triple syntaxes) do not,
        but a file holding one text copy is read into the copy's graph again (docs/graphs.md)."""
        return serialize_quads(self.quads(), syntax)

    def summary(self) -> str:
        items = f" and {self.sub_items} sub-items" if self.sub_items else ""
        return (f"{self.label}: the words of {self.paragraphs} paragraphs{items} from {self.source} "
                f"(SHA-256 {self.sha256[:12]}…)")

    def to_dict(self) -> dict[str, object]:
        return {"instrument": self.instrument, "label": self.label, "graph": self.graph.value,
                "source": self.source, "sha256": self.sha256, "date": self.read_on.isoformat(),
                "paragraphs": self.paragraphs, "sub_items": self.sub_items, "left_out": self.left_out,
                "unmodelled_items": self.unmodelled_items}


def instrument_parts(graph: Graph, instrument: ox.NamedNode) -> Parts:
    """The instrument's numbered paragraphs and their sub-items, as the graph has them."""
    rows = graph.store.query(_PARTS, {"instrument": instrument})
    assert isinstance(rows, ResultTable)
    parts = Parts()
    for row in rows:
        written = str(row["number"]).strip()
        if not written.isdigit():
            continue  # "B6" (a principle), a section letter: not a numbered paragraph
        parts.paragraphs[int(written)] = str(row["paragraph"])
        label = _ITEM_LABEL.search(str(row["itemNumber"])) if row["item"] is not None else None
        if label is not None:
            parts.items.setdefault(int(written), {})[label.group(1) or label.group(2)] = str(row["item"])
    for number, items in parts.items.items():  # the order of the series, whatever the sequence says
        series = series_of(list(items))
        parts.items[number] = dict(sorted(items.items(), key=lambda kv: series.index(kv[0]) if kv[0] in series
                                          else len(series)))
    return parts


def _problems(file: Path, found: Segmented, parts: Parts, only_known: bool) -> tuple[list[str], list[str]]:
    """One line per problem, and the paragraphs left out (``only_known``)."""
    name = file.name
    text = found.by_number()
    troubled = {p.where for p in found.problems}
    lines = [f"{name}: missing ¶{n}: the instrument has it, the text does not"
             for n in sorted(parts.paragraphs) if n not in text and f"¶{n}" not in troubled]
    extra = [n for n in sorted(text) if n not in parts.paragraphs]
    if not only_known:
        lines += [f"{name}: extra ¶{n} (line {text[n].line}): the text has it, the instrument does not"
                  for n in extra]
    for number in sorted(set(text) & set(parts.paragraphs)):
        provision = text[number]
        wanted = parts.items.get(number, {})
        if wanted:
            have = provision.labels
            lines += [f"{name}: missing ¶{number}({label}): the instrument has it, the text does not"
                      for label in wanted if label not in have and f"¶{number}({label})" not in troubled]
            lines += [f"{name}: extra ¶{number}({item.label}) (line {item.line}): the text has it, "
                      "the instrument does not" for item in provision.items if item.label not in wanted]
        if not provision.opening and not provision.items:
            lines.append(f"{name}: empty ¶{number} (line {provision.line}): a number without words")
    for problem in found.problems:
        if problem.kind == "repeated":
            what = "numbered again" + (f", after {problem.after}" if problem.after else "")
        else:
            what = f"comes after {problem.after}"
        lines.append(f"{name}: {problem.kind} {problem.where} (line {problem.line}): {what}")
    return lines, [f"¶{n}" for n in extra] if only_known else []


def attach_text(path: str | Path, instrument: str, graph: Graph, *, read_on: date | None = None,
                only_known: bool = False) -> AttachedText:
    """Read the copy of ``instrument`` (its label, acronym, symbol or IRI) in the file ``path``
    and match it to the instrument's paragraphs in ``graph``. Raises
    :class:`~igkg.errors.TextMismatch` (exit code 5) when its numbering does not fit.
    ``only_known`` leaves out, and lists, the paragraphs of the text that the graph does not
    have (an instrument modelled in part)."""
    file = Path(path)
    if str(path) == "-" or not file.is_file():
        raise InputError(f"{path}: no such file (attach-text reads a file: its name and hash are recorded)")
    node = resolve_label(graph.store, "instrument", instrument)
    parts = instrument_parts(graph, node)
    labels = graph.store.query(_LABEL, {"instrument": node})
    first = labels.rows[0][0] if isinstance(labels, ResultTable) and labels.rows else None
    label = first.value if isinstance(first, ox.Literal) else compact(node.value)
    if not parts.paragraphs:
        raise InputError(f"{label} has no numbered paragraphs in the graph: there is nothing to attach its text to")
    data = file.read_bytes()
    found = segment_provisions(prepare(read_source(file)).text, parts.expected())
    if not found.provisions:
        raise InputError(f"{file}: no numbered paragraphs found (lines such as '1. …'); is it the text of {label}?")
    problems, left_out = _problems(file, found, parts, only_known)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        raise TextMismatch(f"{file}: the numbering does not fit {label} ({len(parts.paragraphs)} paragraphs in the "
                           f"graph, {len(found.provisions)} in the text; {len(problems)} {noun} above); "
                           "nothing was written", problems)
    texts: dict[str, str] = {}
    unmodelled = []
    for provision in found.provisions:
        if provision.number not in parts.paragraphs:
            continue
        texts[parts.paragraphs[provision.number]] = provision.text
        wanted = parts.items.get(provision.number, {})
        for item in provision.items:
            if item.label in wanted:
                texts[wanted[item.label]] = item.text
        if provision.items and not wanted:
            unmodelled.append(f"¶{provision.number}({provision.labels[0]})-({provision.labels[-1]})")
    return AttachedText(
        instrument=node.value, label=label, source=file.name, sha256=hashlib.sha256(data).hexdigest(),
        read_on=read_on or date.today(), texts=texts, paragraphs=len(parts.paragraphs),
        sub_items=parts.sub_items, left_out=left_out, unmodelled_items=unmodelled)


def write_text_copy(attached: AttachedText, folder: Path) -> Path:
    """Write the copy as Turtle to ``folder/<instrument slug>-text.ttl`` (atomically; the folder
    is made; an earlier copy of the same instrument is replaced) and return the file. Read back
    with ``--data``, its triples go into the copy's graph."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    target = folder / f"{attached.slug}-text.ttl"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{folder}: cannot make the folder: {error.strerror or error}") from None
    write_output(attached.serialize("ttl"), target)
    return target
