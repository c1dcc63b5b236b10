"""``igkg diff``: what changed between two versions of a recommendation text."""

from __future__ import annotations

import json

import click

from ..api import GraphSource, diff
from .options import emit, graph_source_options, output_options, use_color

__all__ = ["COMMANDS"]

@click.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@output_options(["table", "json", "md", "html"], "table",
                "table for a terminal, json (the fixed format of docs/diff.md), md for a mailing list, "
                "html: an offline page with both versions side by side.")
@click.option("--changes-only", is_flag=True, help="Leave out the units that did not change.")
@click.option("--exit-code", "exit_code", is_flag=True, help="Exit 1 when the versions differ (for scripts).")
@graph_source_options
def diff_command(old: str, new: str, fmt: str, output: str | None, changes_only: bool, exit_code: bool,
                 source: GraphSource) -> None:
    """Compare two versions of a recommendation text, unit by unit: wording, verbs and their
    strength, addressees, citations, mentions. OLD and NEW are files of any format `igkg
    extract` reads (.txt, .md, .docx, .pdf, .html) or documents already in the graph (an IRI,
    a prefixed name such as doc:wgec-second-take, or a label).

    \b
    igkg diff draft-1.docx draft-2.docx
    igkg diff doc:wgec-second-take tests/data/diff/wgec-third-take.txt --format html -o diff.html

    Exit 0 whether or not they differ (1 with --exit-code when they do), 2 for a file or document
    that cannot be read, 3 / 4 when the --endpoint / --store fails.
    """
    from ..drafts.render import html_page, markdown, table

    result = diff(old, new, graph=source.open())
    if fmt == "json":
        text = json.dumps(result.to_dict(changes_only), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "md":
        text = markdown(result, changes_only=changes_only)
    elif fmt == "html":
        text = html_page(result, changes_only=changes_only)
    else:
        text = table(result, changes_only=changes_only, color=output is None and use_color())
    emit(text, output)
    if exit_code and result.differs:  # like `git diff --exit-code`: 1, and nothing more to say
        raise click.exceptions.Exit(1)


COMMANDS = (diff_command,)
