"""Dissolve polygons cut along a square tile grid back into whole polygons, in linear time.

The pieces of one label are disjoint; within a tile they are already one union, so edges two
pieces share lie on tile lines only. Their ring segments are taken on the 1 mm grid, segments
on tile lines are split at every vertex any piece has on that line, the segments shared by
two pieces cancel, and what is left is the dissolved boundary, which polygonize turns back
into polygons. This avoids re-noding the whole county at every level of a cascaded union.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import shapely

from .geometry import GRID, as_multipolygon, union

SLIVER_M2 = 1.0


def dissolve_tiles(pieces, tile_size: float):
    """Union of disjoint polygons that were cut along a grid of tile_size (metres, on GRID)."""
    pieces = [p for p in pieces if p is not None and not p.is_empty]
    if not pieces:
        return shapely.MultiPolygon()
    if len(pieces) == 1:
        return as_multipolygon(pieces[0])
    rings = shapely.get_rings(np.asarray(pieces, dtype=object))
    coords, ring_index = shapely.get_coordinates(rings, return_index=True)
    grid = np.rint(coords / GRID).astype(np.int64)
    same_ring = ring_index[:-1] == ring_index[1:]
    starts = grid[:-1][same_ring]
    ends = grid[1:][same_ring]
    moving = np.any(starts != ends, axis=1)
    starts, ends = starts[moving], ends[moving]

    step = int(round(tile_size / GRID))
    vertical = (starts[:, 0] == ends[:, 0]) & (starts[:, 0] % step == 0)
    horizontal = (starts[:, 1] == ends[:, 1]) & (starts[:, 1] % step == 0) & ~vertical
    seam = vertical | horizontal
    kept = [np.hstack([starts[~seam], ends[~seam]])]
    for axis, mask in ((0, vertical), (1, horizontal)):
        if mask.any():
            kept.append(_cancel_seam_segments(starts[mask], ends[mask], axis))
    segments = np.vstack(kept).astype(np.float64) * GRID
    if len(segments) == 0:
        return shapely.MultiPolygon()
    lines = shapely.linestrings(segments.reshape(-1, 2, 2))
    merged = shapely.line_merge(shapely.multilinestrings(lines))
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(merged))))
    if not faces:
        return as_multipolygon(union(pieces))
    tree = shapely.STRtree(pieces)
    points = shapely.point_on_surface(faces)
    inside_idx, _ = tree.query(points, predicate="intersects")
    inside = [faces[i] for i in sorted(set(int(i) for i in inside_idx))]
    inside = _absorb_slivers(inside)
    # Drop the vertices the tile lines left on straight edges.
    return as_multipolygon(shapely.simplify(shapely.MultiPolygon(inside), 0.0))


def _absorb_slivers(faces: list) -> list:
    """Join faces of under a m² into the faces they touch.

    Where a border crosses a tile line at a point that the grid rounds differently on the two
    sides, a sliver of a few hundredths of a m² can stand apart; it belongs to its neighbour.
    """
    tiny = [i for i, f in enumerate(faces) if f.area < SLIVER_M2]
    if not tiny:
        return faces
    tree = shapely.STRtree(faces)
    groups = set(tiny)
    for i in tiny:
        groups.update(int(j) for j in tree.query(faces[i], predicate="intersects"))
    joined = union([faces[i] for i in sorted(groups)])
    return [f for i, f in enumerate(faces) if i not in groups] + list(shapely.get_parts(joined))


def _cancel_seam_segments(starts: np.ndarray, ends: np.ndarray, axis: int) -> np.ndarray:
    """Split segments lying on tile lines at every vertex on their line; drop shared ones."""
    other = 1 - axis
    lines = defaultdict(list)
    for i, value in enumerate(starts[:, axis]):
        lines[int(value)].append(i)
    out = []
    for line_value, members in lines.items():
        members = np.asarray(members)
        a = starts[members, other]
        b = ends[members, other]
        breaks = np.unique(np.concatenate([a, b]))
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        first = np.searchsorted(breaks, lo)
        last = np.searchsorted(breaks, hi)
        pieces_lo, pieces_hi = [], []
        for start, stop in zip(first, last):
            pieces_lo.append(breaks[start:stop])
            pieces_hi.append(breaks[start + 1 : stop + 1])
        seg_lo = np.concatenate(pieces_lo)
        seg_hi = np.concatenate(pieces_hi)
        keys, counts = np.unique(np.column_stack([seg_lo, seg_hi]), axis=0, return_counts=True)
        single = keys[counts == 1]
        if len(single) == 0:
            continue
        fixed = np.full(len(single), line_value, dtype=np.int64)
        if axis == 0:
            out.append(np.column_stack([fixed, single[:, 0], fixed, single[:, 1]]))
        else:
            out.append(np.column_stack([single[:, 0], fixed, single[:, 1], fixed]))
    if not out:
        return np.empty((0, 4), dtype=np.int64)
    return np.vstack(out)
