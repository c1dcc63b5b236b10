"""Bad input to `igkg extract`: one clear line naming the file, exit code 2, never a traceback;
and random text never makes the extractor raise anything but an IgkgError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import igkg
from cli_support import CliResult
from igkg.errors import IgkgError, InputError, ParseError
from igkg.extractor import MAX_BYTES


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


CASES: dict[str, tuple[bytes | None, str]] = {
    "empty.txt": (b"", "the file is empty"),
    "blank.txt": (b"  \n\n \t\n", "the file is empty"),
    "binary.bin": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "latin1.txt": ("- Encourages the IGF to act à Genève.\n".encode("latin-1"), "not UTF-8 text"),
    "utf16.txt": ("• Encourages the IGF.\n".encode("utf-16"), "UTF-16"),
    "prose.txt": (b"A memo.\n\nIt has paragraphs but no bullets at all.\n", "no recommendation bullets found"),
    "missing.txt": (None, "no such file"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_line_and_exit_2(tmp_path: Path, run_cli: Callable[..., CliResult], name: str) -> None:
    data, message = CASES[name]
    path = tmp_path / name
    if data is not None:
        _write(path, data)
    result = run_cli("extract", path)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("igkg: error: ") and str(path) in lines[0] and message in lines[0]
    assert "Traceback" not in result.err


def test_over_limit_text_is_refused(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    path = tmp_path / "huge.txt"
    line = b"- Encourages the IGF to act on paragraph 72 of the Tunis Agenda.\n"
    path.write_bytes(line * (10 * 1024 * 1024 // len(line) + 1))  # 10 MB
    result = run_cli("extract", path)
    assert result.code == 2
    assert f"{path}: the text is too large (10.0 MiB; igkg extracts from at most 5 MiB)" in result.err
    with pytest.raises(InputError, match="too large"):
        igkg.extract(text="x" * (MAX_BYTES + 1))


def test_a_folder_without_documents_is_refused(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    # a folder stands for the documents in it (tests/test_extract_cli_many.py); an empty one has none
    result = run_cli("extract", tmp_path)
    assert result.code == 2
    assert result.err.strip().startswith(f"igkg: error: {tmp_path}: the folder holds no file igkg reads")
    with pytest.raises(InputError, match="not a file"):
        igkg.extract(tmp_path)


def test_api_errors_are_igkg_errors(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no recommendation bullets"):
        igkg.extract(text="Just a sentence.")
    with pytest.raises(InputError, match="not both"):
        igkg.extract(tmp_path / "a.txt", text="- Encourages the IGF.")
    with pytest.raises(InputError, match="empty"):
        igkg.extract(text="")
    with pytest.raises(InputError, match="NUL"):
        igkg.extract(text="- Encourages\x00 the IGF.")
    with pytest.raises(InputError, match="status"):
        igkg.extract(text="- Encourages the IGF.", status="final")


def test_byte_order_mark_is_removed_and_offsets_count_characters_after_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.txt", "\ufeffTitre\n\n• Encourages the IGF to act.\n".encode("utf-8"))
    document = igkg.extract(path)
    assert document.title == "Titre"
    action = document.recommendations[0].actions[0]
    text = path.read_text(encoding="utf-8-sig")
    assert text[action.evidence.start : action.evidence.end] == "Encourages" == action.evidence.exact


_FRAGMENTS = st.sampled_from(
    [
        "• ",
        "- ",
        "1. ",
        "(a) ",
        "# ",
        "Encourages ",
        "the IGF ",
        "to act ",
        "paragraph 72(g) ",
        "of the Tunis Agenda",
        "paras 35 and 36",
        " and invites ",
        "all governments",
        "its Tunis Agenda defined role",
        "(note)",
        "\n",
        "\n\n",
        "  ",
        "—",
        "“",
        "’s ",
        ";",
        ",",
        ".",
        "69–71",
        "§",
        "¶",
        "A/RES/70/125, paragraph 64",
        "**",
        "[x](y)",
        "\t",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), st.lists(_FRAGMENTS, max_size=40).map("".join)))
def test_random_text_never_raises_anything_but_an_igkg_error(kg: igkg.KnowledgeGraph, text: str) -> None:
    try:
        document = igkg.extract(text=text, graph=kg)
    except IgkgError:
        return
    data = document.to_dict()
    assert [r["position"] for r in data["recommendations"]] == list(range(1, len(data["recommendations"]) + 1))
    source = text[1:] if text.startswith("\ufeff") else text
    for rec in document.recommendations:
        assert rec.text and rec.text == " ".join(rec.text.split())
        for action in rec.actions:
            assert source[action.evidence.start : action.evidence.end] == action.evidence.exact
    assert document.to_graph()
