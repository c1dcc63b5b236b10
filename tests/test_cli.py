"""The command line: output formats, exit codes, messages, and help for every command."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cli_support import RunCli
from igkg.cli import cli
from igkg.cli.main import COMMAND_MODULES
from paths import DATA, ROOT, SEED_RECOMMENDATIONS


def test_citing_paragraph_json_is_w3c_sparql_results(run_cli: RunCli) -> None:
    result = run_cli("query", "citing-paragraph", "--param", "instrument=Tunis Agenda",
                     "--param", "paragraph=69", "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert "position" in document["head"]["vars"]
    (binding,) = document["results"]["bindings"]
    assert binding["text"]["value"].startswith("Acknowledges that Enhanced Cooperation is well underway")
    assert binding["position"] == {"type": "literal", "value": "4",
                                   "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert binding["recommendation"]["type"] == "uri"


def test_recommendations_json_lists_14(run_cli: RunCli) -> None:
    result = run_cli("query", "recommendations", "--format", "json")
    bindings = json.loads(result.out)["results"]["bindings"]
    assert [int(b["position"]["value"]) for b in bindings] == list(range(1, 15))


def test_csv_tsv_md_and_table(run_cli: RunCli) -> None:
    # CSV and TSV: plain values, and a label column after each column of IRIs (--iris: none).
    rows = list(csv.reader(io.StringIO(run_cli("query", "actions", "-f", "csv").out)))
    assert rows[0] == ["verb", "verb_label", "label", "kind", "strength", "recommendations"]
    assert rows[1] == ["https://w3id.org/igkg/concept/verb/encourages", "encourages", "encourages",
                       "encouraging / inviting", "2", "6"]
    raw = list(csv.reader(io.StringIO(run_cli("query", "actions", "-f", "csv", "--iris").out)))
    assert raw[0] == ["verb", "label", "kind", "strength", "recommendations"]
    tsv = [line.split("\t") for line in run_cli("query", "actions", "-f", "tsv").out.splitlines()]
    assert tsv[0][:2] == ["verb", "verb_label"]
    assert tsv[1][:2] == ["https://w3id.org/igkg/concept/verb/encourages", "encourages"]  # not <…> terms
    # Tables for people show labels in place of IRIs; --iris the prefixed names.
    md = run_cli("query", "actions", "-f", "md").out.splitlines()
    assert md[0] == "| verb | label | kind | strength | recommendations |"
    assert md[2].startswith("| encourages | encourages |")
    assert run_cli("query", "actions", "-f", "md", "--iris").out.splitlines()[2].startswith(
        "| verb:encourages | encourages |")
    addressed = run_cli("query", "addressed-to", "-p", "agent=IGF").out
    assert "WGEC #8" in addressed and "doc:wgec-second-take/rec-8" not in addressed
    table = run_cli("query", "actions").out
    assert "encourages" in table and table.rstrip().endswith("7 rows")


def test_construct_prints_turtle_or_other_syntax(run_cli: RunCli) -> None:
    turtle = run_cli("query", "neighbourhood", "-p", "node=IGF")
    assert turtle.code == 0 and "actor:igf" in turtle.out
    nt = run_cli("query", "neighbourhood", "-p", "node=IGF", "-f", "nt")
    assert nt.out.startswith("<")


def test_sparql_option_has_prefixes_and_reports_syntax_errors(run_cli: RunCli) -> None:
    ok = run_cli("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?r a igkg:Recommendation }", "-f", "csv")
    assert ok.out.splitlines() == ["n", str(SEED_RECOMMENDATIONS)]
    bad = run_cli("query", "--sparql", "SELECT WHERE {")
    assert bad.code == 2
    assert bad.err.startswith("igkg: error: SPARQL syntax error (line 1")
    assert "Traceback" not in bad.err


def test_bad_params_give_one_line_errors(run_cli: RunCli) -> None:
    cases = {
        ("query", "citing-paragraph", "-p", "instrument=Tunis Agenda", "-p", "paragraph=abc"): "not a paragraph number",
        ("query", "citing-paragraph", "-p", "instrument=Tunis Agendaa", "-p", "paragraph=69"):
            "did you mean 'Tunis Agenda'",
        ("query", "addressed-to", "-p", "IGF"): "--param takes KEY=VALUE",
        ("query", "addressed-to"): "needs a value for its parameter agent",
        ("query", "no-such-query"): "no named query 'no-such-query'",
        ("query", "recommendations", "--sparql", "ASK {}"): "not both",
        ("query", "actions", "-f", "ttl"): "is for CONSTRUCT results",
    }
    for args, expected in cases.items():
        result = run_cli(*args)
        assert result.code == 2, args
        assert expected in result.err, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1, result.err


def test_unreadable_and_unparsable_data(run_cli: RunCli, tmp_path: Path) -> None:
    missing = run_cli("stats", "--data", tmp_path / "missing.ttl")
    assert missing.code == 2 and "no such file" in missing.err
    latin1 = tmp_path / "latin1.ttl"
    latin1.write_bytes('<https://e.org/a> <https://e.org/b> "caf\xe9" .\n'.encode("latin-1"))
    bad = run_cli("stats", "--data", latin1)
    assert bad.code == 2 and str(latin1) in bad.err
    remote = run_cli("stats", "--data", DATA / "remote-context.jsonld")
    assert remote.code == 2 and "remote @context is refused" in remote.err


def test_stats_counts(run_cli: RunCli) -> None:
    out = run_cli("stats").out
    assert re.search(rf"^recommendations\s+{SEED_RECOMMENDATIONS}$", out, re.M)
    assert re.search(r"^documents\s+1$", out, re.M)
    more = run_cli("stats", "--data", DATA / "extra-document.ttl").out
    assert re.search(r"^recommendations\s+15$", more, re.M)


def test_queries_lists_every_query_with_parameters(run_cli: RunCli) -> None:
    out = run_cli("queries").out
    assert re.search(r"^citing-paragraph\s+Recommendations citing a paragraph$", out, re.M)
    assert "parameters: instrument (instrument), paragraph (paragraph)" in out


def test_every_command_has_help_and_a_readme_entry(run_cli: RunCli) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.list_commands(click.Context(cli)):
        command = cli.get_command(click.Context(cli), name)
        assert isinstance(command, click.Command)
        assert command.help, f"igkg {name} has no help text"
        result = run_cli(name, "--help")
        assert result.code == 0 and "Usage: igkg" in result.out
        assert f"igkg {name}" in readme, f"README.md does not document `igkg {name}`"


def test_the_command_table_names_every_command_of_every_module_and_load_imports_no_extractor(
        tmp_path: Path) -> None:
    """Commands are imported from their modules when used (``COMMAND_MODULES``): the table must
    hold every module's ``COMMANDS``, and ``igkg load`` then starts without the extractor wing."""
    found = {}
    for path in sorted((ROOT / "src" / "igkg" / "cli").glob("*_command*.py")):
        module = importlib.import_module(f"igkg.cli.{path.stem}")
        found.update({command.name: path.stem for command in module.COMMANDS})
    assert found == COMMAND_MODULES
    code = ("import sys; from igkg.cli import main; code = main(sys.argv[1:]); "
            "print(code, 'igkg.extractor' in sys.modules, 'rdflib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, "load", str(DATA / "extra-document.ttl"), "--store",
                           str(tmp_path / "kg"), "--no-progress"], capture_output=True, text=True, check=False)
    assert done.stdout.splitlines()[-1] == "0 False False", done.stderr


def test_python_m_igkg_and_version() -> None:
    done = subprocess.run([sys.executable, "-m", "igkg", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("igkg, version ")


def test_output_file_is_written_atomically(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("previous")
    failed = run_cli("query", "addressed-to", "-p", "agent=Nobody At All", "-f", "json", "-o", target)
    assert failed.code == 2
    assert target.read_text() == "previous"  # a failed run leaves the old file
    assert run_cli("query", "actions", "-f", "json", "-o", target).code == 0
    assert json.loads(target.read_text())["head"]["vars"][0] == "verb"


def test_an_error_while_the_answers_are_read_is_one_line(run_cli: RunCli) -> None:
    """Oxigraph evaluates lazily: a SERVICE call that fails, fails while the answers are read, and
    must still end as one line with exit code 2. (SERVICE is refused unless allowed; port 9 on
    loopback refuses the connection: no request leaves the machine.)"""
    result = run_cli("query", "--allow-service", "http://127.0.0.1:9/sparql",
                     "--sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert result.code == 2
    assert result.err.startswith("igkg: error: the query failed while running:") and result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_an_unexpected_exception_is_one_line_with_exit_code_70(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import igkg.graph

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(igkg.graph.Graph, "stats", broken)
    monkeypatch.delenv("IGKG_DEBUG", raising=False)
    result = run_cli("stats")
    assert result.code == 70
    assert result.err == "igkg: internal error: RuntimeError: a bug (set IGKG_DEBUG=1 for details)\n"


def test_a_repeated_param_is_an_error(run_cli: RunCli) -> None:
    """Was: the last value silently kept."""
    result = run_cli("query", "addressed-to", "-p", "agent=IGF", "-p", "agent=ITU")
    assert result.code == 2
    assert result.err == "igkg: error: --param agent is given twice ('IGF' and 'ITU'): give each parameter once\n"


def test_parameters_and_queries_that_are_not_text(run_cli: RunCli) -> None:
    """Bytes that are not UTF-8 on the command line arrive as lone surrogates: exit 2, not 70."""
    bad = "\udcff\udcfe"
    param = run_cli("query", "search-text", "-p", f"words={bad}")
    assert param.code == 2
    assert param.err == ("igkg: error: parameter words is not valid text (bytes that are not UTF-8 on the "
                         "command line?)\n")
    query = run_cli("query", "--sparql", f'SELECT * WHERE {{ ?s ?p "{bad}" }}')
    assert query.code == 2 and "not valid text" in query.err


def test_blank_nodes_of_two_files_stay_apart(run_cli: RunCli, tmp_path: Path) -> None:
    """`_:b1` in two files are two nodes (RDF: a blank node belongs to its document); they were merged."""
    for name in ("one", "two"):
        (tmp_path / f"{name}.ttl").write_text(f'_:b1 <https://example.org/from> "{name}" .\n')
    result = run_cli("query", "-f", "csv", "--data", tmp_path / "one.ttl", "--data", tmp_path / "two.ttl",
                     "--sparql", "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b <https://example.org/from> ?f }")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["n", "2"]
