"""A synthetic corpus shaped like igkg's data, for benchmarks and large-load tests.

Many recommendation documents of 10-20 bullets (about 15), each bullet with one or two operative
actions addressed to actors of the bundled reference data, mentions, and qualified citations of
Tunis Agenda paragraphs (about 21 triples per bullet, 330 per document). Every resource it links to
(paragraphs, actors, verbs, topics) exists in the bundled graph, so the named queries find the
generated recommendations exactly as they find the seed document's.

    python benchmarks/corpus.py --triples 1000000 --out build/bench/corpus-1m.nt
    python benchmarks/corpus.py --triples 20000 --out corpus.ttl      # Turtle, from the extension

From Python (tests and other benchmarks)::

    from corpus import write_corpus
    info = write_corpus(path, triples=20_000)   # -> CorpusInfo(documents=…, recommendations=…, triples=…)

Deterministic: the same arguments give the same file. Files are written where you say (use a
temporary or ``build/`` folder; generated corpora are not committed).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

IGKG = "https://w3id.org/igkg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
ID = "https://w3id.org/igkg/id/"
CONCEPT = "https://w3id.org/igkg/concept/"
TA = ID + "instrument/tunis-agenda"

#: Operative verbs (slug, as written) that take an addressee, and ones that do not.
ADDRESSING_VERBS = [("encourages", "Encourages"), ("invites", "Invites"), ("urges", "Urges"),
                    ("requests", "Requests"), ("calls-upon", "Calls upon"), ("congratulates", "Congratulates")]
OTHER_VERBS = [("acknowledges", "Acknowledges"), ("reaffirms", "Reaffirms"), ("notes", "Notes"),
               ("welcomes", "Welcomes"), ("emphasizes", "Emphasizes"), ("recommends", "Recommends")]
#: Agents of the bundled reference data (data/actors/), with the words a bullet uses for them.
ACTORS = [("actor/igf", "the IGF"), ("actor/itu", "the ITU"), ("actor/icann", "ICANN"),
          ("actor/cstd", "the CSTD"), ("stakeholder-group/governments", "governments"),
          ("stakeholder-group/civil-society", "civil society"),
          ("stakeholder-group/private-sector", "the private sector"),
          ("actor/all-stakeholders", "all stakeholders")]
TOPICS = ["multistakeholder-approach", "stakeholder-roles", "enhanced-cooperation", "igf-role",
          "institutional-arrangements", "public-policy", "stakeholder-engagement", "open-internet"]
#: Tunis Agenda paragraphs that exist in data/instruments/tunis-agenda.ttl (1-122).
PARAGRAPHS = list(range(29, 123))


@dataclass(frozen=True)
class CorpusInfo:
    documents: int
    recommendations: int
    triples: int


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _document(index: int, rng: random.Random, counter: list[int]) -> Iterator[ox.Triple]:
    doc = _n(f"{ID}doc/synthetic-{index:06d}")
    yield ox.Triple(doc, RDF_TYPE, _n(IGKG + "RecommendationDocument"))
    yield ox.Triple(doc, _n(DCTERMS + "title"), ox.Literal(f"Synthetic recommendations {index:06d}", language="en"))
    yield ox.Triple(doc, _n(IGKG + "documentStatus"), _n(CONCEPT + "document-status/draft"))
    for position in range(1, rng.randint(10, 20) + 1):
        counter[0] += 1
        rec = _n(f"{doc.value}/rec-{position}")
        verb, as_written = rng.choice(ADDRESSING_VERBS + OTHER_VERBS)
        actor, name = rng.choice(ACTORS)
        paragraph = rng.choice(PARAGRAPHS)
        text = f"{as_written} {name} to act on paragraph {paragraph} of the Tunis Agenda (bullet {position})."
        yield ox.Triple(rec, RDF_TYPE, _n(IGKG + "Recommendation"))
        yield ox.Triple(rec, _n(ELI + "is_part_of"), doc)
        yield ox.Triple(rec, _n(IGKG + "position"), _int(position))
        yield ox.Triple(rec, _n(IGKG + "text"), ox.Literal(text, language="en"))
        yield ox.Triple(rec, _n(IGKG + "mentions"), _n(ID + actor))
        yield ox.Triple(rec, _n(DCTERMS + "subject"), _n(CONCEPT + "topic/" + rng.choice(TOPICS)))
        actions = 2 if rng.random() < 0.25 else 1
        for k in range(1, actions + 1):
            action = _n(f"{rec.value}-action-{k}")
            slug, written = (verb, as_written) if k == 1 else rng.choice(ADDRESSING_VERBS)
            yield ox.Triple(rec, _n(IGKG + "hasAction"), action)
            yield ox.Triple(action, RDF_TYPE, _n(IGKG + "Action"))
            yield ox.Triple(action, _n(IGKG + "actionPosition"), _int(k))
            yield ox.Triple(action, _n(IGKG + "verb"), _n(CONCEPT + "verb/" + slug))
            yield ox.Triple(action, _n(IGKG + "verbAsWritten"), ox.Literal(written))
            if (slug, written) in ADDRESSING_VERBS:
                yield ox.Triple(action, _n(IGKG + "addressee"), _n(ID + actor))
        cited = [paragraph] + ([rng.choice(PARAGRAPHS)] if rng.random() < 0.3 else [])
        citation = _n(f"{rec.value}-citation-1")
        yield ox.Triple(rec, _n(IGKG + "qualifiedCitation"), citation)
        yield ox.Triple(citation, RDF_TYPE, _n(IGKG + "Citation"))
        yield ox.Triple(citation, _n(IGKG + "asWritten"), ox.Literal(f"paragraph {paragraph} of the Tunis Agenda"))
        yield ox.Triple(citation, _n(IGKG + "citedInstrument"), _n(TA))
        yield ox.Triple(citation, _n(IGKG + "resolution"), _n(CONCEPT + "citation-resolution/explicit"))
        for number in sorted(set(cited)):
            yield ox.Triple(rec, _n(ELI + "cites"), _n(f"{TA}/para-{number}"))
            yield ox.Triple(citation, _n(IGKG + "citedProvision"), _n(f"{TA}/para-{number}"))


def iter_corpus(triples: int, seed: int = 1) -> tuple[Iterator[ox.Triple], list[int]]:
    """Triples of whole documents until at least ``triples`` are produced. The returned list
    holds ``[recommendations, documents, triples]`` and is filled in as the iterator runs."""
    counts = [0, 0, 0]

    def run() -> Iterator[ox.Triple]:
        rng = random.Random(seed)
        index = 0
        while counts[2] < triples:
            index += 1
            counts[1] = index
            for triple in _document(index, rng, counts):
                counts[2] += 1
                yield triple

    return run(), counts


def write_corpus(path: str | Path, triples: int = 1_000_000, seed: int = 1) -> CorpusInfo:
    """Write a corpus of about ``triples`` triples to ``path`` (N-Triples, or Turtle for ``.ttl``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    syntax = ox.RdfFormat.TURTLE if path.suffix == ".ttl" else ox.RdfFormat.N_TRIPLES
    stream, counts = iter_corpus(triples, seed)
    prefixes = {"igkg": IGKG, "eli": ELI, "dcterms": DCTERMS} if syntax == ox.RdfFormat.TURTLE else None
    ox.serialize(stream, output=path, format=syntax, prefixes=prefixes)
    return CorpusInfo(documents=counts[1], recommendations=counts[0], triples=counts[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="file to write (.nt or .ttl)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    info = write_corpus(args.out, args.triples, args.seed)
    print(f"{args.out}: {info.triples} triples, {info.documents} documents, "
          f"{info.recommendations} recommendations ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
