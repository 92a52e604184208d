"""Fragment handling: parts of units below the minimum area join the neighbour with the
longest shared border, inside their cell.

Parts are found from the tile pieces (pieces of one label joined across tile lines), taken
smallest first with ties broken by position, each with whatever it already took in; a part
holding hard-priority ground is never merged away. The order is fixed, so results repeat.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

import numpy as np
import shapely

from . import geometry as geo
from .tiles import Piece

PROTECTED_MIN_M2 = 0.01


class _Sets:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _shared_length(a, b) -> float:
    return float(shapely.intersection(a.boundary, b.boundary).length)


def merge_fragments(pieces: list[Piece], labels: list[tuple], min_m2: float) -> list[dict]:
    """Relabel the pieces of small parts in place; return one record per fragment seen."""
    if not pieces or min_m2 <= 0:
        return []
    geoms = np.asarray([p.geom for p in pieces], dtype=object)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = [(int(i), int(j)) for i, j in zip(left, right) if i < j]

    # Parts: pieces of one label joined across tile lines.
    sets = _Sets(len(pieces))
    border_cache: dict[tuple, float] = {}
    for i, j in pairs:
        if pieces[i].label == pieces[j].label and pieces[i].tile != pieces[j].tile:
            length = _shared_length(geoms[i], geoms[j])
            border_cache[(i, j)] = length
            if length > 0:
                sets.join(i, j)
    part_of = [sets.find(i) for i in range(len(pieces))]
    part_members: dict[int, list[int]] = defaultdict(list)
    for i, part in enumerate(part_of):
        part_members[part].append(i)
    part_area = {p: sum(pieces[i].area for i in m) for p, m in part_members.items()}
    part_hard = {p: sum(pieces[i].hard_m2 for i in m) > PROTECTED_MIN_M2 for p, m in part_members.items()}
    part_label = {p: pieces[m[0]].label for p, m in part_members.items()}
    small = {p for p, a in part_area.items() if a < min_m2}
    if not small:
        return []

    # Shared borders between a small part and its neighbours.
    adjacency: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for i, j in pairs:
        pi, pj = part_of[i], part_of[j]
        if pi == pj or (pi not in small and pj not in small):
            continue
        length = border_cache.get((i, j))
        if length is None:
            length = _shared_length(geoms[i], geoms[j])
        if length > 0:
            adjacency[pi][pj] += length
            adjacency[pj][pi] += length

    def position(part: int) -> tuple:
        biggest = max(part_members[part], key=lambda i: pieces[i].area)
        return geo.sort_point(geoms[biggest])

    points = {p: position(p) for p in small}
    groups = _Sets(len(pieces))
    group_area = dict(part_area)
    group_parts = {p: [p] for p in part_area}
    heap = [(part_area[p], points[p], p) for p in small]
    heapq.heapify(heap)
    records = []
    while heap:
        area, point, root = heapq.heappop(heap)
        if groups.find(root) != root or group_area.get(root) != area:
            continue
        record = {"area_m2": area, "from_class": labels[part_label[root]][0], "x": point[1], "y": -point[0]}
        if any(part_hard[p] for p in group_parts[root]):
            records.append({**record, "merged": False, "reason": "hard"})
            continue
        borders: dict[int, float] = defaultdict(float)
        for part in group_parts[root]:
            for neighbour, length in adjacency[part].items():
                target = groups.find(neighbour)
                if target != root:
                    borders[target] += length
        if not borders:
            records.append({**record, "merged": False, "reason": "isolated"})
            continue
        target = min(
            borders,
            key=lambda t: (-round(borders[t], 3), labels[part_label[t]][0], points.get(t) or position(t)),
        )
        groups.parent[root] = target
        group_parts[target].extend(group_parts.pop(root))
        group_area[target] += group_area.pop(root)
        records.append(
            {**record, "merged": True, "to_class": labels[part_label[target]][0], "border_m": borders[target]}
        )
        if group_area[target] < min_m2:
            points.setdefault(target, position(target))
            heapq.heappush(heap, (group_area[target], points[target], target))
    for part, members in part_members.items():
        new_label = part_label[groups.find(part)]
        for i in members:
            pieces[i].label = new_label
    return records
