"""The drafts wing: what changed between two versions of a recommendation text.

Modules: :mod:`.units` (a version's units read from the graph, whichever way they got there),
:mod:`.align` (pairing units by content: edited, moved, split, merged, added, removed),
:mod:`.compare` (per pair: words, verbs and strength, addressees, citations, mentions; the
summary and the fixed JSON format), :mod:`.render` (table, Markdown, the offline HTML page).
It imports the core only; :func:`igkg.diff` (the api layer) extracts files first.
"""
