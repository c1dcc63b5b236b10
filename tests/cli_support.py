"""Running the command line in-process: the ``run_cli`` fixture and its types.

Registered as a plugin in ``conftest.py`` (``pytest_plugins``); tests annotate the fixture as
``run_cli: RunCli``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

import pytest

from igkg.cli import main


@dataclass
class CliResult:
    code: int
    out: str
    err: str


class RunCli(Protocol):
    """``run_cli("query", "recommendations")`` → exit code, standard output, standard error."""

    def __call__(self, *args: str | os.PathLike[str]) -> CliResult: ...


@pytest.fixture
def run_cli(capsysbinary: pytest.CaptureFixture[bytes]) -> RunCli:
    """Run ``igkg ARGS…`` in-process through ``main(argv)``; returns code, stdout, stderr."""

    def run(*args: str | os.PathLike[str]) -> CliResult:
        capsysbinary.readouterr()
        code = main([str(a) for a in args])
        captured = capsysbinary.readouterr()
        return CliResult(code, captured.out.decode("utf-8"), captured.err.decode("utf-8"))

    return run
