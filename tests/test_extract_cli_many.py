"""`igkg extract FILE... | DIR | -`: one document per file, failures reported and the others
still extracted, a summary table, JSON arrays or JSON Lines, --into per file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_support import CliResult
from paths import EXTRACT_DATA

GOOD = ["civil-society-statement.docx", "igf-messages.html", "numbered-igf-outcome.txt"]
BAD = ["damaged.docx", "pdf-scanned-no-text.pdf"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "inputs"
    (inputs / "more").mkdir(parents=True)
    for name in GOOD[:2] + BAD:
        shutil.copy(EXTRACT_DATA / name, inputs / name)
    shutil.copy(EXTRACT_DATA / GOOD[2], inputs / "more" / GOOD[2])
    (inputs / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")  # not a supported extension: not read
    (inputs / ".hidden.txt").write_text("- Encourages the IGF.\n")
    return inputs


def test_a_folder_is_read_recursively_sorted_and_failures_do_not_stop_the_others(
    folder: Path, run_cli: Callable[..., CliResult]
) -> None:
    result = run_cli("extract", folder, "--no-progress")
    assert result.code == 2
    documents = json.loads(result.out)
    assert [Path(d["source"]).name for d in documents] == ["civil-society-statement.docx", "igf-messages.html",
                                                           "numbered-igf-outcome.txt"]
    errors = [line for line in result.err.splitlines() if line.startswith("igkg: error:")]
    assert errors[:2] == [
        f"igkg: error: {folder / 'damaged.docx'}: a damaged Word file (the ZIP container is incomplete or corrupt, "
        "as after an interrupted download); open it in Word or LibreOffice and save it again, or get a fresh copy",
        f"igkg: error: {folder / 'pdf-scanned-no-text.pdf'}: the PDF has no text layer (a scan?): run OCR first, "
        "e.g. ocrmypdf, or copy the text",
    ]
    assert errors[-1] == "igkg: error: 2 of 5 files could not be extracted (see the messages above)"
    assert "Traceback" not in result.err


def test_the_summary_table_counts_each_file(folder: Path, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("extract", folder, "--no-progress")
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in result.err.splitlines() if line.startswith("│")}
    docx_row = rows[str(folder / "civil-society-statement.docx")]
    assert docx_row[0] == "docx" and docx_row[1] == "10" and docx_row[-1] == "ok"
    assert rows[str(folder / "damaged.docx")][-1] == "failed"
    assert rows[str(folder / "pdf-scanned-no-text.pdf")][0] == "pdf"
    assert rows[str(folder / "more" / "numbered-igf-outcome.txt")][:2] == ["text", "10"]
    header = next(line for line in result.err.splitlines() if line.startswith("┃"))
    for column in ("file", "format", "units", "actions", "unknown verbs", "candidates", "warnings"):
        assert column in header


def test_json_lines_and_several_files_given_by_name(run_cli: Callable[..., CliResult]) -> None:
    files = [EXTRACT_DATA / name for name in GOOD]
    result = run_cli("extract", *files, "--format", "jsonl", "-q")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(f) for f in files]


def test_into_writes_one_turtle_file_per_document(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    files = [EXTRACT_DATA / name for name in GOOD]
    result = run_cli("extract", *files, "--into", tmp_path / "recs", "-q", "--force")
    assert result.code == 0, result.err
    assert result.out == ""
    assert sorted(p.name for p in (tmp_path / "recs").glob("*.ttl")) == [
        "civil-society-statement.ttl", "igf-messages.ttl", "numbered-igf-outcome.ttl"]


def test_one_file_gives_one_object_as_before(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("extract", EXTRACT_DATA / GOOD[2])
    assert result.code == 0
    assert isinstance(json.loads(result.out), dict)


def test_slug_takes_one_file_and_an_empty_folder_is_refused(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("extract", *(EXTRACT_DATA / name for name in GOOD[:2]), "--slug", "x")
    assert result.code == 2 and "--slug names one document" in result.err
    result = run_cli("extract", tmp_path)
    assert result.code == 2
    assert result.err.strip().startswith(f"igkg: error: {tmp_path}: the folder holds no file igkg reads")
