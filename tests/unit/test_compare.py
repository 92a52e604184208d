"""Two versions of a plan compared: every change type with known areas, and the matrix's arithmetic."""

from __future__ import annotations

import random

import pytest
import shapely
from shapely.geometry import MultiPoint, box

from ecozone_plugin.core.admission.clauses import UnitInfo
from ecozone_plugin.core.compare import compare

KM = 1000.0


def unit(uid, code, unit_class, county="500101"):
    return UnitInfo(uid, code, f"单元{code}", unit_class, county, "甲区", "", 0.0)


def km_box(x0, y0, x1, y1):
    return box(x0 * KM, y0 * KM, x1 * KM, y1 * KM)


OLD = [
    (unit("r1", "ZH0", 3), km_box(-2, 0, 0, 10)),
    (unit("p1", "ZH1", 1), km_box(0, 0, 10, 10)),
    (unit("k1", "ZH2", 2), km_box(10, 0, 20, 10)),
    (unit("g1", "ZH3", 3), km_box(20, 0, 30, 10)),
]
NEW = [
    (unit("p1", "ZH1", 1), km_box(0, 0, 8, 10)),
    (unit("k1", "ZH2", 2), km_box(8, 0, 15, 10)),
    (unit("k9", "ZH9", 2), km_box(15, 0, 20, 10)),
    (unit("g2", "ZH4", 3), km_box(20, 0, 28, 10)),
    (unit("n1", "ZH5", 1), km_box(28, 0, 30, 10)),
    (unit("a1", "ZH6", 2), km_box(30, 0, 32, 10)),
]
HARD = [("生态保护红线", km_box(8, 5, 9, 6))]
OLD_ZONES = [(("生态保护红线", "云雾山"), km_box(0, 0, 10, 10))]


def test_every_change_type_with_its_area():
    result = compare(OLD, NEW, HARD, OLD_ZONES)
    got = sorted(
        (p.change_type, p.old.code if p.old else "", p.new.code if p.new else "", round(p.area_km2, 6))
        for p in result.pieces
    )
    assert got == [
        ("added", "", "ZH6", 20.0),
        ("class_down", "ZH1", "ZH2", 20.0),
        ("class_up", "ZH3", "ZH5", 20.0),
        ("removed", "ZH0", "", 20.0),
        ("unit_changed", "ZH2", "ZH9", 50.0),
    ]
    loss = result.priority_losses
    assert [(p.old.code, p.hard_loss, p.old_zones) for p in loss] == [("ZH1", True, "生态保护红线：云雾山")]
    assert result.pieces[0].priority_loss  # losses come first
    assert result.matches["g1"] == "g2"  # by overlap within county and class


def test_the_matrix_adds_up_to_each_versions_ground():
    result = compare(OLD, NEW)
    m = {k: round(v, 6) for k, v in result.matrix.items()}
    assert m == {(1, 1): 80.0, (1, 2): 20.0, (2, 2): 100.0, (3, 3): 80.0, (3, 1): 20.0, (3, 0): 20.0, (0, 2): 20.0}
    old_total = sum(v for (o, _n), v in result.matrix.items() if o)
    new_total = sum(v for (_o, n), v in result.matrix.items() if n)
    assert old_total == pytest.approx(sum(g.area for _u, g in OLD) / 1e6)
    assert new_total == pytest.approx(sum(g.area for _u, g in NEW) / 1e6)


def test_units_added_removed_recoded_and_reshaped():
    changes = {(c.kind, (c.old or c.new).code) for c in compare(OLD, NEW).unit_changes}
    assert {("removed", "ZH0"), ("added", "ZH9"), ("added", "ZH5"), ("added", "ZH6")} <= changes
    assert {("recoded", "ZH3"), ("renamed", "ZH3"), ("reshaped", "ZH1"), ("reshaped", "ZH2")} <= changes


def test_identical_versions_and_tiny_pieces():
    same = compare(OLD, OLD)
    assert same.pieces == [] and same.small_pieces == 0
    moved = [(u, shapely.affinity.translate(g, 0.5, 0)) for u, g in OLD]  # 0.5 m: slivers of 5,000 m²
    result = compare(OLD, moved, min_change_m2=10_000)
    assert result.pieces == [] and result.small_pieces > 0


def tiling(seed, classes=True):
    rng = random.Random(seed)
    points = MultiPoint([(rng.uniform(0, 10_000), rng.uniform(0, 10_000)) for _ in range(30)])
    cells = shapely.voronoi_polygons(points, extend_to=box(0, 0, 10_000, 10_000))
    frame = box(0, 0, 10_000, 10_000)
    return [
        (unit(f"u{seed}-{n}", f"Z{seed}{n}", rng.choice((1, 2, 3))), shapely.intersection(cell, frame))
        for n, cell in enumerate(cells.geoms)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_each_cell_equals_the_intersection_of_the_classes_ground(seed):
    old, new = tiling(seed), tiling(seed + 100)
    result = compare(old, new, min_change_m2=0.0)
    for old_class in (1, 2, 3):
        old_ground = shapely.union_all([g for u, g in old if u.unit_class == old_class])
        for new_class in (1, 2, 3):
            new_ground = shapely.union_all([g for u, g in new if u.unit_class == new_class])
            expected = shapely.area(shapely.intersection(old_ground, new_ground)) / 1e6
            assert result.matrix.get((old_class, new_class), 0.0) == pytest.approx(expected, abs=1e-6)
    assert sum(result.matrix.values()) == pytest.approx(100.0, abs=1e-6)  # the county, 10 km x 10 km


def test_zones_under_a_piece_are_summarised_by_subtype():
    from ecozone_plugin.core.compare import zones_text

    zones = [("生态保护红线", f"红线{n}") for n in range(12)] + [
        ("饮用水水源保护区", "上游水源地"),
        ("农用地优先保护区", ""),
    ]
    assert zones_text(zones) == "农用地优先保护区；生态保护红线：红线0、红线1 等 12 处；饮用水水源保护区：上游水源地"


def test_counties_in_one_version_only_are_added_and_removed_ground():
    """The older version holds 500102 and the newer 500103 instead: their ground is removed and added
    by county, never mixed with 500101, and each county's classes show in its own version only."""
    old = OLD[1:] + [(unit("b1", "ZHB", 1, county="500102"), km_box(0, 20, 10, 30))]
    new = NEW[:3] + [(unit("c1", "ZHC", 3, county="500103"), km_box(0, 40, 10, 50))]
    result = compare(old, new)
    by_county = sorted((p.county_code, p.change_type, round(p.area_km2, 6)) for p in result.pieces)
    assert ("500102", "removed", 100.0) in by_county and ("500103", "added", 100.0) in by_county
    assert [p for p in result.pieces if p.county_code == "500102" and p.priority_loss]  # a priority county gone
    assert set(result.by_county) >= {"500101", "500102", "500103"}
    gone_or_new = {k: round(v, 6) for k, v in result.matrix.items() if 0 in k}
    assert gone_or_new == {(1, 0): 100.0, (3, 0): 100.0, (0, 3): 100.0}  # 500102, g1 beyond 20 km, 500103
