"""Borders shared vertex for vertex across counties.

Inside a county the units come from one arrangement, so neighbours carry the same vertices (a
vertex where three units meet is kept by all of them, see arrangement.junctions). Two counties
are worked apart: a zone boundary that meets the county border adds a vertex on one side only,
and a crossing computed in each county may differ in the last bits. Here the vertices the units
keep on the edge of each county are exchanged: a vertex of a neighbouring county within
TOLERANCE of one of the county's own takes one position (the county listed first gives it), and
one that lies on a border segment is put into it. Counties whose borders do not meet are left as
they are.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import shapely

from . import arrangement

TOLERANCE = 1e-4  # metres: far below the 1 mm grid of the inputs, far above rounding in crossings


def exterior_vertices(geoms: list, exterior_seg: np.ndarray) -> np.ndarray:
    """The distinct vertices of the geometries that lie on the cell's edge (its outer segments)."""
    if not geoms or len(exterior_seg) == 0:
        return np.empty((0, 2))
    coords = shapely.get_coordinates(np.asarray(geoms, dtype=object))
    ends = np.vstack([exterior_seg[:, :2], exterior_seg[:, 2:]])
    ids = arrangement.vertex_ids(np.vstack([coords, ends]))
    on_edge = np.isin(ids[: len(coords)], ids[len(coords) :])
    _unique, first = np.unique(ids[: len(coords)][on_edge], return_index=True)
    return coords[on_edge][first]


def share_vertices(cell_units: list[list], exteriors: list[np.ndarray]) -> None:
    """Give neighbouring counties' units the same vertices along the borders they share (in place)."""
    boxes = [_box(points) for points in exteriors]
    for c, units in enumerate(cell_units):
        own = exteriors[c]
        if not units or len(own) == 0:
            continue
        others = [
            (exteriors[d], d)
            for d in range(len(exteriors))
            if d != c and len(exteriors[d]) and _meet(boxes[c], boxes[d])
        ]
        if not others:
            continue
        foreign = np.vstack([points for points, _d in others])
        source = np.concatenate([np.full(len(points), d, dtype=np.int64) for points, d in others])
        ids = arrangement.vertex_ids(np.vstack([own, foreign]))
        new = ~np.isin(ids[len(own) :], ids[: len(own)])
        foreign, source = foreign[new], source[new]
        if len(foreign) == 0:
            continue
        own_points = shapely.points(own)
        near_own, near_foreign = shapely.STRtree(own_points).query(
            shapely.points(foreign), predicate="dwithin", distance=TOLERANCE
        )[::-1]
        moves = _moves(own, foreign, source, near_own, near_foreign, c)
        present = np.zeros(len(foreign), dtype=bool)
        present[near_foreign] = True
        _rewrite(units, own, moves, foreign[~present])


def _box(points: np.ndarray):
    if len(points) == 0:
        return None
    return (*points.min(axis=0) - TOLERANCE, *points.max(axis=0) + TOLERANCE)


def _meet(a, b) -> bool:
    return a is not None and b is not None and a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _moves(own, foreign, source, near_own, near_foreign, cell: int) -> dict[int, np.ndarray]:
    """Own vertex -> the position a county listed earlier gives it (the nearest such vertex)."""
    best: dict[int, tuple] = {}
    for j, i in zip(near_own.tolist(), near_foreign.tolist()):
        if source[i] >= cell:
            continue
        d = float(np.hypot(*(own[j] - foreign[i])))
        key = (int(source[i]), d, i)
        if j not in best or key < best[j]:
            best[j] = key
    return {j: foreign[key[2]] for j, key in best.items()}


def _rewrite(units: list, own: np.ndarray, moves: dict[int, np.ndarray], inserts: np.ndarray) -> None:
    """Move and insert vertices in the rings of the units."""
    if not moves and len(inserts) == 0:
        return
    parts, part_unit = shapely.get_parts(np.asarray([u.geom for u in units], dtype=object), return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    changed = np.zeros(len(rings), dtype=bool)
    ids = arrangement.vertex_ids(np.vstack([coords, own]))
    own_ids = ids[len(coords) :]
    edge = np.isin(ids[: len(coords)], own_ids)
    if moves:
        moved = np.asarray(sorted(moves))
        where = np.isin(ids[: len(coords)], own_ids[moved])
        target = {int(own_ids[j]): moves[j] for j in moved.tolist()}
        for k in np.flatnonzero(where).tolist():
            coords[k] = target[int(ids[k])]
        changed[ring_of[where]] = True
    extra: dict[int, list] = defaultdict(list)  # coordinate index -> points to put after it
    if len(inserts):
        start = np.flatnonzero((ring_of[:-1] == ring_of[1:]) & edge[:-1] & edge[1:])
        if len(start):
            lines = shapely.linestrings(np.stack([coords[start], coords[start + 1]], axis=1))
            points = shapely.points(inserts)
            which, seg = shapely.STRtree(lines).query(points, predicate="dwithin", distance=TOLERANCE)
            if len(which):
                dist = shapely.distance(points[which], lines[seg])
                order = np.lexsort((seg, dist, which))
                first = order[np.r_[True, which[order][1:] != which[order][:-1]]]
                for i, s in zip(which[first].tolist(), seg[first].tolist()):
                    k = int(start[s])
                    t = float(shapely.line_locate_point(lines[s], points[i]))
                    if 0 < t < lines[s].length:
                        extra[k].append((t, inserts[i]))
                        changed[ring_of[k]] = True
    if not changed.any():
        return
    new_rings = rings.copy()
    ring_start = np.searchsorted(ring_of, np.arange(len(rings) + 1))
    for r in np.flatnonzero(changed).tolist():
        out = []
        for k in range(ring_start[r], ring_start[r + 1]):
            out.append(coords[k])
            for _t, point in sorted(extra.get(k, ()), key=lambda item: item[0]):
                out.append(point)
        new_rings[r] = shapely.linearrings(np.asarray(out))
    touched_parts = np.unique(ring_part[changed])
    new_parts = parts.copy()
    part_start = np.searchsorted(ring_part, np.arange(len(parts) + 1))
    for p in touched_parts.tolist():
        mine = new_rings[part_start[p] : part_start[p + 1]]
        new_parts[p] = shapely.Polygon(mine[0], list(mine[1:]))
    unit_start = np.searchsorted(part_unit, np.arange(len(units) + 1))
    for u in np.unique(part_unit[touched_parts]).tolist():
        units[u].geom = shapely.normalize(shapely.multipolygons(new_parts[unit_start[u] : unit_start[u + 1]]))
