"""Shared fixtures: the bundled graph (loaded once); the others come from the support plugins."""

from __future__ import annotations

import pytest

import igkg

#: Fixtures defined in support modules: run_cli; the SPARQL servers and the fault server; the
#: browser. Tests import types and helpers from them, never fixtures.
pytest_plugins = ["cli_support", "endpoint_support", "viz_support", "serve_support"]


@pytest.fixture(scope="session")
def kg() -> igkg.KnowledgeGraph:
    """The bundled graph, loaded once per test session (tests must not modify it)."""
    return igkg.load()

