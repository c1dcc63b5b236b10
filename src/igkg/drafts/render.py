"""A diff for people: a table (terminal), Markdown (a mailing list), and an offline HTML page
with the two versions side by side and the changes highlighted (escaped, no script, CSP)."""

from __future__ import annotations

import io
from functools import cache
from importlib import resources
from typing import Any

from .._version import __version__
from .compare import Change, Diff

__all__ = ["table", "markdown", "html_page", "describe"]

_MARK = {"stronger": "↑ stronger", "weaker": "↓ weaker", "mixed": "↕ mixed"}


def _positions(values: list[int]) -> str:
    return ",".join(str(v) for v in values) or "–"


def _ranges(numbers: list[str]) -> str:
    """``67, 68, 72, 73, 74, 75`` → ``¶67–68, ¶72–75`` (sub-items and others listed as they are)."""
    plain = sorted({int(n) for n in numbers if n.isdigit()})
    runs: list[str] = []
    for n in plain:
        if runs and runs[-1].split("–")[-1].lstrip("¶") == str(n - 1):
            runs[-1] = f"{runs[-1].split('–')[0]}–{n}"
        else:
            runs.append(f"¶{n}")
    return ", ".join(runs + [f"¶{n}" for n in numbers if not n.isdigit()])


def _cited(citations: list[dict[str, Any]]) -> str:
    by_instrument: dict[str, list[str]] = {}
    for c in citations:
        by_instrument.setdefault(c["instrument"], []).append(c["paragraph"] or "")
    return "; ".join(f"{name} {_ranges([n for n in numbers if n])}".strip() for name, numbers in by_instrument.items())


def _scope(change: Change) -> str:
    """"narrowed" / "widened" when a unit still cites an instrument, fewer or more of it."""
    old = {(c.instrument, c.paragraph) for u in change.old_units for c in u.citations}
    new = {(c.instrument, c.paragraph) for u in change.new_units for c in u.citations}
    words = []
    for instrument in sorted({i for i, _p in old} & {i for i, _p in new}):
        before = {p for i, p in old if i == instrument}
        after = {p for i, p in new if i == instrument}
        if after < before:
            words.append("narrowed")
        elif after > before:
            words.append("widened")
    return ", ".join(dict.fromkeys(words))


def describe(change: Change) -> str:
    """What changed, in a few words: verbs, addressees, citations, mentions."""
    if change.kind in ("added", "removed", "unchanged"):
        return ""
    data = change.to_dict()
    parts: list[str] = []
    for field, name in (("verbs", "verbs"), ("addressees", "addressees"), ("mentions", "mentions")):
        added, removed = data[field]["added"], data[field]["removed"]
        if added:
            parts.append(f"+{name}: {', '.join(added)}")
        if removed:
            parts.append(f"-{name}: {', '.join(removed)}")
    scope = _scope(change)
    if scope:
        parts.append(f"citation {scope}")
    for sign, key in (("+", "added"), ("-", "removed")):
        if data["citations"][key]:
            parts.append(f"{sign}cites: {_cited(data['citations'][key])}")
    if change.kind == "moved" and change.edited:
        parts.append("moved and edited")
    if not parts and change.kind == "edited":
        parts.append("reworded")
    return "; ".join(parts)


def _summary_line(diff: Diff) -> str:
    counts = diff.summary
    shown = [f"{counts[k]} {k}" for k in ("unchanged", "edited", "moved", "added", "removed", "split", "merged")
             if counts[k]]
    strength = [f"{counts[k]} {k}" for k in ("stronger", "weaker", "mixed") if counts[k]]
    return (f"{diff.old.label} ({len(diff.old.units)} units) → {diff.new.label} ({len(diff.new.units)} units): "
            + ", ".join(shown) + (f"; {', '.join(strength)}" if strength else ""))


def table(diff: Diff, *, changes_only: bool = False, color: bool = False) -> str:
    from rich.console import Console
    from rich.table import Table

    grid = Table(header_style="bold", show_lines=False)
    for column in ("change", "old", "new", "strength", "what changed", "text (new, or old when removed)"):
        grid.add_column(column, overflow="fold")
    for change in diff.ordered(changes_only):
        units = change.new_units or change.old_units
        text = " ".join(u.text for u in units)
        grid.add_row(change.kind, _positions(change.old), _positions(change.new), _MARK.get(change.strength or "", ""),
                     describe(change), text if len(text) <= 90 else text[:89] + "…")
    buffer = io.StringIO()
    console = Console(file=buffer, width=170, highlight=False, markup=False, emoji=False, force_terminal=color,
                      no_color=not color)
    console.print(_summary_line(diff))
    console.print(grid)
    return buffer.getvalue()


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("\n", " ")


def markdown(diff: Diff, *, changes_only: bool = False) -> str:
    lines = [f"**{_md(_summary_line(diff))}**", ""]
    for change in diff.ordered(changes_only):
        head = f"- **{change.kind}** (old {_positions(change.old)} → new {_positions(change.new)})"
        if change.strength:
            head += f", {_MARK[change.strength]}"
        what = describe(change)
        lines.append(head + (f": {_md(what)}" if what else ""))
        pieces = []
        for op, text in change.text_diff:
            escaped = _md(text)
            pieces.append(escaped if op == "=" else (f"~~{escaped}~~" if op == "-" else f"**{escaped}**"))
        if change.kind != "unchanged":
            lines.append(f"  > {''.join(pieces)}")
    return "\n".join(lines) + "\n"


@cache
def _template() -> Any:
    from jinja2 import Environment, select_autoescape

    environment = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    text = (resources.files("igkg.drafts") / "templates" / "diff.html").read_text(encoding="utf-8")
    return environment.from_string(text)


def html_page(diff: Diff, *, changes_only: bool = False) -> str:
    """One self-contained page: every text is escaped by the template; the page has no script
    and its Content-Security-Policy allows nothing but its own inline style."""
    rows = []
    for change in diff.ordered(changes_only):
        old_pieces = [(op, text) for op, text in change.text_diff if op in "=-"]
        new_pieces = [(op, text) for op, text in change.text_diff if op in "=+"]
        rows.append({"kind": change.kind, "old": _positions(change.old), "new": _positions(change.new),
                     "strength": change.strength, "mark": _MARK.get(change.strength or "", ""),
                     "what": describe(change), "old_pieces": old_pieces if change.old_units else [],
                     "new_pieces": new_pieces if change.new_units else []})
    style = (resources.files("igkg.drafts") / "templates" / "diff.css").read_text(encoding="utf-8")
    return str(_template().render(summary=_summary_line(diff), counts=diff.summary, rows=rows, style=style,
                                  old=diff.old, new=diff.new, version=__version__))
