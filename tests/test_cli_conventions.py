"""The command line behaves like the tools its users know: `-` for standard input and output,
JSON for every command that prints, format names and media types, completion, --version,
colour only on a terminal, and error messages that point at the place."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import igkg
from cli_support import RunCli
from igkg.formats.registry import RDF_SYNTAXES
from paths import DATA, ROOT, SEED_RECOMMENDATIONS

EXTRA = DATA / "extra-document.ttl"


def igkg_process(*args: str | Path, stdin: bytes = b"", cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m igkg ARGS`` as a separate process, with ``stdin`` piped in."""
    return subprocess.run([sys.executable, "-m", "igkg", *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd or ROOT, env={**os.environ, **(env or {})}, check=False, timeout=120)


# -- standard output -------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ("query", "recommendations", "-f", "csv", "-o", "-"),
    ("export", "-f", "nt", "-o", "-"),
    ("viz", "--classes", "instrument", "-o", "-"),
])
def test_dash_output_is_standard_output_and_no_file_named_dash(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = igkg_process(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout and not (tmp_path / "-").exists()


# -- standard input --------------------------------------------------------------------------
def test_data_from_standard_input_is_queried_with_the_bundled_graph() -> None:
    done = igkg_process("query", "citing-paragraph", "-p", "instrument=Tunis Agenda", "-p", "paragraph=72(g)",
                        "--data", "-", "-f", "json", stdin=EXTRA.read_bytes())
    assert done.returncode == 0, done.stderr
    documents = {b["document"]["value"] for b in json.loads(done.stdout)["results"]["bindings"]}
    assert any("extra" in d for d in documents)


@pytest.mark.parametrize("syntax", ["nq", "jsonld", "xml", "nt"])
def test_the_syntax_of_standard_input_is_guessed_from_its_content(syntax: str) -> None:
    data = igkg.load(EXTRA, bundled=False).export(syntax)
    done = igkg_process("stats", "--data", "-", "-f", "json", stdin=data)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"] == 2  # the seed draft and the extra document


def test_input_format_names_the_syntax_when_it_cannot_be_guessed() -> None:
    turtle = EXTRA.read_bytes()
    wrong = igkg_process("stats", "--data", "-", "--input-format", "nt", stdin=turtle)
    assert wrong.returncode == 2 and wrong.stderr.decode().startswith("igkg: error: <stdin>:")
    right = igkg_process("stats", "--data", "-", "--input-format", "turtle", stdin=turtle)
    assert right.returncode == 0, right.stderr


def test_validate_reads_standard_input() -> None:
    good = igkg_process("validate", "-", stdin=EXTRA.read_bytes())
    assert good.returncode == 0 and good.stdout.decode().startswith("Conforms")
    bad = igkg_process("validate", "-", "-f", "json", stdin=(DATA / "rec-violations.ttl").read_bytes())
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert report["conforms"] is False and report["violations"] == len(
        [f for f in report["findings"] if f["severity"] == "Violation"]) > 0


def test_load_reads_standard_input_all_or_nothing(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    done = igkg_process("load", "-", "--store", store, "-f", "json", "--no-progress", stdin=EXTRA.read_bytes())
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["files"] == ["-"] and summary["added"] > 0
    broken = igkg_process("load", "-", "--store", store, stdin=b"@prefix x: <y")
    assert broken.returncode == 2 and broken.stderr.decode().startswith("igkg: error: <stdin>:1:")
    assert len(igkg.load(store=store)) == summary["triples_after"]


# -- JSON for every command that prints --------------------------------------------------------
def test_stats_queries_validate_print_json(run_cli: RunCli) -> None:
    stats = json.loads(run_cli("stats", "--format", "json").out)
    assert stats["recommendations"] == SEED_RECOMMENDATIONS and stats["triples"] == len(igkg.load())
    queries = json.loads(run_cli("queries", "-f", "json").out)
    names = {q["name"]: q for q in queries}
    assert names["citing-paragraph"]["parameters"][0]["name"] == "instrument"
    assert names["neighbourhood"]["form"] == "CONSTRUCT"
    report = json.loads(run_cli("validate", "-f", "json").out)
    assert report == {"conforms": True, "triples": stats["triples"], "violations": 0, "warnings": 0, "findings": []}


def test_build_prints_its_summary_as_json(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("build", "--out", tmp_path / "b", "-f", "json")
    summary = json.loads(result.out)
    assert summary["conforms"] is True and summary["query_rows"]["recommendations"] == SEED_RECOMMENDATIONS
    assert "Built the graph" in result.err  # progress lines go to standard error


# -- format names as people write them ---------------------------------------------------------
ALIASES = {
    "ttl": ["turtle", "ttl", "text/turtle"], "nt": ["ntriples", "nt", "n-triples", "application/n-triples"],
    "nq": ["nquads", "nq", "application/n-quads"], "trig": ["trig", "application/trig"],
    "jsonld": ["json-ld", "jsonld", "application/ld+json"], "xml": ["rdfxml", "xml", "rdf/xml", "application/rdf+xml"],
}


@pytest.mark.parametrize(("name", "alias"), [(n, a) for n, aliases in ALIASES.items() for a in aliases])
def test_every_rdf_format_alias_and_media_type_is_accepted(run_cli: RunCli, name: str, alias: str) -> None:
    assert set(ALIASES) == {s.name for s in RDF_SYNTAXES}
    result = run_cli("query", "neighbourhood", "-p", "node=WGEC", "-f", alias)
    assert result.code == 0, result.err
    syntax = next(s for s in RDF_SYNTAXES if s.name == name)
    assert list(ox.parse(input=result.out.encode(), format=syntax.oxigraph))


# TSV for people is plain values, like CSV (issue 12: spreadsheets showed N-Triples terms raw);
# the W3C TSV form (?verb, <iri>) is what igkg serve's /sparql answers.
@pytest.mark.parametrize(("alias", "first_line"), [
    ("markdown", "| verb |"), ("text/csv", "verb,"), ("text/tab-separated-values", "verb\tverb_label\t"),
    ("application/sparql-results+json", "{"),
])
def test_result_format_aliases(run_cli: RunCli, alias: str, first_line: str) -> None:
    result = run_cli("query", "actions", "-f", alias)
    assert result.code == 0 and result.out.startswith(first_line)


def test_a_wrong_format_name_lists_the_valid_ones(run_cli: RunCli) -> None:
    result = run_cli("export", "-f", "yaml")
    assert result.code == 2
    assert "unknown format 'yaml'; use one of ttl, nt, nq, trig, jsonld, xml, graphml, gexf" in result.err


# -- version, completion ----------------------------------------------------------------------
def test_version(run_cli: RunCli) -> None:
    assert run_cli("--version").out == f"igkg, version {igkg.__version__}\n"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_are_generated(shell: str) -> None:
    done = subprocess.run([sys.executable, "-c", "from igkg.cli import main_exit; main_exit()"],
                          env={**os.environ, "_IGKG_COMPLETE": f"{shell}_source"}, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and "_IGKG_COMPLETE" in done.stdout


def _complete(words: str) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    done = subprocess.run([sys.executable, "-c", "from igkg.cli import main_exit; main_exit()"], capture_output=True,
                          text=True, check=False,
                          env={**os.environ, "_IGKG_COMPLETE": "bash_complete", "COMP_WORDS": words,
                               "COMP_CWORD": str(cword)})
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


def test_completion_knows_query_names_and_their_parameters() -> None:
    assert _complete("igkg query citing") == ["citing-paragraph"]
    assert _complete("igkg query citing-paragraph -p ") == ["instrument=", "paragraph="]
    assert "jsonld" in _complete("igkg export -f j")


# -- terminals, colour ------------------------------------------------------------------------
def _on_a_terminal(*args: str, env: dict[str, str]) -> bytes:
    pid, fd = pty.fork()
    if pid == 0:  # the child: igkg on a pseudo-terminal
        os.execve(sys.executable, [sys.executable, "-m", "igkg", *args], {**os.environ, **env})
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert b"\x1b[" in _on_a_terminal("query", "actions", env=environment)
    assert b"\x1b[" not in _on_a_terminal("query", "actions", env={**environment, "NO_COLOR": "1"})
    piped = igkg_process("query", "actions", env={"NO_COLOR": ""})
    assert b"\x1b[" not in piped.stdout


# -- messages ---------------------------------------------------------------------------------
def test_a_sparql_syntax_error_shows_the_line_and_a_caret(run_cli: RunCli) -> None:
    result = run_cli("query", "--sparql", "SELECT ?x\nWHERE { ?x igkg:text ?y ")
    lines = result.err.splitlines()
    assert result.code == 2 and lines[0].startswith("igkg: error: SPARQL syntax error (line 2, column 25)")
    assert lines[1] == "  WHERE { ?x igkg:text ?y " and lines[2] == "  " + " " * 24 + "^"
    assert "\\u{" not in result.err and "..=" not in result.err  # no character classes of the parser


def test_an_unknown_prefix_is_named_and_the_predeclared_ones_listed(run_cli: RunCli) -> None:
    result = run_cli("query", "--sparql", "SELECT ?x WHERE { ?x foo:bar ?y }")
    first = result.err.splitlines()[0]
    assert "unknown prefix foo:" in first and "igkg, rdf, rdfs" in first and "actor" in first


def test_query_without_arguments_says_what_to_give(run_cli: RunCli) -> None:
    result = run_cli("query")
    assert result.err == "igkg: error: give a query NAME (or FILE.rq) or --sparql TEXT\n"


def test_library_errors_speak_the_library_s_words() -> None:
    kg = igkg.load()
    with pytest.raises(igkg.ParameterError) as missing:
        kg.query("addressed-to")
    with pytest.raises(igkg.ParameterError) as lonely:
        kg.query("citing-paragraph", paragraph="72", instrument="")
    for error in (missing.value, lonely.value):
        assert "--" not in str(error)
