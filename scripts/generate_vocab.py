"""Generate src/igkg/vocab.py: the IRIs the code writes, as pyoxigraph ``NamedNode`` constants.

    python scripts/generate_vocab.py            # rewrite src/igkg/vocab.py
    python scripts/generate_vocab.py --check    # exit 1 if the file is out of date

igkg's own terms come from ``ontology/igkg.ttl`` (every class and property with a label and a
definition); the terms of reused vocabularies are the ones listed in ``REUSED`` below — the
terms the code touches. Each namespace is a class of constants, so an unknown name fails at
type-check time (mypy) and at import time of the module that uses it (AttributeError).
Deterministic (sorted, no timestamp), so tests/test_vocab.py can check that regenerating it
changes nothing.
"""

from __future__ import annotations

import argparse
import keyword
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "igkg.ttl"
TARGET = ROOT / "src" / "igkg" / "vocab.py"
IGKG_NAMESPACE = "https://w3id.org/igkg/ontology#"

#: class name → (namespace, what it is, the terms the code uses)
REUSED: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "RDF": ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "RDF", (
        "type", "Statement", "Property", "subject", "predicate", "object", "langString", "first", "rest",
        "nil",
    )),
    "RDFS": ("http://www.w3.org/2000/01/rdf-schema#", "RDF Schema", (
        "label", "comment", "Class", "subClassOf", "subPropertyOf", "domain", "range", "seeAlso",
        "isDefinedBy", "Literal", "Datatype",
    )),
    "OWL": ("http://www.w3.org/2002/07/owl#", "OWL", (
        "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "FunctionalProperty",
        "InverseFunctionalProperty", "TransitiveProperty", "SymmetricProperty", "Ontology", "NamedIndividual",
        "sameAs", "versionInfo", "imports",
    )),
    "XSD": ("http://www.w3.org/2001/XMLSchema#", "XML Schema datatypes", (
        "string", "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
        "decimal", "double", "float", "boolean", "date", "dateTime", "anyURI",
    )),
    "SKOS": ("http://www.w3.org/2004/02/skos/core#", "SKOS", (
        "Concept", "ConceptScheme", "prefLabel", "altLabel", "hiddenLabel", "definition", "note",
        "editorialNote", "inScheme", "topConceptOf", "hasTopConcept", "broader", "narrower", "related",
        "exactMatch", "closeMatch",
    )),
    "DCTERMS": ("http://purl.org/dc/terms/", "DCMI Metadata Terms", (
        "title", "subject", "description", "identifier", "source", "license", "publisher", "creator",
        "created", "modified", "date", "issued", "hasVersion", "isVersionOf", "references",
    )),
    "ELI": ("http://data.europa.eu/eli/ontology#", "European Legislation Identifier", (
        "LegalResource", "LegalResourceSubdivision", "is_part_of", "has_part", "cites", "number",
        "id_local", "date_document", "title",
    )),
    "ORG": ("http://www.w3.org/ns/org#", "W3C Organization Ontology", (
        "Organization", "FormalOrganization", "OrganizationalUnit", "subOrganizationOf", "classification",
        "hasSubOrganization", "memberOf", "Role",
    )),
    "PROV": ("http://www.w3.org/ns/prov#", "PROV-O", (
        "Entity", "Activity", "Agent", "wasGeneratedBy", "used", "wasDerivedFrom", "wasRevisionOf",
        "generatedAtTime", "wasAttributedTo",
    )),
    "OA": ("http://www.w3.org/ns/oa#", "Web Annotation", (
        "Annotation", "SpecificResource", "TextPositionSelector", "TextQuoteSelector", "hasBody",
        "hasTarget", "hasSource", "hasSelector", "motivatedBy", "start", "end", "exact", "prefix",
        "suffix", "identifying", "linking", "classifying", "describing",
    )),
    "FOAF": ("http://xmlns.com/foaf/0.1/", "FOAF", ("Agent", "Person", "Organization", "name", "homepage", "page")),
    "SD": ("http://www.w3.org/ns/sparql-service-description#", "SPARQL 1.1 Service Description", (
        "Service", "endpoint", "supportedLanguage", "SPARQL11Query", "resultFormat", "feature",
        "defaultDataset", "Dataset", "defaultGraph", "Graph", "namedGraph", "NamedGraph", "name", "graph",
        "UnionDefaultGraph", "BasicFederatedQuery", "inputFormat",
    )),
    "FORMATS": ("http://www.w3.org/ns/formats/", "W3C unique identifiers for file formats", (
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
        "RDF_XML",
    )),
    "VOID": ("http://rdfs.org/ns/void#", "VoID, the Vocabulary of Interlinked Datasets", (
        "Dataset", "triples", "entities", "classes", "properties", "distinctSubjects", "distinctObjects",
        "classPartition", "propertyPartition", "class", "property", "subset", "sparqlEndpoint", "vocabulary",
        "uriSpace", "dataDump", "rootResource", "feature",
    )),
    "DCAT": ("http://www.w3.org/ns/dcat#", "DCAT, the Data Catalog Vocabulary", (
        "Dataset", "Catalog", "Distribution", "DataService", "distribution", "accessURL", "downloadURL",
        "mediaType", "endpointURL", "servesDataset", "accessService", "keyword", "landingPage", "version",
        "theme", "contactPoint",
    )),
    "SH": ("http://www.w3.org/ns/shacl#", "SHACL", (
        "NodeShape", "PropertyShape", "path", "message", "resultMessage", "focusNode", "resultPath",
        "resultSeverity", "Violation", "Warning", "Info", "sourceShape", "value",
    )),
}

QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?kind ?definition WHERE {
  ?term a ?kind ; rdfs:label ?label ; skos:definition ?definition .
  VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty }
  FILTER (STRSTARTS(STR(?term), "https://w3id.org/igkg/ontology#"))
}
"""


def _igkg_terms() -> dict[str, tuple[str, str]]:
    store = ox.Store()
    store.load(path=ONTOLOGY)
    terms: dict[str, tuple[str, str]] = {}
    for row in store.query(QUERY):  # type: ignore[union-attr]
        name = row["term"].value[len(IGKG_NAMESPACE) :]
        kind = row["kind"].value.rsplit("#", 1)[-1]
        if name not in terms or kind == "ObjectProperty":  # a term typed twice: one entry
            terms[name] = (kind, " ".join(row["definition"].value.split()))
    return terms


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def render() -> str:
    lines = [
        '"""The IRIs igkg writes, as pyoxigraph terms: ``IGKG.Recommendation``, ``SKOS.prefLabel`` ….',
        "",
        "GENERATED by scripts/generate_vocab.py from ontology/igkg.ttl (igkg's own terms) and the list",
        "of reused terms in that script: do not edit by hand. A name that is not defined fails at",
        "type-check time and raises AttributeError at run time. Namespace strings and prefixes for",
        "displays and SPARQL are in :mod:`igkg.namespaces`.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        "from pyoxigraph import NamedNode",
        "",
        f'__all__ = ["IGKG", {", ".join(repr(name).replace(chr(39), chr(34)) for name in REUSED)}]',
        "",
        "",
        "class IGKG:",
        f'    """The igkg ontology, ``{IGKG_NAMESPACE}`` (ontology/igkg.ttl)."""',
        "",
        "    __slots__ = ()",
        f'    NS: Final = "{IGKG_NAMESPACE}"',
    ]
    terms = _igkg_terms()
    for kind in ("Class", "ObjectProperty", "DatatypeProperty"):
        names = sorted(n for n, (k, _) in terms.items() if k == kind)
        lines += ["", f"    # {kind}"]
        for name in names:
            lines.append(f'    {name}: Final = NamedNode("{IGKG_NAMESPACE}{name}")  # {_short(terms[name][1])}')
    for cls, (namespace, title, names) in REUSED.items():
        lines += ["", "", f"class {cls}:", f'    """{title}, ``{namespace}`` (the terms igkg uses)."""', "",
                  "    __slots__ = ()", f'    NS: Final = "{namespace}"', ""]
        for name in sorted(set(names), key=lambda n: (n.lower(), n)):
            attribute = f"{name}_" if keyword.iskeyword(name) else name  # void:class → VOID.class_
            lines.append(f'    {attribute}: Final = NamedNode("{namespace}{name}")')
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if vocab.py is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run python scripts/generate_vocab.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
