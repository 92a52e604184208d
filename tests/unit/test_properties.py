"""Guarantees of the derivation on random layouts (hypothesis, derandomized, on a grid)."""

from __future__ import annotations

import shapely
from helpers import PROFILE, county, rect, run, zone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecozone_plugin.core.classes import SUBTYPES

ELEMENTS = ["ecology", "water", "air", "soil", "protected", "development"]
GRID_KM = 0.25


@st.composite
def layouts(draw):
    n = draw(st.integers(min_value=0, max_value=9))
    zones = []
    for _ in range(n):
        x0 = draw(st.integers(0, 23)) * GRID_KM
        y0 = draw(st.integers(0, 11)) * GRID_KM
        w = draw(st.integers(1, 10)) * GRID_KM
        h = draw(st.integers(1, 8)) * GRID_KM
        element = draw(st.sampled_from(ELEMENTS))
        options = SUBTYPES[element]
        zone_class = draw(st.sampled_from(sorted(options)))
        subtype = draw(st.sampled_from(options[zone_class]))
        zones.append(zone(rect(x0, y0, x0 + w, y0 + h), element, zone_class, subtype, name=f"z{len(zones) % 2}"))
    split = draw(st.integers(1, 5)) * 1.0
    admin = [county(rect(0, 0, split, 3), "500101", "甲区"), county(rect(split, 0, 6, 3), "500102", "乙区")]
    return admin, zones


SETTINGS = settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))


def _check_tiling(result, admin):
    for area in admin:
        units = [u.geom for u in result.units if u.county_code == area.county_code]
        union = shapely.union_all(units)
        assert shapely.symmetric_difference(union, area.geom).area < 1.0
        assert abs(sum(u.area for u in units) - area.geom.area) <= 1e-6 * area.geom.area
        for i in range(len(units)):
            for j in range(i + 1, len(units)):
                assert shapely.intersection(units[i], units[j]).area < 1.0


@SETTINGS
@given(layouts(), st.sampled_from(["overlay", "fitting"]), st.sampled_from([0.0, 0.2]))
def test_units_tile_each_county_and_keep_hard_ground_priority(layout, method, min_area):
    admin, zones = layout
    result = run(admin, zones, method=method, min_area=min_area, tile_size=700.0)
    _check_tiling(result, admin)
    hard = shapely.union_all([z.geom for z in zones if z.element == "protected" or z.subtype == "生态保护红线"])
    hard = shapely.intersection(hard, shapely.union_all([a.geom for a in admin]))
    priority = shapely.union_all([u.geom for u in result.units if u.unit_class == 1])
    assert shapely.difference(hard, priority).area < 1.0
    for unit in result.units:
        county_geom = shapely.union_all([a.geom for a in admin if a.county_code == unit.county_code])
        assert shapely.difference(unit.geom, county_geom).area < 1.0


@SETTINGS
@given(layouts())
def test_overlay_without_fragments_equals_set_algebra(layout):
    admin, zones = layout
    result = run(admin, zones, tile_size=700.0)
    hard = [z.geom for z in zones if z.element == "protected" or z.subtype == "生态保护红线"]
    priority = shapely.union_all([z.geom for z in zones if z.zone_class == 1] + hard)
    key = shapely.difference(shapely.union_all([z.geom for z in zones if z.zone_class == 2]), priority)
    for area in admin:
        expected = {
            1: shapely.intersection(priority, area.geom).area,
            2: shapely.intersection(key, area.geom).area,
        }
        expected[3] = area.geom.area - expected[1] - expected[2]
        got = {
            c: sum(u.geom.area for u in result.units if u.county_code == area.county_code and u.unit_class == c)
            for c in (1, 2, 3)
        }
        for c in (1, 2, 3):
            assert abs(got[c] - expected[c]) < 1.0


@SETTINGS
@given(layouts(), st.randoms(use_true_random=False))
def test_output_is_independent_of_input_order(layout, rnd):
    admin, zones = layout
    a = run(admin, zones, min_area=0.2, tile_size=700.0)
    shuffled = list(zones)
    rnd.shuffle(shuffled)
    b = run(list(reversed(admin)), shuffled, min_area=0.2, tile_size=700.0)
    assert [(u.unit_code, u.unit_name, u.rule, u.elements_text) for u in a.units] == [
        (u.unit_code, u.unit_name, u.rule, u.elements_text) for u in b.units
    ]
    for ua, ub in zip(a.units, b.units):
        ga = shapely.normalize(shapely.set_precision(ua.geom, 0.001))
        gb = shapely.normalize(shapely.set_precision(ub.geom, 0.001))
        assert shapely.equals_exact(ga, gb, 0.0)


HARD_MIN_M2 = 0.01


def _hard_ground(zones):
    return shapely.union_all([z.geom for z in zones if z.element == "protected" or z.subtype == "生态保护红线"])


@SETTINGS
@given(layouts(), st.sampled_from([0.1, 0.3]))
def test_no_part_below_min_area_survives_unless_it_holds_hard_ground_or_is_alone(layout, min_area):
    admin, zones = layout
    result = run(admin, zones, min_area=min_area, tile_size=700.0)
    _check_tiling(result, admin)
    hard = _hard_ground(zones)
    for area in admin:
        parts = [p for u in result.units if u.county_code == area.county_code for p in shapely.get_parts(u.geom)]
        for part in parts:
            if part.area >= min_area * 1e6:
                continue
            holds_hard = shapely.intersection(part, hard).area > HARD_MIN_M2
            alone = len(parts) == 1
            assert holds_hard or alone, (area.county_code, part.area)


def _independent_fragments(draw):
    """Parts 0..n-1 small, each bordering only large parts n..n+m-1: every merge is decided on its own borders."""
    n_small = draw(st.integers(1, 6))
    n_large = draw(st.integers(1, 4))
    areas = [float(draw(st.integers(1, 99))) for _ in range(n_small)] + [1000.0] * n_large
    labels = [draw(st.integers(0, 2)) for _ in range(n_small + n_large)]
    borders: dict[int, dict[int, float]] = {}
    for p in range(n_small):
        for q in range(n_small, n_small + n_large):
            if draw(st.booleans()):
                length = float(draw(st.integers(1, 50)))
                borders.setdefault(p, {})[q] = length
                borders.setdefault(q, {})[p] = length
    return areas, labels, borders, n_small


@SETTINGS
@given(st.data())
def test_each_fragment_joins_the_neighbour_with_the_longest_border(data):
    from ecozone_plugin.core.derive.fragments import merge_fragments

    areas, labels, borders, n_small = _independent_fragments(data.draw)
    classes = [(1, ""), (2, ""), (3, "")]
    records, new_label = merge_fragments(areas, labels, [False] * len(areas), borders, lambda p: (0, p), classes, 100.0)
    assert len(records) == n_small  # one record per fragment
    by_area: dict = {}
    for p in range(n_small):
        by_area.setdefault(areas[p], []).append(p)
    for p in range(n_small):
        neighbours = borders.get(p, {})
        if not neighbours:
            assert new_label[p] == labels[p]  # isolated: kept as it is
            continue
        longest = max(neighbours.values())
        candidates = [q for q, length in neighbours.items() if length == longest]
        best = min(candidates, key=lambda q: (classes[labels[q]][0], q))  # ties: class, then position
        assert new_label[p] == labels[best]
    merged = [r for r in records if r["merged"]]
    assert len(merged) == sum(1 for p in range(n_small) if borders.get(p))


@SETTINGS
@given(layouts(), st.integers(1, 5))
def test_units_never_cross_a_split_value(layout, cut):
    admin, zones = layout
    split_admin = []
    for area in admin:
        x0, y0, x1, y1 = area.geom.bounds
        xm = x0 + (x1 - x0) * cut / 6.0
        for value, part in (("west", shapely.box(x0, y0, xm, y1)), ("east", shapely.box(xm, y0, x1, y1))):
            piece = shapely.intersection(area.geom, part)
            if piece.area > 0:
                split_admin.append(
                    county(piece, area.county_code, area.county_name, split=f"{area.county_code}-{value}")
                )
    everywhere = run(split_admin, zones, min_area=0.2, tile_size=700.0, profile={**PROFILE, "split_all_classes": True})
    by_default = run(split_admin, zones, min_area=0.2, tile_size=700.0)
    for result, bound in ((everywhere, (1, 2, 3)), (by_default, (2,))):
        _check_tiling(result, admin)
        for unit in result.units:
            if unit.unit_class not in bound or unit.group:
                continue
            inside = [a for a in split_admin if a.county_code == unit.county_code and a.split_value == unit.split_value]
            assert len(inside) == 1
            assert shapely.difference(unit.geom, inside[0].geom).area < 1.0


@SETTINGS
@given(layouts(), st.sampled_from([0.0, 0.2]))
def test_the_border_check_agrees_with_geos_on_derived_units(layout, min_area):
    import numpy as np

    from ecozone_plugin.core.check.validation import _is_coverage

    admin, zones = layout
    result = run(admin, zones, min_area=min_area, tile_size=700.0)
    for area in admin:
        members = np.asarray([u.geom for u in result.units if u.county_code == area.county_code], dtype=object)
        assert _is_coverage(members) == bool(shapely.coverage_is_valid(members))


@SETTINGS
@given(layouts(), st.sampled_from([0.0, 0.2]), st.sampled_from(["overlay", "fitting"]))
def test_neighbours_share_their_border_vertex_for_vertex(layout, min_area, method):
    import numpy as np

    admin, zones = layout
    result = run(admin, zones, method=method, min_area=min_area, tile_size=700.0)
    for area in admin:
        members = np.asarray([u.geom for u in result.units if u.county_code == area.county_code], dtype=object)
        assert shapely.coverage_is_valid(members, gap_width=0.0)
    # The two counties' borders share their vertices, so the whole district is one coverage too.
    assert shapely.coverage_is_valid(np.asarray([u.geom for u in result.units], dtype=object), gap_width=0.0)


@SETTINGS
@given(layouts(), st.sampled_from([0.5, 1.0]))
def test_priority_units_are_the_connected_regions_of_priority_ground(layout, min_unit):
    admin, zones = layout
    result = run(admin, zones, tile_size=700.0, profile={**PROFILE, "min_unit_km2": min_unit})
    hard = [z.geom for z in zones if z.element == "protected" or z.subtype == "生态保护红线"]
    priority = shapely.union_all([z.geom for z in zones if z.zone_class == 1] + hard)
    for area in admin:
        regions = [p for p in shapely.get_parts(shapely.intersection(priority, area.geom)) if p.area > 1.0]
        large = [p for p in regions if p.area >= min_unit * 1e6]
        expected = len(large) if large else min(len(regions), 1)
        units = [u for u in result.units if u.county_code == area.county_code and u.unit_class == 1]
        assert len(units) == expected
        for region in large:  # each large region lies in one unit
            assert sum(1 for u in units if shapely.intersection(u.geom, region).area > 1.0) == 1
    names = [u.unit_name for u in result.units]
    assert len(set(names)) == len(names)
