"""``igkg extract``: model a recommendation text as RDF, linked to what it cites and addresses.

>>> import igkg
>>> text = "Draft\\n\\n1. Encourages the IGF to act on paragraph 72(g) of the Tunis Agenda.\\n"
>>> document = igkg.extract(text=text)
>>> rec = document.to_dict()["recommendations"][0]
>>> rec["actions"][0]["label"], rec["addressees"][0]["label"], rec["references"][0]["paragraph"]
('encourages', 'Internet Governance Forum', '72(g)')

Modules: :mod:`.reading` (input checks), :mod:`.segment` (layout), :mod:`.lexicon` (names
from the graph), :mod:`.verbs`, :mod:`.agents`, :mod:`.references`, :mod:`.inference`,
:mod:`.pipeline` (putting it together), :mod:`.model` (the data), :mod:`.document` (the data with
its outputs: :mod:`.jsonout`, :mod:`.rdf` / :mod:`.evidence`), :mod:`.writing` (``--into``),
:mod:`.scoring` (precision, recall, F1 against a gold standard). The wing imports the core only.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..graph import Graph, open_graph
from .document import ExtractedDocument
from .lexicon import Lexicon, lexicon_for
from .model import (
    Action,
    Citation,
    Evidence,
    ExtractionWarning,
    Link,
    Provision,
    Recommendation,
)
from .pipeline import EXTRACTOR, extract_document, slugify
from .reading import MAX_BYTES, read_source

__all__ = [
    "extract",
    "ExtractedDocument",
    "Recommendation",
    "Action",
    "Citation",
    "Provision",
    "Link",
    "Evidence",
    "ExtractionWarning",
    "Lexicon",
    "lexicon_for",
    "MAX_BYTES",
    "EXTRACTOR",
    "slugify",
]

STATUSES = ("draft", "adopted")


def extract(
    path: str | Path | None = None,
    *,
    text: str | None = None,
    graph: Graph | None = None,
    name: str | None = None,
    slug: str | None = None,
    status: str = "draft",
) -> ExtractedDocument:
    """Extract the recommendations of a file (``path=``) or a string (``text=``).

    Names, verbs and paragraphs are looked up in ``graph`` (default: the bundled graph).
    ``slug`` names the document (:func:`igkg.namespaces.document_iri` of it; default: from the
    file name, else the title); ``status`` is ``draft`` or ``adopted``. Raises
    :class:`~igkg.errors.InputError` for a file that is empty, binary, not UTF-8 or too large,
    and :class:`~igkg.errors.ParseError` for a text with no bullets.
    """
    if status not in STATUSES:
        raise InputError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    source = read_source(path, text=text, name=name)
    kg = graph if graph is not None else open_graph()
    return extract_document(source, lexicon_for(kg), slug=slug, status=status)
