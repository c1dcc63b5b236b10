"""The graph as a network of resources, in the core so that the explorer (the offline page) and
the server (the workbench) draw it the same way: :mod:`.style` (a node's class, colour, shape and
short label: a pure function), :mod:`.facts` (gathering triples about resources), :mod:`.view`
(which nodes and edges a view draws: whole graph, focus and depth along meaningful links, a
CONSTRUCT result; scheme concepts as properties), :mod:`.layout` (a precomputed radial layout),
:mod:`.labels` (the short labels results show next to IRIs), :mod:`.payload` (a view as the data
the drawing script takes), :mod:`.assets` (vis-network from pyvis's copy and ``assets/graph.js``,
the drawing shared by every page). It imports the stores, queries and formats below it, never a
wing.
"""
