"""The explorer wing: the graph drawn as a network, and network analytics.

Modules: :mod:`.style` (a node's class, colour, shape and label: a pure function),
:mod:`.view` (which nodes and edges a view draws), :mod:`.layout` (a precomputed radial layout),
:mod:`.page` (the offline, escaped HTML page), :mod:`.analytics` (centrality, coverage, components,
paths, GraphML/GEXF), ``templates/`` (the page's HTML, CSS and JavaScript). It imports the core
only; nothing in the core imports it.
"""
