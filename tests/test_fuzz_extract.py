"""Fuzzing the extractor's reader and segmenter through its one public door, ``igkg.extract(text=...)``
(the extractor's internals are another engineer's and may change): hostile text — control
characters, NUL, lone surrogates, byte-order marks, every kind of line break, deep Markdown, long
lines, bullets of every style — gives a document or an igkg error, never another exception; and
on the command line, one line and exit code 0 or 2, never a traceback or exit code 70."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import igkg
from cli_support import RunCli
from igkg.errors import IgkgError

EXAMPLES = int(os.environ.get("IGKG_FUZZ_EXAMPLES", "150"))
HOSTILE = ["\x00", "\ufeff", "\ud800", "\udfff", "\r", "\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\t",
           "\u200b", "\u202e", "😀", "\U0010ffff", "#" * 7 + " ", "> " * 30, "* " * 40, "1." * 50, "(a)", "(iv)",
           "- [ ] ", "| a | b |\n|---|---|\n", "```\n", "<!--", "-->", "**", "__", "[", "](", "\\", "…", "¶¶",
           "Encourages the IGF to ", "Tunis Agenda paragraphs 67 through 75", "paragraph 99999999999999999999",
           "72(" * 20, "A/RES/", "\n\n\n", " " * 200, "x" * 2000]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), max_size=40).map("".join),
    st.lists(st.tuples(st.sampled_from(["-", "*", "+", "•", "1.", "a)", "(b)", "i.", "##", ">"]),
                       st.sampled_from(HOSTILE + ["Invites UNESCO to act on paragraph 69."])),
             max_size=30).map(lambda items: "Title\n\n" + "\n".join(f"{b} {t}" for b, t in items)),
)
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FUZZ
@given(text=texts)
def test_any_text_gives_a_document_or_an_igkg_error(kg: igkg.KnowledgeGraph, text: str) -> None:
    try:
        document = igkg.extract(text=text, graph=kg)
    except IgkgError:
        return
    data = document.to_dict()
    assert [r["position"] for r in data["recommendations"]] == list(range(1, len(data["recommendations"]) + 1))
    assert document.serialize("ttl")


@settings(max_examples=max(10, EXAMPLES // 5), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), texts.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_file_on_the_command_line_ends_in_one_line(run_cli: RunCli, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    result = run_cli("extract", path, "-q")
    assert result.code in (0, 2), result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    if result.code:
        assert result.err.startswith("igkg: error: ") and result.err.count("\n") == 1, result.err
