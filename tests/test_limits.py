"""The input limits (igkg.limits): each refused before the parser can blow up, with file, line and
column and exit code 2, in bounded memory; and never a valid document within them, however the
input is cut into chunks."""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli_support import RunCli
from igkg.errors import InputError, LimitError, ParseError
from igkg.formats.guard import GuardedReader
from igkg.formats.rdf_reader import parse_data, parse_file
from igkg.formats.registry import rdf_syntax
from igkg.limits import InputLimits
from paths import DATA, ROOT, SHARED

MIB = 1024 * 1024
S, P = "<https://example.org/s>", "<https://example.org/p>"
RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="https://example.org/"'


def deep_xml(levels: int) -> str:
    return (f'<?xml version="1.0"?><rdf:RDF {RDF}><rdf:Description rdf:about="https://example.org/s">'
            + "<e:p><rdf:Description>" * levels + "</rdf:Description></e:p>" * levels
            + "</rdf:Description></rdf:RDF>")


def deep(syntax: str, levels: int) -> str:
    if syntax == "xml":
        return deep_xml(levels)
    if syntax == "jsonld":
        return ('{"@id": "https://example.org/s", ' + '"https://example.org/p": {' * levels + '"@value": 1'
                + "}" * levels + "}")
    if syntax == "nt":
        return f"{S} {P} " + f"<<( {S} {P} " * levels + '"1"' + " )>>" * levels + " .\n"
    return f"{S} {P} " + f"[ {P} " * levels + "1" + " ]" * levels + " .\n"


def run_limited(args: list[str], memory_mb: int, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m igkg ARGS`` with its address space capped: a limit must hold in bounded memory."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MIB, memory_mb * MIB))

    return subprocess.run([sys.executable, "-m", "igkg", *args], capture_output=True, text=True, timeout=300,
                          preexec_fn=cap, env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})},
                          check=False)


def test_billion_laughs_is_refused_at_its_doctype_in_bounded_memory() -> None:
    """The 942-byte file expands to 3 billion characters; it is refused before the parser sees the
    declarations, by `validate` and `query` alike, in well under 1.5 GB of address space."""
    for args in (["validate", str(DATA / "billion-laughs.rdf")], ["query", "recommendations", "--data",
                                                                  str(DATA / "billion-laughs.rdf")]):
        done = run_limited(args, 1500)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"igkg: error: {DATA / 'billion-laughs.rdf'}:2:1: the entity &lol6; expands to "
                                      "3,000,000 bytes, more than 1024 KiB (IGKG_MAX_XML_ENTITY_KB)"), done.stderr
        assert done.stderr.count("\n") == 1


def test_small_entities_are_expanded_and_their_total_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    head = f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY e "https://example.org/">]><rdf:RDF {RDF}>'
    one = head + '<rdf:Description rdf:about="&e;s"><e:p>&e;</e:p></rdf:Description></rdf:RDF>'
    (quad,) = parse_data(one, "xml")
    assert quad.subject == ox.NamedNode("https://example.org/s") and quad.object == ox.Literal("https://example.org/")
    monkeypatch.setenv("IGKG_MAX_XML_ENTITY_KB", "1")
    many = (head + '<rdf:Description rdf:about="https://example.org/s"><e:p>' + "&e;" * 100
            + "</e:p></rdf:Description></rdf:RDF>")
    with pytest.raises(LimitError, match=r"entity references expand to more than 1 KiB in all"):
        parse_data(many, "xml")
    monkeypatch.setenv("IGKG_MAX_XML_ENTITY_KB", "0")
    with pytest.raises(LimitError, match=r"entity declarations are refused \(IGKG_MAX_XML_ENTITY_KB=0\)"):
        parse_data(one, "xml")


@pytest.mark.parametrize(("declaration", "message"), [
    ('<!ENTITY e SYSTEM "file:///etc/passwd">', "the external entity &e; (SYSTEM) is refused"),
    ('<!ENTITY % p "x"> %p;', "parameter entities (%name;) are refused"),
    ('<!ENTITY a "&b;"><!ENTITY b "&a;">', "refers to itself"),
    ('<!ENTITY a "&#38;b;">', "hides markup"),
])
def test_dangerous_entity_declarations_are_refused(declaration: str, message: str) -> None:
    document = (f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{declaration}]><rdf:RDF {RDF}>'
                '<rdf:Description rdf:about="https://example.org/s"><e:p>x</e:p></rdf:Description></rdf:RDF>')
    with pytest.raises(LimitError, match=re.escape(message)):
        parse_data(document, "xml")
    external = f'<?xml version="1.0"?><!DOCTYPE rdf:RDF SYSTEM "http://example.org/x.dtd"><rdf:RDF {RDF}/>'
    with pytest.raises(LimitError, match="external DTD"):
        parse_data(external, "xml")


@pytest.mark.parametrize("syntax", ["ttl", "nt", "xml", "jsonld"])
def test_nesting_deeper_than_the_limit_is_refused_with_its_position(syntax: str) -> None:
    """100,000 levels: RDF/XML ran for minutes, JSON-LD and RDF 1.2 triple terms crashed Oxigraph."""
    with pytest.raises(LimitError) as error:
        parse_data(deep(syntax, 100_000), syntax)
    assert "nested more than 256 levels deep (IGKG_MAX_DEPTH" in str(error.value)
    assert error.value.line == 1 and error.value.column is not None
    assert len(parse_data(deep(syntax, 100), syntax)) >= 1  # every bracket or element counts: 200 here


def test_the_depth_limit_can_be_raised_up_to_its_ceiling(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli,
                                                          tmp_path: Path) -> None:
    monkeypatch.setenv("IGKG_MAX_DEPTH", "600")
    assert len(parse_data(deep("ttl", 500), "ttl")) == 501
    monkeypatch.setenv("IGKG_MAX_DEPTH", "5000")
    result = run_cli("validate", DATA / "extra-document.ttl")
    assert result.code == 2 and result.err == "igkg: error: IGKG_MAX_DEPTH must be between 1 and 2000, not '5000'\n"


def test_a_deep_file_does_not_reach_an_on_disk_store(tmp_path: Path, run_cli: RunCli) -> None:
    deep_file = tmp_path / "deep.rdf"
    deep_file.write_text(deep_xml(100_000))
    result = run_cli("load", deep_file, "--store", tmp_path / "kg", "--no-bundled")
    assert result.code == 2
    assert result.err.startswith(f"igkg: error: {deep_file}:1:") and "IGKG_MAX_DEPTH" in result.err


@pytest.mark.parametrize(("syntax", "column"), [("nt", 1), ("ttl", 49)])
def test_a_literal_over_16_mib_names_the_file_and_line(tmp_path: Path, run_cli: RunCli, syntax: str,
                                                       column: int) -> None:
    """Was: exit 70 "internal error: MemoryError: Reached the buffer maximal size", no file named.
    (N-Triples is checked a line at a time: the column is the line's.)"""
    big = tmp_path / f"big.{syntax}"
    with big.open("w") as out:
        out.write('<https://example.org/s> <https://example.org/p> "small" .\n')
        out.write('<https://example.org/s> <https://example.org/p> "' + "a" * (17 * MIB) + '" .\n')
    result = run_cli("validate", big)
    assert result.code == 2
    assert result.err == (f"igkg: error: {big}:2:{column}: a literal, IRI or name of 16 MiB or more "
                          "(the most Oxigraph's parser takes)\n")


def test_long_strings_and_json_strings_are_bounded_too() -> None:
    long_string = '<https://example.org/s> <https://example.org/p> """' + "line\n" * (4 * MIB) + '""" .\n'
    with pytest.raises(LimitError, match="16 MiB or more") as error:
        parse_data(long_string, "ttl")
    assert (error.value.line, error.value.column) == (1, 49)
    with pytest.raises(LimitError, match="8 MiB or more"):  # Oxigraph's JSON parser doubles its buffer
        parse_data('{"@id": "https://example.org/s", "https://example.org/p": "' + "a" * (9 * MIB) + '"}', "jsonld")
    with pytest.raises(LimitError, match=r"a literal \(text\) longer than 16 MiB"):  # RDF/XML has no cap of its own
        parse_data(f'<rdf:RDF {RDF}><rdf:Description rdf:about="https://example.org/s"><e:p>'
                   + "a" * (17 * MIB) + "</e:p></rdf:Description></rdf:RDF>", "xml")


def test_input_size_limit(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGKG_MAX_INPUT_MB", "1")
    big = tmp_path / "two-mib.nt"
    big.write_text('<https://example.org/s> <https://example.org/p> "x" .\n' * 40_000)
    result = run_cli("stats", "--data", big)
    assert result.code == 2
    assert result.err == (f"igkg: error: {big}: larger than 1 MiB (IGKG_MAX_INPUT_MB: raise it, or set it to 0 "
                          "for no limit)\n")
    monkeypatch.setenv("IGKG_MAX_INPUT_MB", "0")
    assert run_cli("stats", "--data", big).code == 0


def test_a_utf8_byte_order_mark_is_accepted_and_utf16_is_named(tmp_path: Path, run_cli: RunCli) -> None:
    """Was: a .ttl with a BOM failed with the invisible character in the message."""
    result = run_cli("query", "--sparql", 'SELECT ?o WHERE { <https://example.org/s> ?p ?o }', "-f", "csv",
                     "--data", DATA / "bom.ttl")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["o", "with a byte-order mark"]
    utf16 = tmp_path / "utf16.ttl"
    utf16.write_bytes((DATA / "extra-document.ttl").read_text(encoding="utf-8").encode("utf-16"))
    result = run_cli("validate", utf16)
    assert result.code == 2
    assert result.err == (f"igkg: error: {utf16}: UTF-16 text (it starts with a UTF-16 byte-order mark): "
                          "save it as UTF-8\n")


def test_a_surrogate_pair_escape_is_refused_with_the_reason_and_the_fix(run_cli: RunCli) -> None:
    """"\\uD83D\\uDE00" is how JSON writes 😀; Turtle and N-Triples forbid surrogate code points
    (UCHAR must be a character), so igkg keeps to the standard and says what to write instead."""
    result = run_cli("validate", DATA / "surrogate-pair.ttl")
    assert result.code == 2
    assert result.err == (f"igkg: error: {DATA / 'surrogate-pair.ttl'}:2:12: \\uD83D is half of a UTF-16 surrogate "
                          "pair (as JSON writes characters beyond U+FFFF, such as emoji); Turtle and N-Triples escape "
                          "a character once, with its code point: write \\U0001F600 for \\uD83D\\uDE00, or the "
                          "character itself\n")
    (quad,) = parse_data('<https://example.org/s> <https://example.org/p> "\\U0001F600" .', "nt")
    assert quad.object == ox.Literal("😀")


# -- the scanners never refuse a valid document, however it is cut ---------------------------------
SUITE = SHARED / "testdata" / "w3c-rdf-tests" / "rdf11"
SAMPLES = sorted((SUITE / "rdf-turtle").glob("*.ttl"))[:400] + sorted((SUITE / "rdf-xml").glob("**/*.rdf"))[:200] \
    if SUITE.is_dir() else []


@pytest.mark.skipif(not SAMPLES, reason=f"W3C test files not found at {SUITE}")
@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_chunk_boundaries_never_change_what_is_accepted(chunk: int) -> None:
    """Every W3C Turtle and RDF/XML test file, read through the guard a few bytes at a time, is
    accepted or refused by the parser exactly as when read whole: the scanners keep no state a
    chunk boundary could confuse."""
    for path in SAMPLES:
        syntax = rdf_syntax(path.suffix)
        whole = _outcome(path.read_bytes(), syntax.name, None)
        assert _outcome(path.read_bytes(), syntax.name, chunk) == whole, path


def _outcome(data: bytes, syntax: str, chunk: int | None) -> tuple[str, int]:
    chosen = rdf_syntax(syntax)
    reader = GuardedReader(io.BytesIO(data), chosen, limits=InputLimits(), chunk=chunk or 256 * 1024)
    try:
        return "ok", len(list(ox.parse(input=reader, format=chosen.oxigraph,
                                       base_iri="https://example.org/base/")))
    except LimitError as error:
        return f"limit: {error}", 0
    except (SyntaxError, ValueError):
        return "syntax", 0


@settings(max_examples=int(os.environ.get("IGKG_FUZZ_EXAMPLES", "150")), deadline=None)
@given(st.lists(st.sampled_from(['"a]b"', "'c)d'", '"""e\n[f"""', "<https://e.org/(x)>", "# g[h\n", "[ <p> 1 ]",
                                 "( 1 2 )", "<< <s> <p> <o> >>", "\\", '"\\""', "\n", " ", "''", '""']), max_size=30),
       st.integers(min_value=1, max_value=9))
def test_random_turtle_pieces_are_judged_the_same_whole_and_in_chunks(pieces: list[str], chunk: int) -> None:
    data = ("<https://e.org/s> <https://e.org/p> " + " ".join(pieces) + " .\n").encode()
    assert _outcome(data, "ttl", chunk) == _outcome(data, "ttl", None)


def test_parse_file_refuses_folders_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ParseError):
        parse_file(DATA / "bad-syntax.ttl")
    (tmp_path / "folder.ttl").mkdir()
    with pytest.raises(InputError, match="is a folder"):
        parse_file(tmp_path / "folder.ttl")
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "missing.ttl")
