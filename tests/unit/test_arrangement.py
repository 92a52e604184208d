"""The planar arrangement: faces of tiled cells, the edges between them, and polygons rebuilt
from those edges, against answers known by hand."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box

from ecozone_plugin.core.derive import arrangement as ar


def arrange(cell, zones=(), size=500.0):
    """Faces, face areas, zone pairs and edges of one cell, as derive uses them."""
    zone_geoms = np.asarray(list(zones), dtype=object)
    index = (zone_geoms, shapely.STRtree(zone_geoms))
    shapely.prepare(cell)
    blocks = [ar.block_faces(tiles, cell, size, index) for tiles in ar.tile_blocks(cell, size)]
    blocks = [b for b in blocks if b is not None]
    offsets = np.concatenate([[0], np.cumsum([len(b.faces) for b in blocks])])
    faces = np.concatenate([b.faces for b in blocks])
    zone_face = np.concatenate([b.zone_pairs[0] + o for b, o in zip(blocks, offsets)])
    zone_of = np.concatenate([b.zone_pairs[1] for b in blocks])
    return faces, (zone_face, zone_of), ar.cell_edges(blocks, offsets)


def rebuild(faces, edges, label, wanted):
    """Polygons of the faces whose label is wanted, from the edges alone."""
    la = label[edges.a]
    lb = np.where(edges.b >= 0, label[np.maximum(edges.b, 0)], -1)
    border = (la == wanted) != (lb == wanted)
    seg = edges.seg[border]
    seg[la[border] != wanted] = seg[la[border] != wanted][:, [2, 3, 0, 1]]
    tree = shapely.STRtree(faces)

    def inside(points):
        where, face = tree.query(points, predicate="intersects")
        hit = np.zeros(len(points), dtype=bool)
        hit[where[label[face] == wanted]] = True
        return hit

    return ar.polygons_from_edges(seg, inside)


def test_ring_with_hole_over_many_tiles_comes_back_whole():
    ring = box(100, 100, 2900, 2900).difference(box(1000, 1100, 2000, 2100))
    faces, _pairs, edges = arrange(ring)
    assert len(faces) == 36 - 2  # 6 x 6 tiles; the two wholly inside the hole have no ground
    joined = rebuild(faces, edges, np.zeros(len(faces), dtype=int), 0)
    assert len(joined.geoms) == 1 and len(joined.geoms[0].interiors) == 1
    assert shapely.get_num_coordinates(joined) == 10  # the tile lines left no vertex behind
    assert joined.area == pytest.approx(ring.area, abs=1e-6)
    assert shapely.symmetric_difference(joined, ring).area < 1e-6


def test_every_inner_edge_has_two_faces_and_the_border_one():
    cell = box(0, 0, 1000, 1000)
    faces, _pairs, edges = arrange(cell)  # four tiles
    inner = edges.b >= 0
    assert edges.lengths()[~inner].sum() == pytest.approx(4000.0)  # the cell's outline
    assert edges.lengths()[inner].sum() == pytest.approx(2000.0)  # two tile lines
    pairs = {tuple(sorted(p)) for p in zip(edges.a[inner].tolist(), edges.b[inner].tolist())}
    assert len(pairs) == 4  # 2 x 2 tiles: each meets two others


def test_zones_split_faces_and_say_which_zones_hold_them():
    cell = box(0, 0, 1000, 1000)
    zones = [box(200, 200, 700, 700), box(400, 400, 900, 900)]
    faces, (zone_face, zone_of), _edges = arrange(cell, zones, size=10_000.0)
    holders = {i: set() for i in range(len(faces))}
    for f, z in zip(zone_face.tolist(), zone_of.tolist()):
        holders[f].add(z)
    by_zones = {}
    for i, zs in holders.items():
        by_zones[frozenset(zs)] = by_zones.get(frozenset(zs), 0.0) + faces[i].area
    assert by_zones[frozenset({0, 1})] == pytest.approx(300 * 300)
    assert by_zones[frozenset({0})] == pytest.approx(500 * 500 - 300 * 300)
    assert by_zones[frozenset({1})] == pytest.approx(500 * 500 - 300 * 300)
    assert by_zones[frozenset()] == pytest.approx(1_000_000 - 2 * 500 * 500 + 300 * 300)


def test_slanted_edges_across_tile_lines_and_separate_parts():
    star = Polygon([(0, 0), (1700, 300), (2600, 2500), (900, 1300), (200, 2900)])
    other = box(3100, 100, 3900, 800)
    cell = shapely.union_all([star, other])
    faces, _pairs, edges = arrange(cell, size=400.0)
    joined = rebuild(faces, edges, np.zeros(len(faces), dtype=int), 0)
    assert len(joined.geoms) == 2 and joined.is_valid
    assert joined.area == pytest.approx(star.area + other.area, rel=1e-12)
    assert shapely.symmetric_difference(joined, cell).area < 1e-6


def test_a_label_split_by_another_and_touching_at_a_corner():
    cell = box(0, 0, 1000, 1000)
    zones = [box(0, 0, 500, 500), box(500, 500, 1000, 1000)]
    faces, (zone_face, _zone_of), edges = arrange(cell, zones)
    label = np.zeros(len(faces), dtype=int)
    label[zone_face] = 1
    ones = rebuild(faces, edges, label, 1)
    zeros = rebuild(faces, edges, label, 0)
    assert len(ones.geoms) == 2 and len(zeros.geoms) == 2  # corners touch: two parts each
    assert ones.area == zeros.area == 500_000.0
    inner = edges.b >= 0
    same = label[edges.a[inner]] == label[edges.b[inner]]
    parts = ar.components(len(faces), edges.a[inner][same], edges.b[inner][same])
    assert parts.max() + 1 == 4


def test_seams_are_split_at_the_vertices_of_both_sides():
    # Face 0 lies left of x = 0 with one segment (0, 10) -> (0, 0); faces 1 and 2 lie right of
    # it with segments (0, 0) -> (0, 4) and (0, 4) -> (0, 10).
    seams = ar.Edges(
        np.array([0, 1, 2]),
        np.array([-1, -1, -1]),
        np.array([[0.0, 10.0, 0.0, 0.0], [0.0, 0.0, 0.0, 4.0], [0.0, 4.0, 0.0, 10.0]]),
    )
    edges = ar.match_seams(seams)
    found = sorted(zip(edges.a.tolist(), edges.b.tolist(), edges.lengths().tolist()))
    assert found == [(0, 1, 4.0), (0, 2, 6.0)]
    # Each piece keeps the direction of face a: downwards, as face 0 had it.
    assert all(row[1] > row[3] for row in edges.seg.tolist())


def test_components_join_through_chains():
    a, b = np.array([0, 1, 3, 5]), np.array([1, 2, 4, 3])
    assert ar.components(7, a, b).tolist() == [0, 0, 0, 1, 1, 1, 2]


def test_equal_rows_are_found_even_when_hashes_clash(monkeypatch):
    rows = np.array([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [1.0, 2.0, 3.0, 4.0], [-0.0, 1.0, 1.0, 1.0]])
    rows = np.vstack([rows, [[0.0, 1.0, 1.0, 1.0]]])
    for mix in (ar._MIX, np.zeros(4, dtype=np.uint64)):  # zeros: every row hashes alike
        monkeypatch.setattr(ar, "_MIX", mix)
        order, same = ar._sorted_groups(rows)
        groups = np.cumsum(np.r_[True, ~same])
        group_of = dict(zip(order.tolist(), groups.tolist()))
        assert group_of[0] == group_of[2] and group_of[3] == group_of[4]
        assert len({group_of[0], group_of[1], group_of[3]}) == 3


def test_a_tile_whose_noding_fails_is_snap_rounded(monkeypatch):
    cell = box(0, 0, 1000, 1000)
    zones = [box(200, 200, 700, 700)]
    expected, _p, _e = arrange(cell, zones, size=10_000.0)
    real_node = shapely.node

    def failing(geometry, **kwargs):
        if np.ndim(geometry):
            raise shapely.errors.GEOSException("TopologyException: failed to converge")
        return real_node(geometry, **kwargs)

    calls = []

    def failing_each(geometry, **kwargs):
        calls.append(1)
        raise shapely.errors.GEOSException("TopologyException: failed to converge")

    monkeypatch.setattr(shapely, "node", failing)
    faces, _p, _e = arrange(cell, zones, size=10_000.0)
    assert sorted(shapely.area(faces)) == pytest.approx(sorted(shapely.area(expected)))
    monkeypatch.setattr(shapely, "node", failing_each)
    faces, _p, edges = arrange(cell, zones, size=10_000.0)
    assert calls and len(faces) == 2
    assert sum(shapely.area(faces)) == pytest.approx(1_000_000.0)
    assert edges.lengths()[edges.b < 0].sum() == pytest.approx(4000.0)


def test_faces_pair_up_the_same_when_every_segment_hash_clashes(monkeypatch):
    cell = box(0, 0, 1000, 1000)
    zones = [box(200, 200, 700, 700), Polygon([(100, 900), (900, 100), (950, 950)])]

    def pairs():
        faces, _p, edges = arrange(cell, zones)
        areas = shapely.area(faces)
        return sorted(
            (tuple(sorted((round(areas[a], 3), round(areas[b], 3) if b >= 0 else -1.0))), round(n, 6))
            for a, b, n in zip(edges.a.tolist(), edges.b.tolist(), edges.lengths().tolist())
        )

    expected = pairs()
    monkeypatch.setattr(ar, "_MIX", np.zeros(4, dtype=np.uint64))
    assert pairs() == expected
