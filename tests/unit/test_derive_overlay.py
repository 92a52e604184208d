"""Overlay method on layouts whose answers are known by hand."""

from __future__ import annotations

import re

import pytest
import shapely
from helpers import BY_COUNTY, by_code, county, rect, run, zone

from ecozone_plugin.core.derive.units import PreviousUnit

RED = "生态保护红线"


@pytest.fixture
def two_counties():
    # County 甲 is 4 x 3 km, county 乙 beside it 2 x 3 km.
    return [county(rect(0, 0, 4, 3), "500101", "甲区"), county(rect(4, 0, 6, 3), "500102", "乙区")]


def test_classes_codes_names_and_areas(two_counties):
    zones = [
        zone(rect(0, 0, 1, 1), "ecology", 1, RED),  # 1 km² red line
        zone(rect(0.5, 0.5, 2, 2), "water", 2, "水环境工业污染重点管控区"),  # overlaps the red line
        zone(rect(3.5, 2, 5, 3), "air", 2, "大气环境高排放重点管控区"),  # crosses the county border
        zone(rect(0, 2, 1, 3), "water", 1, "水环境优先保护区"),
    ]
    result = run(two_counties, zones, profile=BY_COUNTY)
    units = by_code(result)
    assert sorted(units) == [
        "ZH50010110001",
        "ZH50010120001",
        "ZH50010130001",
        "ZH50010220001",
        "ZH50010230001",
    ]
    priority = units["ZH50010110001"]
    assert priority.unit_name == "甲区优先保护单元"
    assert priority.area_km2 == pytest.approx(2.0, abs=1e-6)
    assert priority.rule == "hard_priority"
    assert priority.elements_text == "生态保护红线; 水环境优先保护区; 水环境工业污染重点管控区"
    # key of 甲: water 2.25 km² less its 0.25 km² under the red line, plus 0.5 km² of air
    assert units["ZH50010120001"].area_km2 == pytest.approx(2.0 + 0.5, abs=1e-6)
    assert units["ZH50010130001"].area_km2 == pytest.approx(12 - 2 - 2.5, abs=1e-6)
    assert units["ZH50010220001"].area_km2 == pytest.approx(1.0, abs=1e-6)
    assert units["ZH50010230001"].unit_name == "乙区一般管控单元"
    assert units["ZH50010230001"].rule == "general_rest"
    assert result.county_areas["500101"] == pytest.approx(12.0)
    assert result.class_areas[("500102", "乙区")] == pytest.approx({1: 0.0, 2: 1.0, 3: 5.0})


def test_no_zones_gives_one_general_unit_per_county(two_counties):
    result = run(two_counties, [])
    assert [(u.unit_code, u.unit_class, round(u.area_km2, 6)) for u in result.units] == [
        ("ZH50010130001", 3, 12.0),
        ("ZH50010230001", 3, 6.0),
    ]


def test_key_ground_is_split_by_development_zones(two_counties):
    zones = [
        zone(rect(0, 0, 3, 1), "water", 2, "水环境城镇生活污染重点管控区"),
        zone(rect(2, 0, 4, 2), "development", 2, "产业园区", name="甲区工业园区"),
        zone(rect(0, 0, 0.5, 0.5), "protected", 1, "自然保护区"),
    ]
    units = by_code(run(two_counties, zones))
    names = {u.unit_name: u for u in units.values()}
    assert set(names) == {
        "甲区优先保护单元",
        "甲区工业园区重点管控单元",
        "甲区重点管控单元",
        "甲区一般管控单元",
        "乙区一般管控单元",
    }
    assert names["甲区工业园区重点管控单元"].area_km2 == pytest.approx(4.0)
    assert names["甲区重点管控单元"].area_km2 == pytest.approx(2.0 - 0.25)
    assert names["甲区优先保护单元"].rule == "hard_priority"
    assert "产业园区" in names["甲区工业园区重点管控单元"].elements_text


def test_split_can_be_turned_off_in_the_profile(two_counties):
    from helpers import PROFILE

    zones = [
        zone(rect(0, 0, 3, 1), "water", 2, "水环境工业污染重点管控区"),
        zone(rect(2, 0, 4, 2), "development", 2, "产业园区", name="园区"),
    ]
    result = run(two_counties, zones, profile={**PROFILE, "split_key_by_development": False})
    key_units = [u for u in result.units if u.unit_class == 2]
    assert len(key_units) == 1 and key_units[0].area_km2 == pytest.approx(3.0 + 4.0 - 1.0)


def test_small_fragment_joins_the_neighbour_with_the_longest_border(two_counties):
    zones = [
        # 0.04 km² key square touching priority on its west (200 m) and general elsewhere (600 m)
        zone(rect(1, 1, 1.2, 1.2), "air", 2, "大气环境高排放重点管控区"),
        zone(rect(0, 0, 1, 3), "water", 1, "水环境优先保护区"),
        # a 0.01 km² red line island: kept, although tiny
        zone(rect(3, 2, 3.1, 2.1), "ecology", 1, RED),
    ]
    result = run(two_counties, zones, min_area=0.1)
    units = by_code(result)
    assert not [u for u in result.units if u.unit_class == 2]
    assert units["ZH50010130001"].area_km2 == pytest.approx(12 - 3.01)
    assert units["ZH50010110001"].area_km2 == pytest.approx(3.01)
    merged = [f for f in result.fragments if f["merged"]]
    kept = [f for f in result.fragments if not f["merged"]]
    assert [(f["from_class"], f["to_class"], round(f["border_m"])) for f in merged] == [(2, 3, 600)]
    assert [(f["from_class"], f["reason"]) for f in kept] == [(1, "hard")]
    assert {m.code for m in result.messages} >= {"EZ-D005", "EZ-D012"}


def test_slivers_under_a_square_metre_are_counted_not_listed():
    admin = [county(rect(0, 0, 3, 3))]
    x, y = rect(1, 1, 2, 2).bounds[:2]
    zones = [
        zone(shapely.box(x, y, x + 1.0, y + 0.5), "air", 2, "大气环境高排放重点管控区"),  # 0.5 m²
        zone(shapely.box(x + 100, y, x + 100.3, y + 1.0), "air", 2, "大气环境高排放重点管控区"),  # 0.3 m²
        zone(shapely.box(x + 300, y, x + 305, y + 1.0), "air", 2, "大气环境高排放重点管控区"),  # 5 m²
        zone(shapely.box(x + 600, y, x + 650, y + 1.0), "air", 2, "大气环境高排放重点管控区"),  # 50 m²
    ]
    result = run(admin, zones, min_area=0.1)
    fragments = [m for m in result.messages if m.code in ("EZ-D005", "EZ-D024")]
    assert sorted((m.code, m.params["area"]) for m in fragments) == [
        ("EZ-D005", "5"),
        ("EZ-D005", "50"),
        ("EZ-D024", "0.8"),
    ]
    sliver = next(m for m in fragments if m.code == "EZ-D024")
    assert sliver.params["count"] == 2 and "2 处面积均不足 1 平方米" in sliver.text("zh")
    zero = re.compile(r"(?<![\d.])0 (m²|平方米)")
    assert not [m for m in result.messages if zero.search(m.text("en")) or zero.search(m.text("zh"))]


def test_fragments_never_cross_a_county(two_counties):
    # a 0.02 km² general sliver of 乙 boxed in by 乙's key ground and the border with 甲
    zones = [
        zone(rect(4.1, 0, 6, 3), "air", 2, "大气环境高排放重点管控区"),
        zone(rect(3, 0, 4, 3), "water", 1, "水环境优先保护区"),
    ]
    result = run(two_counties, zones, min_area=0.5)
    by_county = {}
    for unit in result.units:
        by_county.setdefault(unit.county_code, []).append(unit)
    assert sum(u.area_km2 for u in by_county["500102"]) == pytest.approx(6.0)
    assert [u.unit_class for u in by_county["500102"]] == [2]
    assert sum(u.area_km2 for u in by_county["500101"]) == pytest.approx(12.0)


def test_exclave_stays_with_its_county():
    main = rect(0, 0, 4, 4).difference(rect(1, 1, 2, 2))
    exclave = rect(1, 1, 2, 2)  # 甲's island of 乙 inside 甲
    admin = [
        county(main, "500101", "甲区"),
        county(exclave, "500102", "乙区"),
        county(rect(6, 0, 8, 2), "500102", "乙区"),
    ]
    zones = [zone(rect(0.5, 0.5, 2.5, 2.5), "ecology", 1, RED)]
    result = run(admin, zones)
    units = by_code(result)
    yi_priority = units["ZH50010210001"]
    assert yi_priority.area_km2 == pytest.approx(1.0)
    assert yi_priority.geom.equals(shapely.MultiPolygon([exclave]))
    assert units["ZH50010230001"].area_km2 == pytest.approx(4.0)
    assert units["ZH50010110001"].area_km2 == pytest.approx(3.0)


def test_units_cross_tile_lines_as_one_polygon(two_counties):
    zones = [zone(rect(0.3, 0.3, 3.7, 2.7), "water", 2, "水环境工业污染重点管控区")]
    result = run(two_counties, zones, tile_size=500.0)
    key = [u for u in result.units if u.unit_class == 2][0]
    assert len(key.geom.geoms) == 1
    assert shapely.get_num_coordinates(key.geom) == 5
    general = [u for u in result.units if u.unit_class == 3 and u.county_code == "500101"][0]
    assert len(general.geom.geoms) == 1 and len(general.geom.geoms[0].interiors) == 1


def test_codes_follow_position_north_to_south_then_west_to_east():
    admin = [county(rect(0, 0, 6, 6), "500101", "甲区", split="A")]
    admin[0].split_value = None
    # Three separate key groups become three units: parks named so that name order differs.
    zones = [
        zone(rect(4, 4, 5, 5), "development", 2, "产业园区", name="A园"),
        zone(rect(1, 4, 2, 5), "development", 2, "产业园区", name="B园"),
        zone(rect(1, 1, 2, 2), "development", 2, "产业园区", name="C园"),
    ]
    units = by_code(run(admin, zones))
    assert [units[c].unit_name for c in ("ZH50010120001", "ZH50010120002", "ZH50010120003")] == [
        "甲区B园重点管控单元",
        "甲区A园重点管控单元",
        "甲区C园重点管控单元",
    ]


def test_split_field_keeps_units_inside_each_value():
    admin = [county(rect(0, 0, 2, 2), "500101", "甲区", "001"), county(rect(2, 0, 4, 2), "500101", "甲区", "002")]
    zones = [zone(rect(1, 0, 3, 1), "water", 2, "水环境工业污染重点管控区")]
    result = run(admin, zones)
    key = sorted((u for u in result.units if u.unit_class == 2), key=lambda u: u.unit_code)
    assert [u.split_value for u in key] == ["001", "002"]
    assert [u.unit_name for u in key] == ["甲区重点管控单元1", "甲区重点管控单元2"]
    assert all(u.area_km2 == pytest.approx(1.0) for u in key)


def test_previous_units_keep_their_codes(two_counties):
    zones = [
        zone(rect(0, 0, 1, 1), "development", 2, "产业园区", name="东园"),
        zone(rect(3, 2, 4, 3), "development", 2, "产业园区", name="西园"),
    ]
    first = by_code(run(two_counties, zones))
    assert first["ZH50010120001"].unit_name == "甲区西园重点管控单元"
    previous = [
        PreviousUnit(
            geom=first["ZH50010120001"].geom,
            unit_code="ZH50010120007",
            unit_class=2,
            county_code="500101",
            unit_uid="uid-west",
        ),
    ]
    second = by_code(run(two_counties, zones, previous=previous))
    assert second["ZH50010120007"].unit_name == "甲区西园重点管控单元"
    assert second["ZH50010120007"].unit_uid == "uid-west"
    assert second["ZH50010120001"].unit_name == "甲区东园重点管控单元"
    assert any(m.code == "EZ-D010" for m in run(two_counties, zones, previous=previous).messages)


def test_output_does_not_depend_on_input_order(two_counties):
    zones = [
        zone(rect(0, 0, 1.5, 1), "ecology", 1, RED),
        zone(rect(1, 0.5, 3, 2.5), "water", 2, "水环境工业污染重点管控区"),
        zone(rect(2.5, 0, 5, 1), "air", 2, "大气环境高排放重点管控区"),
        zone(rect(2, 2, 4.5, 3), "soil", 1, "农用地优先保护区"),
    ]
    a = run(two_counties, zones, min_area=0.3, tile_size=800.0)
    b = run(list(reversed(two_counties)), list(reversed(zones)), min_area=0.3, tile_size=800.0)
    assert [(u.unit_code, u.unit_name, u.rule, u.elements_text, round(u.area_km2, 9)) for u in a.units] == [
        (u.unit_code, u.unit_name, u.rule, u.elements_text, round(u.area_km2, 9)) for u in b.units
    ]
    for ua, ub in zip(a.units, b.units):
        assert shapely.equals_exact(
            shapely.normalize(shapely.set_precision(ua.geom, 0.001)),
            shapely.normalize(shapely.set_precision(ub.geom, 0.001)),
            0.0,
        )
        assert ua.unit_uid == ub.unit_uid
