"""Shared fixtures: the bundled graph (loaded once), a CLI runner, and paths to test data."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import igkg
from igkg.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEED_TEXT = ROOT / "data" / "sources" / "seed-wgec-second-take.txt"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def kg() -> igkg.KnowledgeGraph:
    """The bundled graph, loaded once per test session (tests must not modify it)."""
    return igkg.load()


@pytest.fixture
def run_cli(capsysbinary: pytest.CaptureFixture[bytes]) -> Callable[..., CliResult]:
    """Run ``igkg ARGS…`` in-process through ``main(argv)``; returns code, stdout, stderr."""

    def run(*args: str | os.PathLike[str]) -> CliResult:
        capsysbinary.readouterr()
        code = main([str(a) for a in args])
        captured = capsysbinary.readouterr()
        return CliResult(code, captured.out.decode("utf-8"), captured.err.decode("utf-8"))

    return run


def positions(result: igkg.ResultTable) -> list[int]:
    """The ``position`` column of a result, sorted (recommendation numbers)."""
    return sorted({row["position"] for row in result})
