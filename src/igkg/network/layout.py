"""A fast, deterministic layout for the explorer: a radial tree per connected component.

Each component is laid out around a root (the focus node, or its best-connected node): nodes
sit on rings by their hop distance from the root, and each subtree of the breadth-first tree
gets an arc proportional to its size, so neighbours stay together. Components are then packed
in rows, largest first. It runs in time linear in nodes plus edges (5,000 nodes in a few
milliseconds), which is what lets a large page open with physics off; small pages start from
it and let vis-network's physics relax it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

__all__ = ["radial_layout"]

RING = 160.0  # distance between rings, in vis-network canvas units
SPACING = 46.0  # wanted distance between neighbours on a ring
GAP = 120.0  # space between packed components


def _components(n: int, adjacency: Sequence[Collection[int]]) -> list[list[int]]:
    seen = [False] * n
    components: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        seen[start] = True
        members = [start]
        for node in members:  # breadth first: the list is its own queue
            for other in adjacency[node]:
                if not seen[other]:
                    seen[other] = True
                    members.append(other)
        components.append(members)
    return components


def _linked_first(siblings: list[int], adjacency: Sequence[Collection[int]]) -> list[int]:
    """Siblings reordered so that siblings linked to each other sit side by side (a
    recommendation next to its action), instead of across the ring."""
    if len(siblings) < 3:
        return siblings
    among = set(siblings)
    placed: set[int] = set()
    ordered: list[int] = []
    for start in siblings:
        if start in placed:
            continue
        stack = [start]
        while stack:
            node = stack.pop()
            if node in placed:
                continue
            placed.add(node)
            ordered.append(node)
            linked = [o for o in adjacency[node] if o in among and o not in placed]
            if linked:
                linked.sort(reverse=True)
                stack.extend(linked)
    return ordered


class _Tree:
    """Breadth-first trees of the components, in per-node lists shared by every component."""

    def __init__(self, n: int) -> None:
        self.parent = [-2] * n  # -2: not reached yet; -1: a root
        self.depth = [0] * n
        self.weight = [1] * n
        self.children: list[list[int]] = [[] for _ in range(n)]


def _radial(
    root: int, adjacency: Sequence[Collection[int]], rank: Sequence[int], tree: _Tree
) -> dict[int, tuple[float, float]]:
    """Positions of one component, centred on (0, 0)."""
    parent, depth, weight, children = tree.parent, tree.depth, tree.weight, tree.children
    parent[root] = -1
    visiting = [root]
    key = rank.__getitem__
    for node in visiting:  # breadth first: the list is its own queue
        fresh = sorted((o for o in adjacency[node] if parent[o] == -2), key=key)
        below = depth[node] + 1
        mine = children[node]
        for other in _linked_first(fresh, adjacency):
            parent[other] = node
            depth[other] = below
            mine.append(other)
            visiting.append(other)
    for node in reversed(visiting):
        if parent[node] >= 0:
            weight[parent[node]] += weight[node]
    per_ring: dict[int, int] = {}
    for node in visiting:
        d = depth[node]
        per_ring[d] = per_ring.get(d, 0) + 1
    radius = {0: 0.0}
    for d in range(1, max(per_ring) + 1):
        fit = per_ring.get(d, 0) * SPACING / (2 * math.pi)
        radius[d] = max(radius[d - 1] + RING, fit)
    positions: dict[int, tuple[float, float]] = {root: (0.0, 0.0)}
    arcs = {root: (0.0, 2 * math.pi)}
    cos, sin = math.cos, math.sin
    for node in visiting:
        start, width = arcs[node]
        kids = children[node]
        if not kids:
            continue
        total = sum(weight[c] for c in kids) or 1
        for child in kids:
            share = width * weight[child] / total
            arcs[child] = (start, share)
            angle = start + share / 2
            r = radius[depth[child]]
            positions[child] = (r * cos(angle), r * sin(angle))
            start += share
    return positions


def radial_layout(
    n: int,
    edges: Sequence[tuple[int, int]],
    *,
    root: int | None = None,
    order: Sequence[int] | None = None,
) -> list[tuple[float, float]]:
    """Positions for nodes ``0 … n-1`` joined by ``edges`` (direction ignored).

    ``root`` is placed at the centre of its component; ``order`` (a sort key per node, e.g.
    its class) keeps siblings of the same kind next to each other on a ring.
    """
    adjacency: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        if a != b:
            adjacency[a].add(b)
            adjacency[b].add(a)
    keys = list(order) if order is not None else list(range(n))
    rank = [0] * n  # each node's place in the order (its key, then its number): one sort for all
    for place, node in enumerate(sorted(range(n), key=lambda o: (keys[o], o))):
        rank[node] = place
    components = sorted(_components(n, adjacency), key=lambda c: (-len(c), min(c)))
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * n
    laid_out: list[tuple[dict[int, tuple[float, float]], float]] = []
    tree = _Tree(n)
    for members in components:
        best = max(members, key=lambda m: (len(adjacency[m]), -m))
        centre = root if root is not None and root in members else best
        positions = _radial(centre, adjacency, rank, tree)
        extent = max((math.hypot(x, y) for x, y in positions.values()), default=0.0) + SPACING / 2
        laid_out.append((positions, extent))
    # Pack components in rows, the largest first, rows about as wide as the whole is tall.
    area = sum((2 * extent + GAP) ** 2 for _, extent in laid_out)
    row_width = max(math.sqrt(area) * 1.3, 2 * laid_out[0][1] + GAP) if laid_out else 0.0
    x = y = row_height = 0.0
    for positions, extent in laid_out:
        size = 2 * extent + GAP
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + extent, y + extent
        for node, (px, py) in positions.items():
            placed[node] = (round(cx + px, 1), round(cy + py, 1))
        x += size
        row_height = max(row_height, size)
    return placed
