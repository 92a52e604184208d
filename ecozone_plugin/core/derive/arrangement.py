"""The planar arrangement of one cell: faces, the zones that hold them, and the edges between them.

A cell (a county, or a county and a split value) is cut by a fixed square grid of tiles in
absolute coordinates. In each tile the boundaries of the clipped zones, of the base polygons,
of the cell and of the tile are noded together and polygonized into faces: the smallest pieces
of ground that no boundary crosses. A face lies wholly inside or outside every zone, so one
point inside it tells which zones hold it.

Faces that share an edge carry the very same coordinates along it, so their ring segments pair
them up by exact comparison; on a tile line the two sides are first split at each other's
vertices. What follows is arithmetic on faces and edges (areas, the zones a unit holds, the
borders between parts), and each unit's polygon is built once, by polygonizing the edges that
part it from other ground.

Noding is done in floating point, which is exact for the input vertices (on the 1 mm grid)
and leaves crossing points where they fall; should it fail, the tile is snap-rounded on the
grid instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import box

from ..zones import geometry as geo

TILE_SIZE = 3000.0  # metres
BLOCK_TILES = 4  # a block is 4 x 4 tiles
_NO_FACE = -1


@dataclass
class Edges:
    """Segments (x0, y0, x1, y1), each directed with face a on its left and face b (or -1 where
    the cell ends) on its right."""

    a: np.ndarray
    b: np.ndarray
    seg: np.ndarray

    @staticmethod
    def empty() -> Edges:
        none = np.empty(0, dtype=np.int64)
        return Edges(none, none.copy(), np.empty((0, 4)))

    @staticmethod
    def join(parts: list[Edges]) -> Edges:
        if not parts:
            return Edges.empty()
        return Edges(
            np.concatenate([p.a for p in parts]),
            np.concatenate([p.b for p in parts]),
            np.vstack([p.seg for p in parts]),
        )

    def shifted(self, offset: int) -> Edges:
        return Edges(self.a + offset, np.where(self.b >= 0, self.b + offset, _NO_FACE), self.seg)

    def lengths(self) -> np.ndarray:
        d = self.seg[:, 2:] - self.seg[:, :2]
        return np.hypot(d[:, 0], d[:, 1])


@dataclass
class BlockFaces:
    """The faces of the cell inside one block of tiles."""

    faces: np.ndarray  # polygons
    area: np.ndarray
    zone_pairs: tuple  # (face, zone index) for every zone holding a face
    base_pairs: tuple  # (face, base index)
    split_pairs: tuple  # (face, split area index)
    inner: Edges  # segments shared by two faces of this block, or ending the cell
    seams: Edges  # segments on tile lines, paired across them by match_seams


def tile_blocks(cell_geom, size: float = TILE_SIZE, per_side: int = BLOCK_TILES) -> list[np.ndarray]:
    """The tiles that meet the cell, grouped in square blocks of per_side x per_side tiles.

    A block is worked in one go: each tile is noded on its own, but every step runs as one
    array operation over all tiles of the block, which keeps the two threads from waiting on
    each other for the interpreter between many small steps.
    """
    x0, y0, x1, y1 = cell_geom.bounds
    blocks: dict[tuple, list] = {}
    for iy in range(int(np.floor(y0 / size)), int(np.floor(y1 / size)) + 1):
        for ix in range(int(np.floor(x0 / size)), int(np.floor(x1 / size)) + 1):
            tile = box(ix * size, iy * size, (ix + 1) * size, (iy + 1) * size)
            if cell_geom.intersects(tile):
                blocks.setdefault((iy // per_side, ix // per_side), []).append(tile)
    return [np.asarray(tiles, dtype=object) for _key, tiles in sorted(blocks.items())]


def _clipped(geoms: np.ndarray, tree, tiles: np.ndarray, bounds: np.ndarray) -> tuple:
    """(tile, index, polygonal part inside the tile) of the geometries that reach into each tile."""
    tile, idx = tree.query(tiles)
    order = np.lexsort((idx, tile))
    tile, idx = tile[order], idx[order]
    if len(idx) == 0:
        return tile, idx, np.empty(0, dtype=object)
    clipped = np.empty(len(idx), dtype=object)
    starts = np.searchsorted(tile, np.arange(len(tiles) + 1))
    for t in range(len(tiles)):  # clip_by_rect takes one rectangle at a time
        if starts[t] < starts[t + 1]:
            clipped[starts[t] : starts[t + 1]] = shapely.clip_by_rect(geoms[idx[starts[t] : starts[t + 1]]], *bounds[t])
    kinds = shapely.get_type_id(clipped)
    for i in np.flatnonzero((kinds != 3) & (kinds != 6)):
        clipped[i] = geo.polygonal(clipped[i])
    keep = ~shapely.is_empty(clipped) & (shapely.area(clipped) > 0)
    return tile[keep], idx[keep], clipped[keep]


def _clipped_or_none(layer: tuple | None, tiles: np.ndarray, bounds: np.ndarray) -> tuple:
    if layer is None:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    return _clipped(*layer, tiles, bounds)


def _holders(points, point_tile, part_tile, idx, parts) -> tuple[np.ndarray, np.ndarray]:
    """(point, index) for every part (of the same tile) holding a point."""
    if len(parts) == 0 or len(points) == 0:
        none = np.empty(0, dtype=np.int64)
        return none, none.copy()
    where, which = shapely.STRtree(parts).query(points, predicate="intersects")
    same_tile = point_tile[where] == part_tile[which]
    return where[same_tile].astype(np.int64), idx[which[same_tile]].astype(np.int64)


def _node(collections: np.ndarray, lines: np.ndarray, line_tile: np.ndarray) -> np.ndarray:
    """Each tile's lines noded; a tile whose floating-point noding fails is snap-rounded."""
    try:
        return shapely.node(collections)
    except shapely.errors.GEOSException:
        noded = np.empty(len(collections), dtype=object)
        for t, collection in enumerate(collections):
            try:
                noded[t] = shapely.node(collection)
            except shapely.errors.GEOSException:
                noded[t] = shapely.union_all(lines[line_tile == t], grid_size=geo.GRID)
        return noded


def block_faces(
    tiles: np.ndarray,
    cell_geom,
    tile_size: float,
    zones: tuple,
    bases: tuple | None = None,
    splits: tuple | None = None,
):
    """Node and polygonize the tiles of one block; zones, bases and split areas (the townships of
    the cell) are (geometries, STRtree)."""
    bounds = shapely.bounds(tiles)
    ground = tiles.copy()
    cut = ~shapely.contains(cell_geom, tiles)
    for t in np.flatnonzero(cut):
        ground[t] = geo.polygonal(shapely.clip_by_rect(cell_geom, *bounds[t]))
    has_ground = ~shapely.is_empty(ground) & (shapely.area(ground) > 0)
    tiles, bounds, ground = tiles[has_ground], bounds[has_ground], ground[has_ground]
    if len(tiles) == 0:
        return None
    zone_tile, zone_idx, zone_parts = _clipped(*zones, tiles, bounds)
    base_tile, base_idx, base_parts = _clipped_or_none(bases, tiles, bounds)
    split_tile, split_idx, split_parts = _clipped_or_none(splits, tiles, bounds)
    line_tile = np.concatenate([zone_tile, base_tile, split_tile, np.arange(len(tiles))])
    order = np.argsort(line_tile, kind="stable")
    lines = shapely.boundary(np.concatenate([zone_parts, base_parts, split_parts, ground]))[order]
    line_tile = line_tile[order]
    noded = _node(shapely.geometrycollections(lines, indices=line_tile), lines, line_tile)
    faces, face_tile = shapely.get_parts(shapely.polygonize(noded[:, None]), return_index=True)
    if len(faces) == 0:
        return None
    points = shapely.point_on_surface(faces)
    shapely.prepare(ground)
    area = shapely.area(faces)
    keep = shapely.intersects(ground[face_tile], points) & (area > 0)
    faces, face_tile, points, area = faces[keep], face_tile[keep], points[keep], area[keep]
    if len(faces) == 0:
        return None
    inner, seams = _face_edges(faces, tile_size)
    return BlockFaces(
        faces=faces,
        area=area,
        zone_pairs=_holders(points, face_tile, zone_tile, zone_idx, zone_parts),
        base_pairs=_holders(points, face_tile, base_tile, base_idx, base_parts),
        split_pairs=_holders(points, face_tile, split_tile, split_idx, split_parts),
        inner=inner,
        seams=seams,
    )


def _segments(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(face, segment) of every ring segment of the faces, each directed with its face on the
    left (shells counter-clockwise, holes clockwise)."""
    rings, ring_face = shapely.get_rings(faces, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    at = np.flatnonzero(ring_of[:-1] == ring_of[1:])
    at = at[np.any(coords[at] != coords[at + 1], axis=1)]
    ring = ring_of[at]
    shell = np.r_[True, ring_face[1:] != ring_face[:-1]]
    flip = (shell != shapely.is_ccw(rings))[ring]
    seg = np.empty((len(at), 4))
    seg[:, :2] = coords[at + flip]
    seg[:, 2:] = coords[at + ~flip]
    return ring_face[ring].astype(np.int64), seg


_MIX = np.asarray([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)


def _sorted_groups(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(order, same_as_next) that sort the rows of a float array so that equal rows are
    neighbours, and mark them.

    Rows are hashed from their exact bits and sorted by hash; equal hashes are checked against
    the coordinates, and the rare clash falls back to an exact lexicographic sort.
    """
    bits = np.ascontiguousarray(rows + 0.0).view(np.uint64)  # + 0.0 turns -0.0 into 0.0
    with np.errstate(over="ignore"):
        mixed = (bits * _MIX[: rows.shape[1]]).sum(axis=1, dtype=np.uint64)
    mixed ^= mixed >> np.uint64(29)
    order = np.argsort(mixed)
    same_hash = mixed[order][1:] == mixed[order][:-1]
    ordered = rows[order]
    same = np.all(ordered[1:] == ordered[:-1], axis=1)
    if np.any(same_hash & ~same):
        order = np.lexsort(rows.T[::-1])
        ordered = rows[order]
        same = np.all(ordered[1:] == ordered[:-1], axis=1)
    return order, same


def vertex_ids(xy: np.ndarray) -> np.ndarray:
    """One integer per distinct point."""
    order, same = _sorted_groups(xy)
    ids = np.empty(len(xy), dtype=np.int64)
    ids[order] = np.cumsum(np.r_[True, ~same]) - 1
    return ids


def _face_edges(faces: np.ndarray, tile_size: float) -> tuple[Edges, Edges]:
    """Pair faces by the segments they share; split off the segments on tile lines."""
    face, seg = _segments(faces)
    vertical = (seg[:, 0] == seg[:, 2]) & (seg[:, 0] == np.round(seg[:, 0] / tile_size) * tile_size)
    horizontal = (seg[:, 1] == seg[:, 3]) & (seg[:, 1] == np.round(seg[:, 1] / tile_size) * tile_size)
    on_line = vertical | horizontal
    seams = Edges(face[on_line], np.full(int(on_line.sum()), _NO_FACE, dtype=np.int64), seg[on_line])
    face, seg = face[~on_line], seg[~on_line]
    if len(seg) == 0:
        return Edges.empty(), seams
    swap = (seg[:, 0] > seg[:, 2]) | ((seg[:, 0] == seg[:, 2]) & (seg[:, 1] > seg[:, 3]))
    canonical = np.where(swap[:, None], seg[:, [2, 3, 0, 1]], seg)
    order, same = _sorted_groups(canonical)
    a, b, rows = _pair_sorted(face[order], same)
    return Edges(a, b, seg[order[rows]]), seams


def cell_edges(blocks: list[BlockFaces], offsets) -> Edges:
    """Every edge between the faces of a cell's blocks (numbered from each block's offset),
    and where the cell ends."""
    seams = Edges.join([t.seams.shifted(o) for t, o in zip(blocks, offsets)])
    return Edges.join([t.inner.shifted(o) for t, o in zip(blocks, offsets)] + [match_seams(seams)])


def _pair_sorted(face: np.ndarray, same_as_next: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Faces a and b of every pair of equal neighbours in a sorted list, and the lone ones with
    b = -1; returns (a, b, row of a)."""
    n = len(face)
    starts = np.zeros(n, dtype=bool)
    if n > 1:
        starts[:-1] = same_as_next
        starts[1:] &= ~same_as_next  # a run of three (not seen in a valid arrangement) pairs its first two
    second = np.zeros(n, dtype=bool)
    second[1:] = starts[:-1]
    lone = ~starts & ~second
    pair_rows = np.flatnonzero(starts)
    lone_rows = np.flatnonzero(lone)
    a = np.concatenate([face[pair_rows], face[lone_rows]])
    b = np.concatenate([face[pair_rows + 1], np.full(len(lone_rows), _NO_FACE, dtype=np.int64)])
    return a, b, np.concatenate([pair_rows, lone_rows])


def match_seams(seams: Edges) -> Edges:
    """Pair the tile-border segments of neighbouring tiles.

    Segments on one tile line are split at every vertex either side has on that line; each
    elementary piece then has one face on each side, or one face where the cell ends. Pieces
    keep the direction of the face they came from.
    """
    if len(seams.a) == 0:
        return Edges.empty()
    seg = seams.seg
    vertical = seg[:, 0] == seg[:, 2]
    value = np.where(vertical, seg[:, 0], seg[:, 1])
    along_start = np.where(vertical, seg[:, 1], seg[:, 0])
    along_end = np.where(vertical, seg[:, 3], seg[:, 2])
    forward = along_start < along_end
    lines, line_of = np.unique(vertical + 1j * value, return_inverse=True)
    line_of = line_of.reshape(-1).astype(np.float64)
    # A point on a line is (line, position along it): complex numbers sort that way.
    lo = line_of + 1j * np.minimum(along_start, along_end)
    hi = line_of + 1j * np.maximum(along_start, along_end)
    breaks = np.unique(np.concatenate([lo, hi]))
    first = np.searchsorted(breaks, lo)
    count = np.searchsorted(breaks, hi) - first
    rows = np.repeat(np.arange(len(first)), count)
    at = np.repeat(first, count) + (np.arange(len(rows)) - np.repeat(np.cumsum(count) - count, count))
    order = np.argsort(at, kind="stable")
    rows, at = rows[order], at[order]
    a, b, kept = _pair_sorted(seams.a[rows], at[1:] == at[:-1])
    rows, at = rows[kept], at[kept]
    line = lines[breaks[at].real.astype(np.int64)]
    is_vertical, fixed = line.real.astype(bool), line.imag
    lo_c, hi_c = breaks[at].imag, breaks[at + 1].imag
    start_c = np.where(forward[rows], lo_c, hi_c)
    end_c = np.where(forward[rows], hi_c, lo_c)
    out = np.where(
        is_vertical[:, None],
        np.column_stack([fixed, start_c, fixed, end_c]),
        np.column_stack([start_c, fixed, end_c, fixed]),
    )
    return Edges(a, b, out)


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected component (0..k-1, numbered by their lowest node) of n nodes joined by a-b."""
    parent = np.arange(n, dtype=np.int64)
    while len(a):
        pa, pb = parent[a], parent[b]
        apart = pa != pb
        a, b, pa, pb = a[apart], b[apart], pa[apart], pb[apart]
        if len(a) == 0:
            break
        np.minimum.at(parent, np.maximum(pa, pb), np.minimum(pa, pb))
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
    return np.unique(parent, return_inverse=True)[1].reshape(-1)


def junctions(seg: np.ndarray) -> np.ndarray:
    """The points where more than two of the segments meet (where three or more units meet, or
    where a unit's border meets the end of the cell): every unit there keeps the vertex, so that
    neighbours carry the same vertices along the borders they share."""
    if len(seg) == 0:
        return np.empty((0, 2))
    points = np.vstack([seg[:, :2], seg[:, 2:]])
    ids = vertex_ids(points)
    counts = np.bincount(ids)
    first = np.full(len(counts), -1, dtype=np.int64)
    first[ids[::-1]] = np.arange(len(ids))[::-1]
    return points[first[counts > 2]]


def polygons_from_edges(seg: np.ndarray, inside, fixed: np.ndarray | None = None) -> shapely.MultiPolygon:
    """Polygons bounded by directed segments (ground on their left), keeping those whose inner
    point satisfies inside(points); the fixed points stay vertices even where the border runs
    straight through them."""
    if len(seg) == 0:
        return shapely.MultiPolygon()
    lines = _chains(seg, fixed)
    faces = shapely.get_parts(shapely.polygonize(lines))
    if len(faces) == 0:
        return shapely.MultiPolygon()
    return geo.as_multipolygon(shapely.MultiPolygon(list(faces[inside(shapely.point_on_surface(faces))])))


def _chains(seg: np.ndarray, fixed: np.ndarray | None = None) -> np.ndarray:
    """Line strings that join the directed segments end to start through every vertex with a
    single way on, broken where several ways meet; collinear inner vertices are left out unless
    they are fixed.

    Segments bound a region, so every vertex has as many ways in as out. Chains are found by
    list ranking with pointer jumping: a few passes over whole arrays instead of a walk.
    """
    n = len(seg)
    idx = np.arange(n)
    fixed = np.empty((0, 2)) if fixed is None else fixed
    ids = vertex_ids(np.vstack([seg[:, :2], seg[:, 2:], fixed]))
    start_key, end_key = ids[:n], ids[n : 2 * n]
    pinned = np.isin(start_key, ids[2 * n :]) if len(fixed) else np.zeros(n, dtype=bool)
    by_start = np.argsort(start_key, kind="stable")
    sorted_start = start_key[by_start]
    first = np.searchsorted(sorted_start, end_key, "left")
    ways_on = np.searchsorted(sorted_start, end_key, "right") - first
    succ = np.where(ways_on == 1, by_start[np.minimum(first, n - 1)], -1)
    pred = np.full(n, -1)
    pred[succ[succ >= 0]] = idx[succ >= 0]

    # Cycles (no junction on them) are broken before their lowest segment that starts at a corner.
    rounds = int(np.ceil(np.log2(n + 1))) + 1
    jump = succ.copy()
    for _ in range(rounds):
        jump = np.where(jump >= 0, jump[jump], -1)
    cyclic = jump >= 0
    if cyclic.any():
        corner = (pred < 0) | ~_straight(seg[np.maximum(pred, 0)], seg)
        low, p = np.where(cyclic & corner, idx, n), succ.copy()
        for _ in range(rounds):
            low = np.where(cyclic, np.minimum(low, low[np.maximum(p, 0)]), n)
            p = np.where(cyclic, p[np.maximum(p, 0)], -1)
        cut = cyclic & (low[np.maximum(succ, 0)] == succ)
        pred[succ[cut]] = -1

    # Rank along each chain and its first segment, by jumping to ever farther predecessors.
    rank = (pred >= 0).astype(np.int64)
    head = np.where(pred >= 0, pred, idx)
    p = pred.copy()
    while (p >= 0).any():
        live, step = p >= 0, np.maximum(p, 0)
        rank = np.where(live, rank + rank[step], rank)
        head = np.where(live, head[step], head)
        p = np.where(live, p[step], -1)
    order = np.lexsort((rank, head))
    seg, head, pinned = seg[order], head[order], pinned[order]
    new_path = np.r_[True, head[1:] != head[:-1]]
    path = np.cumsum(new_path) - 1
    last = np.r_[new_path[1:], True]

    # Points: the start of every segment, then the end of each path's last segment.
    keep = np.r_[True, ~(_straight(seg[:-1], seg[1:]) & ~new_path[1:] & ~pinned[1:])]
    points = np.vstack([seg[keep, :2], seg[last, 2:]])
    point_path = np.concatenate([path[keep], path[last]])
    order = np.argsort(point_path, kind="stable")
    return shapely.linestrings(points[order], indices=point_path[order])


def _straight(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Whether segment after goes on in the same direction as segment before."""
    d0, d1 = before[:, 2:] - before[:, :2], after[:, 2:] - after[:, :2]
    turn = d1[:, 0] * d0[:, 1] - d1[:, 1] * d0[:, 0]
    return (turn == 0) & ((d0 * d1).sum(axis=1) > 0)
