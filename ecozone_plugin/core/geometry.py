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
    bounds = np.round(shapely.bounds(arr), 3)
    areas = np.round(shapely.area(arr), 3)
    counts = shapely.get_num_coordinates(arr)
    keys = [(prefix, tuple(b), float(a), int(c)) for prefix, b, a, c in zip(prefixes, bounds.tolist(), areas, counts)]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    result, start = [], 0
    while start < len(order):
        stop = start + 1
        while stop < len(order) and keys[order[stop]] == keys[order[start]]:
            stop += 1
        group = order[start:stop]
        if len(group) > 1:
            group.sort(key=lambda i: to_wkb(shapely.normalize(arr[i]), hex=True))
        result.extend(group)
        start = stop
    return result


def to_wkb(geom, hex: bool = False):
    """2D WKB. The dimension is given explicitly: with QGIS's own GEOS loaded in the same
    process, shapely's default refuses some geometries ("WKB output dimension must be 2 or 3")."""
    return shapely.to_wkb(geom, hex=hex, output_dimension=2)
