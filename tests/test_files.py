"""``-o``: atomic for regular files, written through for standard output, devices and pipes,
and refused (each with its message, exit code 2) for a link it would replace, a folder, an
empty name. Was: `igkg export -o /dev/full` replaced the device node with a regular file (as
root), a FIFO and a symlink likewise; `-o ''` was exit 70."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from cli_support import RunCli
from igkg.errors import InputError
from igkg.files import write_output

needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX devices and named pipes")


def test_a_regular_file_is_replaced_atomically_keeping_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old")
    target.chmod(0o640)
    write_output("new", target)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"], "no temporary file is left"


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_output(b"data", tmp_path / "new.nt")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.nt").stat().st_mode) == 0o644


@needs_posix
def test_dev_null_is_written_through_not_replaced(run_cli: RunCli) -> None:
    before = os.stat("/dev/null")
    result = run_cli("export", "-o", "/dev/null")
    assert result.code == 0, result.err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


@needs_posix
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_dev_full_is_a_clear_no_space_error(run_cli: RunCli) -> None:
    result = run_cli("export", "-o", "/dev/full")
    assert result.code == 2
    assert result.err == "igkg: error: /dev/full: cannot write: no space left on the device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@needs_posix
def test_a_named_pipe_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(b"through the pipe", fifo)
    reader.join(30)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the pipe is still a pipe"


@needs_posix
def test_dev_stdout_is_written_through(tmp_path: Path) -> None:
    """/dev/stdout is a link (to /proc/self/fd/1): never replaced, whatever it points to."""
    import subprocess
    import sys

    out = tmp_path / "captured.txt"
    code = "from igkg.files import write_output; write_output('to stdout', '/dev/stdout')"
    with out.open("wb") as stream:
        subprocess.run([sys.executable, "-c", code], stdout=stream, check=True)
    assert out.read_text() == "to stdout"


def test_a_symbolic_link_is_refused_and_left_alone(tmp_path: Path, run_cli: RunCli) -> None:
    real = tmp_path / "real.ttl"
    real.write_text("precious")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    result = run_cli("export", "-o", link)
    assert result.code == 2
    assert result.err == (f"igkg: error: {link} is a symbolic link (to {real}): igkg does not replace it; give "
                          "the file it points to, or remove the link first\n")
    assert link.is_symlink() and real.read_text() == "precious"


def test_a_folder_an_empty_name_and_a_missing_folder(tmp_path: Path, run_cli: RunCli) -> None:
    folder = run_cli("export", "-o", tmp_path)
    assert folder.code == 2 and folder.err == f"igkg: error: {tmp_path} is a folder: give a file name\n"
    empty = run_cli("export", "-o", "")
    assert empty.code == 2
    assert empty.err == "igkg: error: the output file name is empty: give a file name, or - for standard output\n"
    missing = run_cli("export", "-o", tmp_path / "no" / "such" / "out.ttl")
    assert missing.code == 2 and "the folder" in missing.err and "does not exist" in missing.err


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old")

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="no space left on the device; the file is as it was"):
        write_output("new", target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_standard_output_by_dash(run_cli: RunCli) -> None:
    result = run_cli("query", "actions", "-f", "csv", "-o", "-")
    assert result.code == 0 and result.out.startswith("verb,verb_label,label")  # readable CSV: labels beside IRIs


def test_the_explorer_page_and_charts_use_the_same_writer(tmp_path: Path, run_cli: RunCli) -> None:
    link = tmp_path / "page.html"
    link.symlink_to(tmp_path / "elsewhere.html")
    result = run_cli("viz", "-o", link)
    assert result.code == 2 and "is a symbolic link" in result.err
    chart = run_cli("analyze", "coverage", "--chart", tmp_path, "-f", "csv")
    assert chart.code == 2
