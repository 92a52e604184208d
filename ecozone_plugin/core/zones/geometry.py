"""Geometry helpers on shapely 2: repair, polygonal parts, a fixed precision grid."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

GRID = 0.001  # metres: every overlay runs snap-rounded on a 1 mm grid, so results are exact
EMPTY = Polygon()


def polygonal(geom):
    """The polygonal part of a geometry (dropping points and lines), possibly empty."""
    if geom is None or geom.is_empty:
        return EMPTY
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    if not parts:
        return EMPTY
    return shapely.union_all(parts, grid_size=GRID)


def repair(geom) -> tuple[object, str | None]:
    """A valid polygonal geometry on the grid, and why it needed repair (None when it did not)."""
    if geom is None or geom.is_empty:
        return EMPTY, None
    geom = shapely.force_2d(geom)
    reason = None
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        geom = shapely.make_valid(geom)
    geom = polygonal(geom)
    if geom.is_empty:
        return EMPTY, reason
    fixed = shapely.set_precision(geom, GRID)
    return polygonal(fixed), reason


REPAIR_CHUNK = 50_000  # geometries checked at once: a city layer's coordinates are gigabytes


def repair_all(geoms) -> list[tuple[object, str | None]]:
    """repair() of every geometry; those already valid, polygonal and on the grid (as read
    from a standardized layer) are checked with a few array operations and passed through."""
    geoms = np.asarray(geoms, dtype=object)
    out: list[tuple[object, str | None]] = []
    for start in range(0, len(geoms), REPAIR_CHUNK):
        out += _repair_chunk(geoms[start : start + REPAIR_CHUNK])
    return out


def _repair_chunk(geoms: np.ndarray) -> list[tuple[object, str | None]]:
    kinds = shapely.get_type_id(geoms)
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    scale = 1.0 / GRID  # the way GEOS puts a coordinate on the grid: round(value * scale) / scale
    gridded = coords * scale
    np.round(gridded, out=gridded)
    gridded /= scale
    moved = np.any(gridded != coords, axis=1)
    del coords, gridded
    off_grid = np.bincount(index[moved], minlength=len(geoms)) > 0
    off_grid |= shapely.has_z(geoms)
    plain = ((kinds == 3) | (kinds == 6)) & ~shapely.is_empty(geoms) & ~off_grid
    plain[plain] = shapely.is_valid(geoms[plain])
    return [(g, None) if ok else repair(g) for g, ok in zip(geoms, plain)]


def repair_any_all(geoms) -> list[tuple[object, str | None]]:
    """Each geometry of whatever kind made 2D and valid, with why it needed repair (None when it
    did not); an empty one stays empty."""
    out = []
    for geom in geoms:
        if geom is None or shapely.is_empty(geom):
            out.append((EMPTY, None))
            continue
        geom = shapely.force_2d(geom)
        if shapely.is_valid(geom):
            out.append((geom, None))
        else:
            out.append((shapely.make_valid(geom), shapely.is_valid_reason(geom)))
    return out


def parts(geom) -> list[Polygon]:
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    return [g for g in geom.geoms if isinstance(g, Polygon) and not g.is_empty]


def union(geoms) -> object:
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        return EMPTY
    if len(geoms) == 1:
        return polygonal(geoms[0])
    return polygonal(shapely.union_all(np.asarray(geoms, dtype=object), grid_size=GRID))


def intersection(a, b):
    if a.is_empty or b.is_empty:
        return EMPTY
    return polygonal(shapely.intersection(a, b, grid_size=GRID))


def difference(a, b):
    if a.is_empty:
        return EMPTY
    if b.is_empty:
        return a
    return polygonal(shapely.difference(a, b, grid_size=GRID))


def as_multipolygon(geom) -> MultiPolygon:
    geom = polygonal(geom)
    if isinstance(geom, MultiPolygon):
        return geom
    if geom.is_empty:
        return MultiPolygon()
    return MultiPolygon([geom])


def sort_point(geom) -> tuple[int, int]:
    """North to south, then west to east, of the representative point on a 1 m grid."""
    point = shapely.point_on_surface(shapely.normalize(geom))
    return (-int(round(point.y)), int(round(point.x)))


def canonical_order(geoms, prefixes) -> list[int]:
    """Indices that sort (prefix, geometry) pairs the same way whatever order they came in.

    Bounds, area and vertex count order almost every geometry at the cost of a few array
    operations; only geometries equal in all of them are told apart by their normalized WKB.
    """
    arr = np.asarray(geoms, dtype=object)
    if len(arr) == 0:
        return []
    distinct = sorted(set(prefixes))
    rank = {prefix: i for i, prefix in enumerate(distinct)}
    columns = [
        np.asarray([rank[p] for p in prefixes], dtype=np.int64),
        *np.round(shapely.bounds(arr), 3).T,
        np.round(shapely.area(arr), 3),
        shapely.get_num_coordinates(arr),
    ]
    keys = np.column_stack(columns)
    order = np.lexsort(columns[::-1])
    ordered = keys[order]
    starts = np.flatnonzero(np.r_[True, np.any(ordered[1:] != ordered[:-1], axis=1)])
    result = order.tolist()
    for start, stop in zip(starts.tolist(), np.r_[starts[1:], len(order)].tolist()):
        if stop - start > 1:
            result[start:stop] = sorted(result[start:stop], key=lambda i: to_wkb(shapely.normalize(arr[i]), hex=True))
    return result


def to_wkb(geom, hex: bool = False):
    """2D WKB. The dimension is given explicitly: with QGIS's own GEOS loaded in the same
    process, shapely's default refuses some geometries ("WKB output dimension must be 2 or 3")."""
    return shapely.to_wkb(geom, hex=hex, output_dimension=2)
