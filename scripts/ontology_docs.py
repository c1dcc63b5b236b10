"""Write the HTML documentation of the igkg ontology (``make docs``): build/docs/index.html.

The classes and properties are documented by pyLODE (its OntPub profile) from ``ontology/igkg.ttl``,
with one example per main class: the triples of a real instance in the bundled graph, given to
pyLODE as ``skos:example`` (in the graph pyLODE reads, not in the ontology file). pyLODE's VocPub
profile does not list the concepts of a file with several concept schemes, so the schemes of
``ontology/schemes.ttl`` are a section this script adds to pyLODE's page, with its own entry in
the table of contents.

The page must open offline: pyLODE 3.3 inlines its CSS and its icons (``data:`` URIs) and loads no
script; the script checks the finished page and refuses to write one that would load anything
(a ``<script src>``, a stylesheet ``<link>``, an ``<img>``/``<iframe>`` source, a CSS ``@import``
or ``url()``) from elsewhere. Links to the reused vocabularies are plain hyperlinks.

Usage::

    python scripts/ontology_docs.py                 # writes build/docs/index.html
    python scripts/ontology_docs.py --out DIR       # writes DIR/index.html
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SKOS

import igkg

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "igkg.ttl"
SCHEMES = ROOT / "ontology" / "schemes.ttl"
IGKG = "https://w3id.org/igkg/ontology#"
ID = "https://w3id.org/igkg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Added to pyLODE's inline style: long example lines wrap instead of running under the contents.
EXTRA_STYLE = "<style>pre { white-space: pre-wrap; overflow-wrap: anywhere; }</style>"

#: Main class → the instance of the bundled graph shown as its example.
EXAMPLES: dict[str, str] = {
    IGKG + "RecommendationDocument": ID + "doc/wgec-second-take",
    IGKG + "Recommendation": ID + "doc/wgec-second-take/rec-4",
    IGKG + "Action": ID + "doc/wgec-second-take/rec-4-action-1",
    IGKG + "Citation": ID + "doc/wgec-second-take/rec-4-citation-1",
    IGKG + "Extraction": ID + "doc/wgec-second-take/modelling",
    IGKG + "SummitOutcome": ID + "instrument/tunis-agenda",
    IGKG + "Resolution": ID + "instrument/a-res-70-125",
    IGKG + "Report": ID + "instrument/cstd-wg-igf-improvements-report",
    IGKG + "Section": ID + "instrument/tunis-agenda/section-internet-governance",
    IGKG + "Paragraph": ID + "instrument/tunis-agenda/para-69",
    IGKG + "SubItem": ID + "instrument/tunis-agenda/para-72-g",
    IGKG + "StakeholderGroup": ID + "stakeholder-group/governments",
    IGKG + "StakeholderRole": ID + "role/governments-public-policy-authority",
    IGKG + "Audience": ID + "actor/public-policy-makers",
    IGKG + "Process": ID + "process/enhanced-cooperation",
    "http://www.w3.org/ns/org#Organization": ID + "actor/igf",
}

_PREFIX = re.compile(r"^@prefix\s+([\w-]*):\s*<([^>]+)>\s*\.", re.MULTILINE)


def file_prefixes() -> dict[str, str]:
    """The prefixes the Turtle files of ontology/ and data/ declare (first declaration wins)."""
    prefixes: dict[str, str] = {}
    for path in sorted([*(ROOT / "ontology").glob("*.ttl"), *(ROOT / "data").rglob("*.ttl")]):
        for name, namespace in _PREFIX.findall(path.read_text(encoding="utf-8")):
            if name and name not in prefixes and namespace not in prefixes.values():
                prefixes[name] = namespace
    return prefixes


def example_turtle(kg: igkg.KnowledgeGraph, instance: str, prefixes: dict[str, str]) -> str:
    """The instance's own triples as Turtle, with the prefixes they use."""
    result = kg.sparql(f"CONSTRUCT {{ <{instance}> ?p ?o }} WHERE {{ <{instance}> ?p ?o }}")
    triples = list(result) if isinstance(result, igkg.GraphResult) else []
    if not triples:
        raise SystemExit(f"ontology_docs: the example {instance} is not in the bundled graph")
    iris = {t.value for triple in triples for t in (triple.subject, triple.predicate, triple.object)
            if isinstance(t, ox.NamedNode)}
    iris |= {t.object.datatype.value for t in triples if isinstance(t.object, ox.Literal)}
    used = {p: ns for p, ns in sorted(prefixes.items()) if any(i.startswith(ns) for i in iris)}
    ordered = sorted(triples, key=lambda t: (t.predicate.value != RDF_TYPE, t.predicate.value, str(t.object)))
    text = (ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=used) or b"").decode()
    body = [line for line in text.strip().splitlines() if not line.startswith("@prefix")]
    header = [f"@prefix {p}: <{ns}> ." for p, ns in used.items() if re.search(rf"(?<![\w-]){p}:", "\n".join(body))]
    return "\n".join(header + body)


def documented_graph(kg: igkg.KnowledgeGraph) -> rdflib.Graph:
    """igkg.ttl plus one skos:example per main class, for pyLODE."""
    graph = rdflib.Graph()
    graph.parse(ONTOLOGY, format="turtle")
    prefixes = file_prefixes()
    for cls, instance in EXAMPLES.items():
        graph.add((rdflib.URIRef(cls), SKOS.example, rdflib.Literal(example_turtle(kg, instance, prefixes))))
    return graph


def _rows(kg: igkg.KnowledgeGraph, sparql: str) -> list[dict[str, object]]:
    result = kg.sparql(sparql)
    return result.to_dicts() if isinstance(result, igkg.ResultTable) else []


_SCHEMES = """SELECT ?scheme ?label ?definition WHERE {
  ?scheme a skos:ConceptScheme ; skos:prefLabel ?label .
  OPTIONAL { ?scheme skos:definition ?definition }
} ORDER BY ?label"""
_CONCEPTS = """SELECT ?concept ?label ?notation ?definition ?kind ?rank WHERE {
  ?concept skos:inScheme <%s> ; skos:prefLabel ?label .
  OPTIONAL { ?concept skos:notation ?notation }
  OPTIONAL { ?concept skos:definition ?definition }
  OPTIONAL { ?concept igkg:verbKind/skos:prefLabel ?kind }
  OPTIONAL { ?concept igkg:strengthRank ?rank }
} ORDER BY ?rank ?kind ?label"""


def schemes_section(kg: igkg.KnowledgeGraph) -> tuple[str, str]:
    """(the section's HTML, its table-of-contents entry), every value escaped."""
    e = html.escape
    parts = ['<div class="section" id="schemes">', "<h2>Concept schemes</h2>",
             "<p>The SKOS concept schemes of <code>ontology/schemes.ttl</code>: the values of "
             "<code>igkg:verb</code>, <code>igkg:verbKind</code>, <code>dcterms:subject</code>, "
             "<code>igkg:documentStatus</code>, <code>igkg:verificationStatus</code>, "
             "<code>igkg:resolution</code> and <code>org:classification</code>.</p>"]
    toc = ['<li><h4><a href="#schemes">Concept schemes</a></h4><ul class="second">']
    for number, scheme in enumerate(_rows(kg, _SCHEMES), start=1):
        anchor = f"scheme-{number}"
        iri = str(scheme["scheme"])
        parts.append(f'<div class="property entity" id="{anchor}"><h3>{e(str(scheme["label"]))}</h3>')
        parts.append(f"<p><code>{e(iri)}</code></p>")
        if scheme.get("definition"):
            parts.append(f"<p>{e(str(scheme['definition']))}</p>")
        concepts = _rows(kg, _CONCEPTS % iri)
        extra = [c for c in ("notation", "kind", "rank") if any(row.get(c) is not None for row in concepts)]
        heads = {"notation": "notation", "kind": "kind", "rank": "strength rank"}
        parts.append("<table><tr><th>concept</th><th>IRI</th>"
                     + "".join(f"<th>{heads[c]}</th>" for c in extra) + "<th>definition</th></tr>")
        for row in concepts:
            cells = [e(str(row["label"])), f"<code>{e(str(row['concept']))}</code>"]
            cells += [e("" if row.get(c) is None else str(row[c])) for c in extra]
            cells.append(e(str(row.get("definition") or "")))
            parts.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        parts.append("</table></div>")
        toc.append(f'<li><a href="#{anchor}">{e(str(scheme["label"]))}</a></li>')
    parts.append("</div>")
    toc.append("</ul></li>")
    return "\n".join(parts), "".join(toc)


class _Loads(HTMLParser):
    """Collects everything a page would fetch when opened."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "style":
            self._in_style = True
        if tag in ("script", "img", "iframe", "embed", "source", "audio", "video") and values.get("src"):
            self.fetches.append(f"<{tag} src={values['src']}>")
        if tag == "link" and not values.get("href", "").startswith(("data:", "#")):
            self.fetches.append(f"<link rel={values.get('rel')} href={values.get('href')}>")
        if tag == "object" and values.get("data"):
            self.fetches.append(f"<object data={values['data']}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for found in re.findall(r"@import[^;]*|url\(\s*['\"]?(?!data:)[^)]*\)", data):
                self.fetches.append(f"CSS {found}")


def external_loads(page: str) -> list[str]:
    """What the page would load from elsewhere when opened (empty: it works offline)."""
    parser = _Loads()
    parser.feed(page)
    return parser.fetches


def render(kg: igkg.KnowledgeGraph) -> str:
    from pylode import OntPub  # the docs extra: pip install -e ".[docs]"

    logging.getLogger().setLevel(logging.WARNING)  # pyLODE logs its progress at INFO on the root logger

    page = str(OntPub(documented_graph(kg)).make_html(include_css=True))
    section, toc_entry = schemes_section(kg)
    namespaces = page.find('<div id="namespaces">')
    if namespaces < 0 or '<a href="#namespaces">' not in page:
        raise SystemExit("ontology_docs: pyLODE's page has no namespaces section to put the schemes before")
    page = page[:namespaces] + section + "\n" + page[namespaces:]
    toc_item = page.rfind("<li>", 0, page.find('<a href="#namespaces">'))
    page = page[:toc_item] + toc_entry + page[toc_item:]
    return page.replace("</head>", EXTRA_STYLE + "</head>", 1)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "docs", help="folder for index.html")
    args = parser.parse_args(list(argv) if argv is not None else None)
    page = render(igkg.load())
    loads = external_loads(page)
    if loads:
        print("ontology_docs: the page would load from elsewhere: " + "; ".join(loads), file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "index.html"
    target.write_text(page, encoding="utf-8")
    print(f"Wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} "
          f"({len(page.encode()) // 1024} KiB; opens offline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
