"""Fragment handling: parts of units below the minimum area join the neighbour with the
longest shared border, inside their cell.

Parts are the polygons of the dissolved units, taken smallest first with ties broken by
position, each with whatever it already took in; a part holding hard-priority ground is never
merged away. The order is fixed, so results repeat.
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


def _shared_length(a, b) -> float:
    return float(shapely.intersection(a.boundary, b.boundary).length)


def merge_fragments(
    pieces: list[Piece],
    part_of: list[int],
    part_label: list[int],
    part_area: list[float],
    labels: list[tuple],
    min_m2: float,
) -> tuple[list[dict], list[int]]:
    """Merge parts below min_m2; return the fragment records and the new label of every part.

    pieces are the tile pieces, part_of[i] the part (a polygon of a dissolved unit) holding
    piece i; shared borders are measured between the pieces of small parts and their
    neighbouring pieces, so no whole-unit geometry is ever intersected.
    """
    n_parts = len(part_label)
    new_label = list(part_label)
    members: dict[int, list[int]] = defaultdict(list)
    for i, part in enumerate(part_of):
        members[part].append(i)
    small = {p for p in range(n_parts) if part_area[p] < min_m2 and members[p]}
    if not small:
        return [], new_label
    # Only small parts are ever asked whether they hold hard-priority ground.
    part_hard = {p: sum(pieces[i].hard_m2 for i in members[p]) > PROTECTED_MIN_M2 for p in small}
    geoms = np.asarray([p.geom for p in pieces], dtype=object)
    tree = shapely.STRtree(geoms)
    small_pieces = np.asarray(sorted(i for p in small for i in members[p]), dtype=np.int64)
    left, right = tree.query(geoms[small_pieces], predicate="intersects")
    adjacency: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    seen = set()
    for a, j in zip(small_pieces[left], right):
        i, j = int(a), int(j)
        pi, pj = part_of[i], part_of[j]
        key = (min(i, j), max(i, j))
        if pi == pj or key in seen:
            continue
        seen.add(key)
        length = _shared_length(geoms[i], geoms[j])
        if length > 0:
            adjacency[pi][pj] += length
            adjacency[pj][pi] += length

    def position(part: int) -> tuple:
        biggest = max(members[part], key=lambda i: pieces[i].area)
        return geo.sort_point(geoms[biggest])

    points = {p: position(p) for p in small}
    groups = _Sets(n_parts)
    group_area = dict(enumerate(part_area))
    group_parts = {p: [p] for p in range(n_parts)}
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
    for part in range(n_parts):
        new_label[part] = part_label[groups.find(part)]
    return records, new_label
