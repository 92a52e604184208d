"""Fragment handling: parts of units below the minimum area join the neighbour with the
longest shared border, inside their cell.

Parts are the connected pieces of one label, taken smallest first with ties broken by
position, each with whatever it already took in; a part holding hard-priority ground is never
merged away. The order is fixed, so results repeat. Each fragment is reported once, with its
own area and the class it finally belongs to.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable

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


def merge_fragments(
    part_area: list[float],
    part_label: list[int],
    part_hard: list[bool],
    borders_of: dict[int, dict[int, float]],
    position: Callable[[int], tuple],
    labels: list[tuple],
    min_m2: float,
) -> tuple[list[dict], list[int]]:
    """Merge parts below min_m2; return the fragment records and the new label of every part.

    borders_of[p][q] is the length of border part p shares with part q, given for every part
    below min_m2 (larger parts are never merged away, so their borders are not needed);
    position(p) is the sort point of part p, (-y, x) on a 1 m grid.
    """
    n_parts = len(part_label)
    new_label = list(part_label)
    small = [p for p in range(n_parts) if part_area[p] < min_m2]
    if not small:
        return [], new_label
    points = {p: position(p) for p in small}
    groups = _Sets(n_parts)
    group_area = dict(enumerate(part_area))
    group_parts = {p: [p] for p in small}
    heap = [(part_area[p], points[p], p) for p in small]
    heapq.heapify(heap)
    records: dict[int, dict] = {}  # one per fragment (a part below min_m2), in the order they were decided
    while heap:
        area, point, root = heapq.heappop(heap)
        if groups.find(root) != root or group_area.get(root) != area:
            continue
        record = {"area_m2": part_area[root], "from_class": labels[part_label[root]][0], "x": point[1], "y": -point[0]}
        if any(part_hard[p] for p in group_parts[root]):
            records.setdefault(root, {**record, "merged": False, "reason": "hard"})
            continue
        borders: dict[int, float] = defaultdict(float)
        for part in group_parts[root]:
            for neighbour, length in borders_of.get(part, {}).items():
                target = groups.find(neighbour)
                if target != root:
                    borders[target] += length
        if not borders:
            records.setdefault(root, {**record, "merged": False, "reason": "isolated"})
            continue
        target = min(
            borders,
            key=lambda t: (-round(borders[t], 3), labels[part_label[t]][0], points.get(t) or position(t)),
        )
        groups.parent[root] = target
        group_parts.setdefault(target, [target]).extend(group_parts.pop(root))
        group_area[target] += group_area.pop(root)
        records.setdefault(root, {**record, "merged": True, "border_m": borders[target]})
        if group_area[target] < min_m2:
            points.setdefault(target, position(target))
            heapq.heappush(heap, (group_area[target], points[target], target))
    for part in range(n_parts):
        new_label[part] = part_label[groups.find(part)]
    for part, record in records.items():
        if record["merged"]:  # the class it ends in, after whatever it joined merged further
            record["to_class"] = labels[new_label[part]][0]
    return list(records.values()), new_label
