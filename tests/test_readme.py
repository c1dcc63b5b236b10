"""What the README shows must work: the quick-tour commands, the Python example, and the
docstring examples of the library."""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import igkg
import igkg.api
import igkg.graph
from paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(heading: str, language: str) -> str:
    section = README.split(heading, 1)[1]
    match = re.search(rf"```{language}\n(.*?)```", section, re.S)
    assert match, f"no ```{language} block after {heading!r}"
    return match.group(1)


def _tour_commands() -> list[str]:
    lines = _block_after("## A quick tour", "sh").splitlines()
    return [line.split("  #")[0].strip() for line in lines if line.startswith("igkg ")]


@pytest.fixture(scope="module")
def tour_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One working folder for the whole tour, as a user would run it: later commands read what
    earlier ones wrote (the extracted Turtle file, the on-disk store)."""
    return tmp_path_factory.mktemp("tour")


@pytest.mark.parametrize("command", _tour_commands())
def test_quick_tour_command_runs(command: str, tour_folder: Path) -> None:
    argv = shlex.split(command)
    argv = [str(ROOT / a) if a.startswith("tests/") else a for a in argv]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = {p: p.stat().st_mtime_ns for p in tour_folder.rglob("*")}
    done = subprocess.run([sys.executable, "-m", "igkg", *argv[1:]], cwd=tour_folder, env=env,
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    after = {p: p.stat().st_mtime_ns for p in tour_folder.rglob("*")}
    assert done.stdout.strip() or after != before, "the command printed and wrote nothing"


def _script_lines() -> list[str]:
    return [line for line in _block_after("### For scripts", "sh").splitlines() if line.strip()]


@pytest.mark.parametrize("line", _script_lines())
def test_for_scripts_pipelines_run(line: str, tour_folder: Path) -> None:
    """Each pipeline of the "For scripts" block, in a shell, with ``igkg`` on the PATH."""
    command = line.replace(" tests/", f" {ROOT}/tests/")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=tour_folder, env=env,
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "the pipeline printed nothing"


def test_quick_tour_covers_the_main_commands() -> None:
    names = {c.split()[1] for c in _tour_commands()}
    assert {"queries", "query", "validate", "export", "extract", "viz", "analyze", "load"} <= names


def test_python_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code = _block_after("## Python API", "python")
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    out = capsys.readouterr().out
    assert "the paragraph containing it" in out


@pytest.mark.parametrize("module", [igkg, igkg.api, igkg.graph])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
