"""The seam dissolve joins tile pieces exactly as a union would."""

from __future__ import annotations

import shapely
from shapely.geometry import Polygon, box

from ecozone_plugin.core.dissolve import dissolve_tiles
from ecozone_plugin.core.geometry import GRID
from ecozone_plugin.core.tiles import tile_boxes


def cut(geom, size):
    pieces = []
    for tile in tile_boxes(geom, size):
        part = shapely.intersection(geom, tile, grid_size=GRID)
        pieces.extend(shapely.get_parts(part))
    return [p for p in pieces if isinstance(p, Polygon) and p.area > 0]


def test_ring_with_hole_over_many_tiles():
    ring = box(100, 100, 2900, 2900).difference(box(1000, 1100, 2000, 2100))
    pieces = cut(ring, 500.0)
    assert len(pieces) > 20
    joined = dissolve_tiles(pieces, 500.0)
    assert len(joined.geoms) == 1
    assert len(joined.geoms[0].interiors) == 1
    assert shapely.symmetric_difference(joined, ring).area < 1e-6
    assert shapely.get_num_coordinates(joined) == 10  # seam vertices on straight edges are gone


def test_slanted_edges_and_separate_parts():
    star = Polygon([(0, 0), (1700, 300), (2600, 2500), (900, 1300), (200, 2900)])
    other = box(3100, 100, 3900, 800)
    pieces = cut(star, 400.0) + cut(other, 400.0)
    joined = dissolve_tiles(pieces, 400.0)
    assert len(joined.geoms) == 2
    assert joined.is_valid
    # Where slanted edges cross tile lines the new vertices sit on the 1 mm grid, as in any
    # snap-rounded overlay: the result equals the grid union of the pieces.
    assert shapely.symmetric_difference(joined, shapely.union_all(pieces, grid_size=GRID)).area < 1e-3
    assert abs(joined.area - (star.area + other.area)) < 1e-6 * joined.area


def test_touching_only_at_a_corner_stays_two_parts():
    a, b = box(0, 0, 500, 500), box(500, 500, 1000, 1000)
    joined = dissolve_tiles([a, b], 500.0)
    assert len(joined.geoms) == 2 and joined.area == 500_000.0
