"""A notebook executed with nbclient and a local ipykernel (no network): a query cell shows an
HTML table with labels (the IRI in each cell's title), a DataFrame has label columns, and a
CONSTRUCT result shows as a small graph."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is in the test extras")
nbclient = pytest.importorskip("nbclient", reason="nbclient is in the test extras")
pytest.importorskip("ipykernel", reason="ipykernel is in the test extras")

CELLS = [
    "import igkg\nkg = igkg.load()",
    'kg.query("addressed-to", agent="IGF")',
    'frame = kg.query("addressed-to", agent="IGF").to_dataframe()\nprint(list(frame.columns))',
    'kg.query("neighbourhood", node="IGF")',
]


def _html(output: dict[str, object]) -> str:
    data = output.get("data")
    assert isinstance(data, dict)
    html = data.get("text/html")
    assert isinstance(html, str), data.keys()
    return html


def test_a_notebook_shows_tables_with_labels_and_graphs(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    env_note = os.environ.get("IGKG_NOTEBOOK_TIMEOUT", "120")
    client = nbclient.NotebookClient(notebook, timeout=int(env_note), kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    table = _html(notebook.cells[1].outputs[0])
    assert table.startswith('<table class="igkg-results">')
    assert '<td title="https://w3id.org/igkg/id/doc/wgec-second-take/rec-8">WGEC #8</td>' in table
    assert "<td title=\"https://w3id.org/igkg/id/actor/igf\">IGF</td>" in table and "3 rows" in table
    printed = "".join(str(o.get("text", "")) for o in notebook.cells[2].outputs)
    assert "'recommendation_label'" in printed and "'agent_label'" in printed
    graph = _html(notebook.cells[3].outputs[0])
    assert graph.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in graph
