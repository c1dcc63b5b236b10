"""``igkg attach-text``: the click command over :func:`igkg.attach_text`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..api import GraphSource, attach_text
from .options import emit, graph_source_options, output_options

__all__ = ["COMMANDS"]


@click.command("attach-text")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--instrument", "-i", required=True, metavar="NAME",
              help="The instrument the file is a copy of: its label, acronym, symbol or IRI (e.g. 'Tunis Agenda').")
@click.option("--into", "into", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write the words to DIR/<instrument>-text.ttl (your data folder; read it back with --data).")
@click.option("--only-known", is_flag=True,
              help="Leave out (and list) the paragraphs of the text that the graph does not have, for an "
                   "instrument modelled in part; without it they are refused as extra.")
@output_options(["ttl", "trig", "nq", "nt", "jsonld", "xml", "json"], "ttl",
                "Without --into: the text copy as RDF (trig, nq keep its graph name), or json: what was attached.")
@graph_source_options
def attach_text_command(file: Path, instrument: str, into: Path | None, only_known: bool, fmt: str,
                        output: str | None, source: GraphSource) -> None:
    """Attach the words of an instrument from your own copy of it (PDF, Word .docx, web page or
    text) to the instrument's paragraphs and sub-items in the graph. The text is cut into
    numbered paragraphs ('12. …') and sub-items ('(a) …', 'a) …', '(ii) …'), which must fit
    the instrument's numbering; the words go into a named graph of their own with the file's
    name, SHA-256 and the date (docs/attach-text.md).

    \b
    igkg attach-text tunis-agenda.pdf --instrument "Tunis Agenda" --into mydata/
    igkg query citation-claims --data mydata/tunis-agenda-text.ttl   # now with the words
    igkg attach-text copy.docx -i A/RES/70/125 -f trig -o res-70-125-text.trig

    Exit codes: 0 attached (a summary on standard error); 2 a file that cannot be read, an
    unknown instrument, an instrument without numbered paragraphs, a text without any; 5 the
    numbering does not fit (one line per missing, extra, repeated or out-of-order paragraph or
    sub-item; nothing written); 3 the --endpoint failed; 4 the --store cannot be opened.
    """
    attached = attach_text(file, instrument, graph=source.open(), into=into, only_known=only_known)
    for note in attached.unmodelled_items:
        click.echo(f"igkg: note: {note} are not modelled in the graph: kept in the paragraph's words", err=True)
    if attached.left_out:
        click.echo(f"igkg: note: left out, not in the graph: {', '.join(attached.left_out)}", err=True)
    if into is not None:
        click.echo(f"igkg: wrote {into / (attached.slug + '-text.ttl')}: {attached.summary()}", err=True)
        if output is None:
            return
    else:
        click.echo(f"igkg: {attached.summary()}", err=True)
    if fmt == "json":
        emit(json.dumps(attached.to_dict(), ensure_ascii=False, indent=2) + "\n", output)
    else:
        emit(attached.serialize(fmt), output)


COMMANDS = (attach_text_command,)
