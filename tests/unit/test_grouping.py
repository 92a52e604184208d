"""Units grouped as filed plans group them: regions, townships, development zones; names, subclasses."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from helpers import PROFILE, county, rect, run, zone

RED = "生态保护红线"
WATER_KEY = "水环境工业污染重点管控区"


@pytest.fixture
def townships():
    # County 甲区, 6 x 3 km: 东镇 west of x = 3 km, 西镇 east of it.
    return [
        county(rect(0, 0, 3, 3), "500101", "甲区", split="500101001"),
        county(rect(3, 0, 6, 3), "500101", "甲区", split="500101002"),
    ]


def with_names(admin, names=("东镇", "西镇")):
    for area, name in zip(admin, names):
        area.split_name = name
    return admin


def layout():
    return [
        zone(rect(0, 0, 2, 2), "ecology", 1, RED, name="甲区云雾山"),  # A: 4 km², named, hard
        zone(rect(3, 0, 5, 2), "water", 1, "水环境优先保护区"),  # B: 4 km²
        zone(rect(5.5, 2.5, 6, 3), "water", 1, "水环境优先保护区"),  # 0.25 km², 707 m from B
        zone(rect(2, 2, 3, 3), "water", 1, "水环境优先保护区"),  # E: 1 km², meets A at one point only
        zone(rect(1, 2.5, 4, 3), "water", 2, WATER_KEY),  # key across the township border (x 2-3 is E's)
        zone(rect(4, 2, 5, 2.5), "development", 2, "产业园区", name="北园"),  # a park, 0.5 km²
    ]


def test_priority_regions_are_units_and_small_ones_join_the_nearest(townships):
    result = run(with_names(townships), layout())
    priority = sorted((u for u in result.units if u.unit_class == 1), key=lambda u: -u.area_km2)
    assert [round(u.area_km2, 6) for u in priority] == [4.25, 4.0, 1.0]
    b_unit = priority[0]
    assert len(shapely.get_parts(b_unit.geom)) == 2  # B and the small region as a further part
    assert shapely.contains(b_unit.geom, rect(5.6, 2.6, 5.9, 2.9))
    # A and E touch only at (2, 2) km: two units
    assert {round(u.area_km2, 6) for u in priority[1:]} == {4.0, 1.0}
    assert shapely.intersection(priority[1].geom, priority[2].geom).area == 0


def test_key_ground_is_one_unit_per_township_and_per_park(townships):
    result = run(with_names(townships), layout())
    key = {u.unit_name: u for u in result.units if u.unit_class == 2}
    assert sorted(key) == ["甲区东镇重点管控单元", "甲区北园重点管控单元", "甲区西镇重点管控单元"]
    assert key["甲区东镇重点管控单元"].area_km2 == pytest.approx(0.5)  # x 1-2 km of the key zone
    assert key["甲区西镇重点管控单元"].area_km2 == pytest.approx(0.5)  # x 3-4 km
    assert key["甲区北园重点管控单元"].area_km2 == pytest.approx(0.5)
    assert key["甲区东镇重点管控单元"].townships == ["东镇"]
    assert key["甲区西镇重点管控单元"].townships == ["西镇"]
    assert key["甲区北园重点管控单元"].group == "北园" and key["甲区北园重点管控单元"].subclass == "园区型"
    assert key["甲区东镇重点管控单元"].subclass == WATER_KEY


def test_names_say_where_and_subclasses_what(townships):
    result = run(with_names(townships), layout())
    by_area = {round(u.area_km2, 2): u for u in result.units if u.unit_class == 1}
    assert by_area[4.0].unit_name == "甲区云雾山优先保护单元"  # the named zone covers all of it
    assert by_area[4.0].subclass == RED
    assert by_area[4.25].unit_name == "甲区西镇优先保护单元"  # no named zone: its township
    assert by_area[4.25].subclass == "水环境优先保护区"
    assert by_area[1.0].unit_name == "甲区东镇优先保护单元"
    general = [u for u in result.units if u.unit_class == 3]
    assert [u.unit_name for u in general] == ["甲区一般管控单元"]  # one per county, named after it
    assert sorted(general[0].townships) == ["东镇", "西镇"] and general[0].subclass == ""
    names = [u.unit_name for u in result.units]
    assert len(set(names)) == len(names)


def water_priority(*rects):
    """Unnamed water priority zones over one 6 x 3 km county."""
    return [county(rect(0, 0, 6, 3))], [zone(r, "water", 1, "水环境优先保护区") for r in rects]


def test_a_number_is_added_only_where_names_would_repeat():
    admin, zones = water_priority(rect(0, 0, 2, 2), rect(3, 0, 5, 2))
    result = run(admin, zones)
    priority = sorted((u for u in result.units if u.unit_class == 1), key=lambda u: u.unit_code)
    assert [u.unit_name for u in priority] == ["甲区优先保护单元1", "甲区优先保护单元2"]
    assert [u.unit_name for u in result.units if u.unit_class == 3] == ["甲区一般管控单元"]


def test_place_lists_at_most_three_townships_then_deng():
    admin = [county(rect(i, 0, i + 1, 2), split=f"00{i}") for i in range(5)]
    with_names(admin, ("一镇", "二镇", "三镇", "四镇", "五镇"))
    zones = [zone(rect(0, 0, 4.5, 1), "water", 1, "水环境优先保护区")]  # 1, 1, 1, 1 and 0.5 km²
    result = run(admin, zones)
    (unit,) = [u for u in result.units if u.unit_class == 1]
    assert unit.unit_name == "甲区一镇、二镇、三镇等优先保护单元"
    assert unit.townships == ["一镇", "二镇", "三镇", "四镇", "五镇"]


def test_township_codes_without_names_still_cut_key_ground(townships):
    result = run(townships, [zone(rect(1, 2.5, 4, 3), "water", 2, WATER_KEY)])
    key = sorted((u for u in result.units if u.unit_class == 2), key=lambda u: u.unit_code)
    assert [u.townships for u in key] == [["500101001"], ["500101002"]]
    assert [u.unit_name for u in key] == ["甲区重点管控单元1", "甲区重点管控单元2"]  # codes are not places


def test_split_all_classes_cuts_every_class_by_township(townships):
    profile = {**PROFILE, "split_all_classes": True}
    result = run(with_names(townships), layout(), profile=profile)
    for unit in result.units:
        assert len(unit.townships) == 1, unit.unit_name
    general = sorted(u.unit_name for u in result.units if u.unit_class == 3)
    assert general == ["甲区一般管控单元1", "甲区一般管控单元2"]


def test_county_grouping_gives_one_unit_per_class():
    admin = [county(rect(0, 0, 6, 3))]
    profile = {**PROFILE, "grouping": {"1": "county", "2": "county", "3": "county"}}
    result = run(admin, layout(), profile=profile)
    assert sorted(u.unit_class for u in result.units) == [1, 2, 3]


def test_regions_below_min_unit_stay_as_one_unit_when_none_is_larger():
    admin, zones = water_priority(rect(0, 0, 0.5, 0.5), rect(3, 0, 3.6, 0.5))
    result = run(admin, zones)
    (unit,) = [u for u in result.units if u.unit_class == 1]
    assert unit.area_km2 == pytest.approx(0.25 + 0.3) and len(shapely.get_parts(unit.geom)) == 2


def test_fragments_are_merged_before_regions_are_grouped():
    admin = [county(rect(0, 0, 6, 3))]
    zones = [
        zone(rect(0, 0, 2, 2), "water", 1, "水环境优先保护区"),
        zone(rect(2, 0, 2.2, 0.2), "water", 2, WATER_KEY),  # a 0.04 km² key fragment on its border
    ]
    result = run(admin, zones, min_area=0.1)
    assert [u.unit_class for u in result.units].count(2) == 0
    assert [record["merged"] for record in result.fragments] == [True]


def test_fitting_rules_are_per_unit_and_priority_wins_when_both_shares_pass():
    admin = [county(rect(0, 0, 6, 3))]
    bases = [rect(0, 0, 2, 3), rect(2, 0, 4, 3), rect(4, 0, 6, 3)]
    zones = [
        zone(rect(0, 0, 2, 2), "water", 1, "水环境优先保护区"),  # 4/6 of base 1 priority ...
        zone(rect(0, 0, 2, 3), "air", 2, "大气环境高排放重点管控区"),  # ... and all of it key
        zone(rect(4.5, 0.5, 5.5, 1.5), "ecology", 1, RED),  # red line inside base 3, carved out
    ]
    result = run(admin, zones, method="fitting", base_units=bases)
    priority = sorted((u for u in result.units if u.unit_class == 1), key=lambda u: -u.area_km2)
    assert [(round(u.area_km2, 6), u.rule) for u in priority] == [(6.0, "fit_priority"), (1.0, "hard_priority")]
    assert [u.rule for u in result.units if u.unit_class == 3] == ["fit_general"]


def test_fitting_can_carve_large_priority_pieces():
    admin = [county(rect(0, 0, 6, 3))]
    bases = [rect(0, 0, 3, 3), rect(3, 0, 6, 3)]
    zones = [
        zone(rect(0, 0, 1, 1.5), "water", 1, "水环境优先保护区"),  # 1.5 km² of a 9 km² base
        zone(rect(3, 0, 3.5, 0.5), "water", 1, "水环境优先保护区"),  # 0.25 km²: too small to carve
    ]
    plain = run(admin, zones, method="fitting", base_units=bases)
    assert [u.unit_class for u in plain.units] == [3]
    carved = run(admin, zones, method="fitting", base_units=bases, profile={**PROFILE, "fit_carve_priority_km2": 1.0})
    priority = [u for u in carved.units if u.unit_class == 1]
    assert [(round(u.area_km2, 6), u.rule) for u in priority] == [(1.5, "fit_priority")]


def test_units_form_a_coverage_vertex_for_vertex(townships):
    # Zone borders meet the township and county borders at points no input has as a vertex.
    admin = with_names(townships) + [county(rect(6, 0, 9, 3), "500102", "乙区")]
    zones = layout() + [zone(rect(5.3, 0.7, 7.1, 1.3), "air", 2, "大气环境高排放重点管控区")]
    result = run(admin, zones, tile_size=700.0)
    geoms = np.asarray([u.geom for u in result.units], dtype=object)
    assert shapely.coverage_is_valid(geoms, gap_width=0.0)


def test_an_empty_group_in_a_template_without_the_county_says_nothing():
    admin, zones = water_priority(rect(0, 0, 2, 2))
    zones.append(zone(rect(3, 0, 4, 1), "development", 2, "产业园区", name="甲区东园"))
    profile = {**PROFILE, "name_template": "{group}{class_label}"}
    names = sorted(u.unit_name for u in run(admin, zones, profile=profile).units)
    assert names == ["一般管控单元", "优先保护单元", "甲区东园重点管控单元"]


def test_a_unit_lists_the_subtypes_that_hold_a_share_of_it_or_hard_ground():
    admin = [county(rect(0, 0, 10, 10))]
    zones = [
        zone(rect(0, 0, 10, 10), "ecology", 1, "一般生态空间"),  # 100 km², the whole unit
        zone(rect(0, 0, 1, 3), "noise", 2, "声环境3类功能区"),  # 3 %: not named
        zone(rect(2, 0, 8, 1), "water", 1, "水环境优先保护区"),  # 6 %: named
        zone(rect(9, 9, 10, 10), "ecology", 1, "生态保护红线"),  # 1 %, hard ground: named
    ]
    result = run(admin, zones, profile={**PROFILE, "grouping": {"1": "county", "2": "county", "3": "county"}})
    (unit,) = [u for u in result.units if u.unit_class == 1]
    assert sorted(subtype for _c, _e, subtype in unit.elements) == ["一般生态空间", "水环境优先保护区", "生态保护红线"]
    ten_percent = {**PROFILE, "element_min_share": 0.1, "grouping": {"1": "county", "2": "county", "3": "county"}}
    (unit,) = [u for u in run(admin, zones, profile=ten_percent).units if u.unit_class == 1]
    assert sorted(subtype for _c, _e, subtype in unit.elements) == ["一般生态空间", "生态保护红线"]
