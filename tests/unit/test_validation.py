"""Each validation check on a small plan built to fail it, and a clean plan that passes them all."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from helpers import PROFILE, rect
from plan_helpers import make_plan, unit_rows
from shapely.geometry import Polygon

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.check.report import report_dict, report_html
from ecozone_plugin.core.check.validation import PlanInput, code_pattern, plan_input, validate_plan
from ecozone_plugin.core.plan.store import ClauseChange

RED_LINE = ({"element": "ecology", "zone_class": 1, "subtype": "生态保护红线", "zone_name": "红线一"}, rect(0, 0, 1, 1))


def base_units():
    return unit_rows()


def boundary():
    return [
        ({"county_code": "500101", "county_name": "甲区"}, rect(0, 0, 4, 2)),
        ({"county_code": "500102", "county_name": "乙区"}, rect(0, 2, 4, 4)),
    ]


def full_list():
    return [Clause("city", "", d, f"{d}-1", f"全市第{d}维度") for d in (1, 2, 3, 4)]


def check(units=None, zones=(RED_LINE,), clauses=None, min_area=0.1, profile=PROFILE, bounds=None):
    plan = PlanInput(
        units=base_units() if units is None else units,
        boundary=boundary() if bounds is None else bounds,
        zones=list(zones),
        clauses=full_list() if clauses is None else clauses,
        epsg=4544,
    )
    return validate_plan(plan, profile, min_area)


def replace_unit(index, geom=None, **attrs):
    units = base_units()
    old_attrs, old_geom = units[index]
    units[index] = ({**old_attrs, **attrs}, old_geom if geom is None else geom)
    return units


def only(result):
    return sorted({(f.code, f.unit_code) for f in result.findings})


def test_a_clean_plan_passes_every_check():
    result = check()
    assert result.findings == [] and (result.errors, result.warnings) == (0, 0)


def test_the_clean_sample_store_plan_passes(tmp_path):
    store = make_plan(tmp_path / "plan.gpkg")
    store.apply([ClauseChange("add", c) for c in full_list()])
    result = validate_plan(plan_input(store), PROFILE, 0.1)
    assert result.findings == []


def test_geometry_checks():
    bowtie = Polygon([(500_000, 3_300_000), (502_000, 3_302_000), (502_000, 3_300_000), (500_000, 3_302_000)])
    result = check(replace_unit(0, bowtie, area_km2=0.0))
    # repaired, the bow tie keeps two of the square's four triangles: two gaps, the red line not all
    # priority, and an area that no longer matches
    assert only(result) == [
        ("EZ-A003", "ZH50010110001"),
        ("EZ-C001", ""),
        ("EZ-G001", "ZH50010110001"),
        ("EZ-R001", ""),
    ]
    assert len([f for f in result.findings if f.code == "EZ-C001"]) == 2
    invalid = [f for f in result.findings if f.code == "EZ-G001"]
    assert len(invalid) == 1 and invalid[0].unit_code == "ZH50010110001" and invalid[0].severity == "error"
    assert invalid[0].geometry.area == pytest.approx(40 * 40)  # a square around the crossing
    assert invalid[0].geometry.centroid.distance(shapely.Point(501_000, 3_301_000)) < 1e-6
    assert only(check(replace_unit(1, Polygon()))) == [("EZ-C001", ""), ("EZ-G002", "ZH50010120001")]
    line = shapely.LineString([(0, 0), (1, 1)])
    assert only(check(replace_unit(1, line))) == [("EZ-C001", ""), ("EZ-G003", "ZH50010120001")]
    repeated = Polygon(
        [(502_000, 3_300_000), (504_000, 3_300_000), (504_000, 3_300_000), (504_000, 3_302_000), (502_000, 3_302_000)]
    )
    found = check(replace_unit(1, repeated)).findings
    assert [f.code for f in found] == ["EZ-G004"]
    assert len(found) == 1 and found[0].message.params["count"] == 1 and found[0].severity == "warning"
    holed = Polygon(
        rect(2, 0, 4, 2).exterior.coords,
        [[(503_000, 3_301_000), (503_000.5, 3_301_000), (503_000.5, 3_301_000.5), (503_000, 3_301_000.5)]],
    )
    found = check(replace_unit(1, holed)).findings
    assert [f.code for f in found] == ["EZ-G005"]
    assert len(found) == 1 and found[0].message.params["area_m2"] == pytest.approx(0.25)


def test_gaps_overlaps_outside_and_crossing():
    shrunk = replace_unit(1, rect(2, 0, 3.9, 2), area_km2=3.8)
    gaps = check(shrunk).findings
    assert [f.code for f in gaps] == ["EZ-C001"]
    assert len(gaps) == 1 and gaps[0].geometry.area == pytest.approx(0.1e3 * 2e3)
    assert gaps[0].message.params["county"] == "500101"
    grown = replace_unit(1, rect(1.9, 0, 4, 2), area_km2=4.2)
    overlaps = check(grown).findings
    assert [f.code for f in overlaps] == ["EZ-C002"]
    assert len(overlaps) == 1 and overlaps[0].geometry.area == pytest.approx(0.1e3 * 2e3)
    assert {overlaps[0].unit_code, overlaps[0].message.params["other"]} == {"ZH50010110001", "ZH50010120001"}
    outside = replace_unit(1, rect(2, -0.1, 4, 2), area_km2=4.2)
    # u-a2 lengthened southwards no longer has u-a1's corner vertex (2, 0) on their shared border
    assert only(check(outside)) == [("EZ-C003", "ZH50010120001"), ("EZ-C005", "")]
    found = [f for f in check(outside).findings if f.code == "EZ-C003"]
    assert len(found) == 1 and found[0].geometry.area == pytest.approx(0.1e3 * 2e3)
    crossing = replace_unit(1, rect(2, 0, 4, 2.1), area_km2=4.2)
    assert only(check(crossing)) == [
        ("EZ-C002", "ZH50010120001"),
        ("EZ-C004", "ZH50010120001"),
    ]  # and u-b3 is overlapped
    found = [f for f in check(crossing).findings if f.code == "EZ-C004"]
    assert len(found) == 1 and found[0].message.params["other"] == "500102"
    # thresholds: a 0.5 m² sliver stays quiet at 1 m², is reported at 0.1 m²
    sliver = replace_unit(1, rect(2, 0, 4, 2).difference(rect(3.9999, 1.99, 4, 2)), area_km2=4.0)
    assert "EZ-C001" not in check(sliver).codes()
    assert "EZ-C001" in check(sliver, profile={**PROFILE, "gap_min_m2": 0.1}).codes()


def _one_sided_vertex_units():
    """County 500101 with a vertex on u-a1's side of its border with u-a2 only, and a real gap (a hole in u-a2)."""
    x0, y0, x1, y1 = rect(0, 0, 2, 2).bounds
    left = Polygon([(x0, y0), (x1, y0), (x1, (y0 + y1) / 2), (x1, y1), (x0, y1)])
    holed = rect(2, 0, 4, 2).difference(rect(3, 1, 3.1, 1.1))
    units = replace_unit(0, left)
    a2_attrs, _old = units[1]
    units[1] = ({**a2_attrs, "area_km2": holed.area / 1e6}, holed)
    return units


def test_a_vertex_on_one_side_of_a_shared_border_is_reported_and_gaps_still_found():
    result = check(_one_sided_vertex_units())
    gaps = [f for f in result.findings if f.code == "EZ-C001"]
    assert len(gaps) == 1 and gaps[0].geometry.area == pytest.approx(100.0 * 100.0)
    assert gaps[0].message.params["county"] == "500101"
    mismatched = [f for f in result.findings if f.code == "EZ-C005"]
    assert [f.message.params["county"] for f in mismatched] == ["500101"]
    assert only(result) == [("EZ-C001", ""), ("EZ-C005", "")]


def test_an_overlap_does_not_hide_a_gap_of_the_same_area():
    """The units' areas add up to the county's, but 0.2 km² are covered twice and 0.2 km² not at all."""
    units = replace_unit(0, rect(0, 0, 2.1, 2), area_km2=4.2)  # u-a1 grows 0.1 km into u-a2 ...
    a2_attrs, _g = units[1]
    units[1] = ({**a2_attrs, "area_km2": 3.8}, rect(2, 0, 3.9, 2))  # ... which leaves a 0.1 km strip open
    result = check(units)
    assert only(result) == [("EZ-C001", ""), ("EZ-C002", "ZH50010110001")]
    gaps = [f for f in result.findings if f.code == "EZ-C001"]
    assert [g.geometry.equals(rect(3.9, 0, 4, 2)) for g in gaps] == [True]
    overlaps = [f for f in result.findings if f.code == "EZ-C002"]
    assert [o.geometry.equals(rect(2, 0, 2.1, 2)) for o in overlaps] == [True]


def test_a_fast_union_that_raises_falls_back_to_the_robust_one(monkeypatch):
    """GEOS builds that refuse mismatched borders raise instead of returning a wrong union."""

    fast_union = shapely.coverage_union_all

    def refuse_mismatched(geoms, *args, **kwargs):
        if not shapely.coverage_is_valid(geoms):
            raise shapely.errors.GEOSException("CoverageUnion cannot process incorrectly noded inputs")
        return fast_union(geoms, *args, **kwargs)

    monkeypatch.setattr(shapely, "coverage_union_all", refuse_mismatched)
    result = check(_one_sided_vertex_units())
    assert only(result) == [("EZ-C001", ""), ("EZ-C005", "")]
    assert sorted(f.message.params["county"] for f in result.findings) == ["500101", "500101"]


def test_codes_and_names():
    assert code_pattern("ZH{county_code}{unit_class}{seq:04d}").match("ZH50010110001")
    assert ("EZ-K001", "ZH5001011001") in only(check(replace_unit(0, unit_code="ZH5001011001")))
    assert ("EZ-K002", "ZH50010120001") in only(check(replace_unit(0, unit_code="ZH50010120001")))
    assert ("EZ-K003", "ZH50010210001") in only(check(replace_unit(0, unit_code="ZH50010210001")))
    assert ("EZ-K004", "ZH50010130001") in only(check(replace_unit(0, unit_code="ZH50010130001")))
    same_name = check(replace_unit(0, unit_name="甲区重点管控单元"))
    assert {f.unit_code for f in same_name.findings if f.code == "EZ-K005"} == {"ZH50010110001", "ZH50010120001"}


def test_attributes():
    assert only(check(replace_unit(0, county_name=""))) == [("EZ-A001", "ZH50010110001")]
    result = check(replace_unit(0, unit_class=5))
    assert only(result) == [("EZ-A002", "ZH50010110001"), ("EZ-R001", "")]  # no priority unit holds the red line
    wrong_area = check(replace_unit(2, area_km2=4.1)).findings
    assert [f.code for f in wrong_area] == ["EZ-A003"]
    assert len(wrong_area) == 1 and wrong_area[0].message.params["measured"] == pytest.approx(4.0)
    assert "EZ-A003" not in check(replace_unit(2, area_km2=4.0000004)).codes()  # rounding of 6 decimals


def test_rules_red_line_and_fragments():
    outside_priority = ({**RED_LINE[0]}, rect(1.5, 0.5, 2.5, 1.5))  # half of it in the key unit
    found = check(zones=[outside_priority]).findings
    assert [f.code for f in found] == ["EZ-R001"]
    assert len(found) == 1 and found[0].geometry.area == pytest.approx(0.5e6)
    protected = ({"element": "protected", "zone_class": 1, "subtype": "自然保护地"}, rect(3, 3, 3.5, 3.5))
    assert only(check(zones=[protected])) == [("EZ-R001", "")]
    with_islet = replace_unit(1, shapely.union(rect(2, 0, 4, 2), rect(2.5, 3.0, 2.6, 3.1)), area_km2=4.01)
    # the islet lies in county 500102, over u-b3: overlap and crossing besides the fragment
    assert only(check(with_islet)) == [
        ("EZ-C002", "ZH50010120001"),
        ("EZ-C004", "ZH50010120001"),
        ("EZ-R002", "ZH50010120001"),
    ]
    fragments = [f for f in check(with_islet).findings if f.code == "EZ-R002"]
    assert len(fragments) == 1 and fragments[0].message.params["area_km2"] == pytest.approx(0.01)
    assert "EZ-R002" not in check(with_islet, min_area=0.001).codes()
    red_islet = ({**RED_LINE[0]}, rect(2.5, 3.0, 2.6, 3.1))
    assert "EZ-R002" not in check(with_islet, zones=[RED_LINE, red_islet]).codes()  # kept: red-line ground


def test_admission_list_completeness():
    clauses = full_list()[:3] + [Clause("county", "500102", 4, "4-1", "乙区资源利用")]
    result = check(clauses=clauses)
    missing = result.findings
    assert [f.code for f in missing] == ["EZ-L001", "EZ-L001"]
    assert sorted(f.unit_code for f in missing) == ["ZH50010110001", "ZH50010120001"]
    assert "资源利用效率" in missing[0].message.text("zh") and "Resource-use" in missing[0].message.text("en")
    assert check(clauses=[]).counts()["L"]["warning"] == 4


def test_a_red_line_reaching_past_the_plan_counts_only_inside_it():
    beyond = ({**RED_LINE[0], "zone_name": "跨界红线"}, rect(-1, 0, 1, 1))  # half of it lies west of the plan
    assert check(zones=[beyond]).findings == []
    into_key = ({**RED_LINE[0], "zone_name": "跨界红线"}, rect(-1, 0, 2.5, 1))  # and 0.5 km² lies in a key unit
    found = check(zones=[into_key]).findings
    assert [f.code for f in found] == ["EZ-R001"]
    assert found[0].geometry.equals(rect(2, 0, 2.5, 1)) and found[0].message.params["area_m2"] == pytest.approx(5e5)


def test_the_profile_decides_severity_and_can_switch_a_check_off():
    units = replace_unit(0, unit_name="甲区重点管控单元")
    strict = check(units, profile={**PROFILE, "severity": {"EZ-K005": "error"}})
    assert {f.severity for f in strict.findings} == {"error"} and strict.errors == 2
    quiet = check(units, profile={**PROFILE, "severity": {"EZ-K005": "ignore"}})
    assert quiet.findings == []


def test_reports_count_by_category_and_list_each_finding():
    result = check(replace_unit(1, rect(2, 0, 3.9, 2), area_km2=3.8, unit_name="甲区优先保护单元"))
    data = report_dict(result, "plan.gpkg", PROFILE)
    assert data["errors"] == 1 and data["warnings"] == 2
    assert data["counts"]["C"] == {"error": 1, "warning": 0}
    assert [f["code"] for f in data["findings"]] == ["EZ-C001", "EZ-K005", "EZ-K005"]
    assert json.loads(json.dumps(data, ensure_ascii=False))["findings"][0]["has_geometry"] is True
    text = report_html(result, "plan.gpkg", PROFILE, "zh")
    assert "规划成果检查报告" in text and "EZ-C001" in text and "缝隙" in text
    assert "Plan validation report" in report_html(result, "plan.gpkg", PROFILE, "en")


def test_shared_borders_are_compared_without_the_geos_coverage_validator(monkeypatch):
    """GEOS's coverage validator crashes where QGIS's older GEOS is loaded (qgis_process, the desktop)."""

    def crash(*_args, **_kwargs):
        raise AssertionError("shapely.coverage_is_valid must not be called by validation")

    monkeypatch.setattr(shapely, "coverage_is_valid", crash)
    monkeypatch.setattr(shapely, "coverage_invalid_edges", crash)
    assert only(check(_one_sided_vertex_units())) == [("EZ-C001", ""), ("EZ-C005", "")]
    assert check().findings == []


@pytest.mark.parametrize(
    "layout",
    [
        [rect(0, 0, 2, 2), rect(2, 0, 4, 2)],  # matched
        [rect(0, 0, 2, 2), rect(2, 0, 4, 3)],  # u-a1's corner (2, 2) lies on the other's edge: a vertex on one side
        [rect(0, 0, 2, 2), rect(2.5, 0, 4, 2)],  # apart: nothing to match
        [rect(0, 0, 2, 2), rect(2, 0, 4, 2), rect(0, 2, 4, 4)],  # (2, 2) is on the long edge of the third
        [shapely.union(rect(0, 0, 1, 1), rect(1, 1, 2, 2)), rect(1, 0, 2, 1), rect(0, 1, 1, 2)],  # multipart, corners
        [rect(0, 0, 4, 4).difference(rect(1, 1, 3, 3)), rect(1, 1, 3, 3)],  # an island in a hole
        [rect(0, 0, 4, 4).difference(rect(1, 1, 3, 3)), rect(1, 1, 3, 2.5)],  # the island does not fill the hole
    ],
)
def test_matching_borders_agree_with_the_geos_coverage_validator(layout):
    from ecozone_plugin.core.check.validation import _is_coverage

    members = np.asarray(layout, dtype=object)
    assert _is_coverage(members) == bool(shapely.coverage_is_valid(members))
