"""The ontology plus the bundled data is consistent for an OWL 2 DL reasoner (HermiT).

HermiT is the jar that owlready2 bundles; ``owlready2.sync_reasoner_hermit`` writes the world to a
temporary N-Triples file and starts it as ``java -Xmx2000M -cp …/owlready2/hermit:…/HermiT.jar
org.semanticweb.HermiT.cli.CommandLine -c -O -D -I file://…``. The Java runtime is Debian's
``default-jre-headless`` (``scripts/install-system-deps.sh``); without ``java`` the tests skip.

HermiT accepts only the datatypes of the OWL 2 datatype map
(https://www.w3.org/TR/owl2-syntax/#Datatype_Maps) and stops on any other. ELI's dates are
``xsd:date`` (and a document date may be ``xsd:gYearMonth`` or ``xsd:gYear``), which are not in it,
so triples whose object is a literal of such a datatype are LEFT OUT of the reasoner's input; the
dates stay in the graph and SHACL checks them (``igkg validate``). Language-tagged literals are
plain literals for OWL 2 and stay in.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg

owlready2 = pytest.importorskip("owlready2", reason="owlready2 is in the test extra: pip install -e '.[test]'")

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# The OWL 2 datatype map (OWL 2 Structural Specification, section 4), plus rdf:langString: RDF 1.1's
# name for language-tagged literals, which OWL 2 calls rdf:PlainLiteral.
OWL2_DATATYPES = frozenset(
    [RDF + "PlainLiteral", RDF + "XMLLiteral", RDF + "langString", "http://www.w3.org/2000/01/rdf-schema#Literal",
     "http://www.w3.org/2002/07/owl#real", "http://www.w3.org/2002/07/owl#rational"]
    + [XSD + name for name in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
        "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
        "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")]
)
SUBJECT_SUMMARY = ox.NamedNode("https://w3id.org/igkg/ontology#subjectSummary")
RANGE = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#range")


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java runtime: run scripts/install-system-deps.sh (Debian's default-jre-headless)")
    return java


def reasoner_input(kg: igkg.KnowledgeGraph) -> tuple[list[ox.Triple], Counter[str]]:
    """The graph's triples without literals outside the OWL 2 datatype map, and what was left out."""
    kept: list[ox.Triple] = []
    left_out: Counter[str] = Counter()
    for quad in ox.parse(kg.export("nt"), format=ox.RdfFormat.N_TRIPLES):
        value = quad.object
        if isinstance(value, ox.Literal) and value.datatype.value not in OWL2_DATATYPES:
            left_out[value.datatype.value] += 1
            continue
        kept.append(ox.Triple(quad.subject, quad.predicate, value))
    return kept, left_out


def consistent(triples: list[ox.Triple], folder: Path) -> bool:
    """Run HermiT on the triples: True if consistent, False if inconsistent."""
    _java()
    path = folder / "igkg-owl2.nt"
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return True


def test_ontology_and_data_are_consistent_for_hermit(kg: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    triples, left_out = reasoner_input(kg)
    # only dates are left out: nothing else in the graph is outside the OWL 2 datatype map
    assert set(left_out) <= {XSD + "date", XSD + "gYearMonth", XSD + "gYear"}, left_out
    assert left_out[XSD + "date"] >= 9  # the instruments' eli:date_document
    assert len(triples) > 3000
    assert consistent(triples, tmp_path)


def test_hermit_finds_the_old_string_range_inconsistent(kg: igkg.KnowledgeGraph, tmp_path: Path) -> None:
    """Not vacuous: with subjectSummary's former range xsd:string, its @en values clash."""
    triples, _left_out = reasoner_input(kg)
    broken = [t for t in triples if not (t.subject == SUBJECT_SUMMARY and t.predicate == RANGE)]
    broken.append(ox.Triple(SUBJECT_SUMMARY, RANGE, ox.NamedNode(XSD + "string")))
    assert not consistent(broken, tmp_path)
