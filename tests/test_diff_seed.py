"""`igkg diff` on two versions of the seed draft: tests/data/diff/wgec-third-take.txt is the seed
with one bullet moved (13 → 3), one verb weakened (bullet 9: Encourages → Invites), one bullet
dropped (6) and "paragraphs 67 through 75" narrowed to "69 to 71" (bullet 4). Every output must
report exactly those changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import igkg
from cli_support import RunCli
from paths import DATA, ROOT, SEED_RECOMMENDATIONS, SEED_TEXT

THIRD = DATA / "diff" / "wgec-third-take.txt"
SEED_DOC = "doc:wgec-second-take"


@pytest.fixture(scope="module")
def changes() -> dict[str, object]:
    result = igkg.diff(SEED_DOC, THIRD)
    return result.to_dict(changes_only=True)


def test_the_summary_counts_exactly_the_four_changes(changes: dict[str, object]) -> None:
    assert changes["old"] == {"document": "https://w3id.org/igkg/id/doc/wgec-second-take",
                              "label": "A second take on #WGEC recommendations", "units": SEED_RECOMMENDATIONS}
    assert changes["new"]["units"] == SEED_RECOMMENDATIONS - 1  # type: ignore[index]
    assert changes["summary"] == {"unchanged": 10, "edited": 2, "moved": 1, "added": 0, "removed": 1, "split": 0,
                                  "merged": 0, "stronger": 0, "weaker": 1, "mixed": 0}


def test_each_change_is_what_was_done(changes: dict[str, object]) -> None:
    listed = changes["changes"]
    assert isinstance(listed, list)
    by_kind = {(c["kind"], tuple(c["old"]), tuple(c["new"])): c for c in listed}
    assert set(by_kind) == {("edited", (9,), (9,)), ("moved", (13,), (3,)), ("removed", (6,), ()),
                            ("edited", (4,), (5,))}
    weakened = by_kind[("edited", (9,), (9,))]
    assert weakened["verbs"] == {"added": ["invites"], "removed": ["encourages"]} and weakened["strength"] == "weaker"
    assert weakened["addressees"] == {"added": [], "removed": []}
    assert [op for op in weakened["text"] if op[0] != "="] == [["-", "Encourages"], ["+", "Invites"]]
    moved = by_kind[("moved", (13,), (3,))]
    assert moved["edited"] is False and [op[0] for op in moved["text"]] == ["="]
    narrowed = by_kind[("edited", (4,), (5,))]
    assert narrowed["citations"]["added"] == []
    assert [c["paragraph"] for c in narrowed["citations"]["removed"]] == ["67", "68", "72", "73", "74", "75"]
    assert {c["instrument"] for c in narrowed["citations"]["removed"]} == {"Tunis Agenda for the Information Society"}
    assert narrowed["verbs"] == {"added": [], "removed": []} and narrowed["strength"] is None
    assert listed[0] is weakened, "strengthened and weakened units come first"


def test_the_other_direction_reports_the_inverse_changes() -> None:
    summary = igkg.diff(THIRD, SEED_DOC).summary
    assert (summary["added"], summary["removed"], summary["moved"], summary["stronger"], summary["weaker"]) == (
        1, 0, 1, 1, 0)


def test_a_version_against_itself_has_no_change(run_cli: RunCli) -> None:
    same = igkg.diff(SEED_TEXT, SEED_DOC)
    assert not same.differs and same.summary["unchanged"] == SEED_RECOMMENDATIONS
    assert run_cli("diff", SEED_TEXT, SEED_DOC, "--exit-code").code == 0
    assert run_cli("diff", SEED_DOC, THIRD).code == 0
    assert run_cli("diff", SEED_DOC, THIRD, "--exit-code").code == 1


def test_table_markdown_and_html_say_the_same(run_cli: RunCli, tmp_path: Path) -> None:
    table = run_cli("diff", SEED_DOC, THIRD, "--changes-only").out
    assert "10 unchanged, 2 edited, 1 moved, 1 removed; 1 weaker" in table
    assert table.count("edited") >= 2 and "moved" in table and "removed" in table and "↓ weaker" in table
    markdown = run_cli("diff", SEED_DOC, THIRD, "-f", "md", "--changes-only").out
    assert "~~Encourages~~**Invites**" in markdown
    assert "citation narrowed" in markdown and "¶67–68, ¶72–75" in markdown
    assert "~~67~~**69**" in markdown
    page = tmp_path / "diff.html"
    assert run_cli("diff", SEED_DOC, THIRD, "-f", "html", "-o", page).code == 0
    html = page.read_text(encoding="utf-8")
    assert "<del>Encourages</del>" in html and "<ins>Invites</ins>" in html
    assert html.count('class="row kind-unchanged') == 10 and "<script" not in html
    assert "default-src 'none'" in html


def test_json_output_is_the_api_s(run_cli: RunCli) -> None:
    result = run_cli("diff", SEED_DOC, THIRD, "-f", "json")
    assert json.loads(result.out) == igkg.diff(SEED_DOC, THIRD).to_dict()


def test_documents_are_named_by_iri_prefixed_name_or_label(run_cli: RunCli) -> None:
    for name in (SEED_DOC, "https://w3id.org/igkg/id/doc/wgec-second-take", "A second take on #WGEC recommendations"):
        assert igkg.diff(name, THIRD).summary["moved"] == 1


@pytest.mark.parametrize(("args", "message"), [
    (["nowhere.txt", SEED_DOC], "nowhere.txt: no such file"),
    ([SEED_DOC, "doc:no-such-document"], "no such resource"),
    ([SEED_DOC, "actor:igf"], "has no recommendations"),
])
def test_what_cannot_be_compared_is_one_line_with_exit_code_2(run_cli: RunCli, args: list[str],
                                                               message: str) -> None:
    result = run_cli("diff", *args)
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1


def test_the_readme_example_runs(run_cli: RunCli) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "igkg diff doc:wgec-second-take tests/data/diff/wgec-third-take.txt" in readme
