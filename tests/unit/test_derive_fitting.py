"""Fitting method (拟合法): base polygons classed by their share of priority and key ground."""

from __future__ import annotations

import pytest
from helpers import county, rect, run, zone

RED = "生态保护红线"


@pytest.fixture
def townships():
    # Three 2 x 2 km townships of one county, side by side.
    return [county(rect(2 * i, 0, 2 * i + 2, 2), "500101", "甲区") for i in range(3)]


@pytest.fixture
def zones():
    return [
        zone(rect(0, 0, 2, 1.2), "water", 1, "水环境优先保护区"),  # 60% of township A
        zone(rect(2, 0, 4, 0.6), "soil", 1, "农用地优先保护区"),  # 30% of township B
        zone(rect(2, 0.6, 4, 1.8), "air", 2, "大气环境高排放重点管控区"),  # 60% of B
        zone(rect(4.5, 0.5, 5, 1), "ecology", 1, RED),  # 0.25 km² red line in C
        zone(rect(5, 1, 6, 2), "air", 2, "大气环境布局敏感重点管控区"),  # 25% of C
    ]


def test_base_polygons_take_the_class_of_their_share(townships, zones):
    result = run(townships, zones, method="fitting")
    units = {u.unit_class: u for u in result.units}
    assert units[1].area_km2 == pytest.approx(4.0 + 0.25)
    assert units[1].rule == "fit_priority"
    assert units[2].area_km2 == pytest.approx(4.0)
    assert units[2].rule == "fit_key"
    assert units[3].area_km2 == pytest.approx(4.0 - 0.25)
    assert units[3].rule == "fit_general"
    assert sum(u.area_km2 for u in result.units) == pytest.approx(12.0)


def test_thresholds_change_the_classes(townships, zones):
    result = run(townships, zones, method="fitting", fit_threshold=70.0, fit_key_threshold=20.0)
    units = {u.unit_class: u for u in result.units}
    # A (60% priority, no key ground) is now general; B (60% key) and C (25% key) are key.
    assert units[1].area_km2 == pytest.approx(0.25)
    assert units[1].rule == "hard_priority"
    assert units[2].area_km2 == pytest.approx(8.0 - 0.25)
    assert units[3].area_km2 == pytest.approx(4.0)


def test_hard_priority_is_carved_out_of_key_and_general(townships, zones):
    result = run(townships, zones, method="fitting", fit_threshold=99.0, fit_key_threshold=99.0)
    priority = [u for u in result.units if u.unit_class == 1]
    assert len(priority) == 1 and priority[0].area_km2 == pytest.approx(0.25)
    assert priority[0].elements_text == "生态保护红线"


def test_explicit_base_units_and_uncovered_ground(townships, zones):
    bases = [rect(0, 0, 3, 2)]  # covers A and half of B; the rest is fitted piece by piece
    result = run(townships, zones, method="fitting", base_units=bases, tile_size=10_000.0)
    areas = {u.unit_class: u.area_km2 for u in result.units}
    # The base (6 km²) holds 3.0 km² of priority (50%, not more) and 1.2 km² of key (20%):
    # general. The uncovered rest x 3-6 km (6 km²): 0.85 km² priority, 2.2 km² key: general.
    # Only the red line stays priority.
    assert areas == pytest.approx({1: 0.25, 3: 11.75})


def test_a_key_threshold_of_zero_is_taken_as_given(townships, zones):
    result = run(townships, zones, method="fitting", fit_threshold=99.0, fit_key_threshold=0.0)
    areas = {u.unit_class: u.area_km2 for u in result.units}
    # A has no key ground (0% is not more than 0%): general; B and C hold key ground: key.
    assert areas == pytest.approx({1: 0.25, 2: 4.0 + 4.0 - 0.25, 3: 4.0})
