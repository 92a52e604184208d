"""Geometry helpers: repair of whole layers and the canonical order of geometries."""

from __future__ import annotations

import random

import shapely
from shapely.geometry import Polygon, box

from ecozone_plugin.core.zones import geometry as geo


def test_repair_all_passes_clean_geometries_and_repairs_the_rest():
    clean = box(500_000.001, 3_300_000, 500_100, 3_300_100)
    bow_tie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    off_grid = Polygon([(0.0001, 0), (1, 0), (1, 1)])
    with_z = shapely.from_wkt("POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))")
    line = shapely.from_wkt("LINESTRING (0 0, 1 1)")
    result = geo.repair_all([clean, bow_tie, off_grid, with_z, line, Polygon()])
    assert result[0][0] is clean and result[0][1] is None  # passed through untouched
    assert result[1][1].startswith("Self-intersection") and result[1][0].area == 0.5
    assert result[2][1] is None and shapely.get_coordinates(result[2][0]).min() == 0.0  # put on the grid
    assert not shapely.has_z(result[3][0])
    assert result[4][0].is_empty and result[5][0].is_empty
    for (fast, _reason), geom in zip(result, [clean, bow_tie, off_grid, with_z, line, Polygon()]):
        slow, _ = geo.repair(geom)
        assert fast.is_empty == slow.is_empty
        assert fast.is_empty or fast.equals(slow)


def test_canonical_order_does_not_depend_on_input_order():
    geoms = [
        box(0, 0, 1, 1),
        box(0, 0, 1, 1.5),
        Polygon([(0, 0), (1, 0), (1, 1), (0.5, 1), (0, 1)]),  # same bounds, area and count ...
        Polygon([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0.5)]),  # ... as this one: told apart by WKB
        box(0, 0, 2, 2),
    ]
    prefixes = [("a",), ("a",), ("a",), ("a",), ("b",)]
    first = [shapely.normalize(geoms[i]).wkt for i in geo.canonical_order(geoms, prefixes)]
    assert first[-1] == shapely.normalize(geoms[4]).wkt  # prefix first
    rnd = random.Random(7)
    for _ in range(10):
        idx = list(range(len(geoms)))
        rnd.shuffle(idx)
        order = geo.canonical_order([geoms[i] for i in idx], [prefixes[i] for i in idx])
        assert [shapely.normalize(geoms[idx[i]]).wkt for i in order] == first
