"""The layout of docs/architecture.md holds: import rules (import-linter), no circles, no module
importing the package root, ``import igkg`` loading no wing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

from paths import ROOT

WINGS = ("igkg.extractor", "igkg.explorer", "igkg.drafts", "igkg.serve")
FACE = ("igkg.cli",)


def _lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(lint), "--no-cache"], cwd=cwd, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(pythonpath), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def imports() -> grimp.ImportGraph:
    return grimp.build_graph("igkg")


def test_the_import_rules_of_docs_architecture_hold() -> None:
    done = _lint_imports(ROOT, ROOT / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(("module", "line"), [
    ("graph.py", "from .explorer import style as _wrong_way  # a core module importing a wing"),
    ("extractor/rdf.py", "from ..explorer import style as _wrong_way  # a wing importing another wing"),
    ("stores/base.py", "from ..cli import main as _wrong_way  # the core importing the face"),
])
def test_a_wrong_way_import_breaks_the_rules(tmp_path: Path, module: str, line: str) -> None:
    shutil.copytree(ROOT / "src" / "igkg", tmp_path / "src" / "igkg")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "src" / "igkg" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    done = _lint_imports(tmp_path, tmp_path / "src")
    assert done.returncode == 1, done.stdout
    assert "BROKEN" in done.stdout and "_wrong_way" not in done.stderr


def test_there_is_no_import_circle_between_modules(imports: grimp.ImportGraph) -> None:
    arrows = nx.DiGraph()
    for module in imports.modules:
        arrows.add_node(module)
        for imported in imports.find_modules_directly_imported_by(module):
            arrows.add_edge(module, imported)
    circles = [sorted(group) for group in nx.strongly_connected_components(arrows) if len(group) > 1]
    assert circles == []


def test_no_module_imports_the_package_root(imports: grimp.ImportGraph) -> None:
    assert imports.find_modules_that_directly_import("igkg") - {"igkg.__main__"} == set()


def test_the_core_imports_no_wing_and_not_the_face(imports: grimp.ImportGraph) -> None:
    upper = {m for m in imports.modules if m.startswith((*WINGS, *FACE, "igkg.api", "igkg.build"))}
    core = set(imports.modules) - upper - {"igkg", "igkg.__main__"}
    for module in sorted(core):
        wrong = {m for m in imports.find_modules_directly_imported_by(module) if m in upper}
        assert not wrong, f"{module} imports {sorted(wrong)}"


def test_import_igkg_loads_the_core_only() -> None:
    code = "import sys, igkg; print('\\n'.join(sorted(m for m in sys.modules if m.startswith('igkg'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stdout.split()
    assert "igkg.graph" in loaded
    assert [m for m in loaded if m.startswith((*WINGS, *FACE))] == []


def test_the_tree_matches_docs_architecture() -> None:
    """Every package and top-level module of src/igkg is named in docs/architecture.md."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "igkg"
    parts = sorted(p.name for p in package.iterdir() if (p.is_dir() and (p / "__init__.py").exists())
                   or (p.suffix == ".py" and p.name != "__init__.py"))
    missing = [name for name in parts if f"`{name.removesuffix('.py')}" not in text]
    assert missing == []


def test_every_test_module_is_in_the_mypy_override_for_tests() -> None:
    """mypy reads the tests too; the override that lets them index query results lists each module."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["mypy"]["overrides"][0]["module"])
    assert {p.stem for p in (ROOT / "tests").glob("*.py")} <= listed
