"""ecozone:compareversions on the sample plan: a priority unit turned general, identical versions,
and a filing package as the earlier version."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook
from qgis.core import QgsVectorLayer

from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore


def downgraded(plan, tmp_path):
    """A copy of the plan whose red-line priority unit became general ground."""
    new = tmp_path / "新版.gpkg"
    shutil.copy(plan, new)
    store = GeoPackagePlanStore(new)
    unit = next(u for u in store.units() if u.unit_class == 1 and u.subclass == "生态保护红线")
    from osgeo import ogr

    ds = ogr.Open(str(new), 1)  # GDAL, which has the GeoPackage's spatial functions
    ds.ExecuteSQL(f"UPDATE control_units SET unit_class = 3 WHERE unit_uid = '{unit.uid}'")
    ds = None
    return new, unit


def test_a_priority_unit_turned_general_is_a_hard_priority_loss(run_alg, plan_copy, tmp_path):
    new, unit = downgraded(plan_copy, tmp_path)
    report = tmp_path / "对比.html"
    result = run_alg(
        "ecozone:compareversions",
        {
            "OLD": str(plan_copy),
            "NEW": str(new),
            "OUTPUT": str(tmp_path / "changes.gpkg"),
            "OUTPUT_REPORT": str(report),
        },
    )
    assert result["PRIORITY_LOSSES"] == 1 and result["HARD_LOSSES"] == 1
    changes = list(QgsVectorLayer(result["OUTPUT"], "c", "ogr").getFeatures())
    assert [
        (f["old_unit_code"], f["new_unit_code"], f["old_class"], f["new_class"], f["change_type"]) for f in changes
    ] == [(unit.code, unit.code, 1, 3, "class_down")]
    assert changes[0]["priority_loss"] == 1 and changes[0]["hard_loss"] == 1
    assert changes[0]["area_km2"] == pytest.approx(changes[0].geometry().area() / 1e6, rel=1e-6)
    assert "生态保护红线" in changes[0]["old_zones"]
    text = report.read_text(encoding="utf-8")
    assert text.index("需省级论证说明") < text.index("类别转移矩阵") and unit.code in text
    book = load_workbook(report.with_suffix(".xlsx"))
    assert book.sheetnames[0] == "优先保护空间减少" and book["优先保护空间减少"]["B2"].value == unit.code


def test_identical_versions_give_no_change(run_alg, plan_copy, tmp_path):
    report = tmp_path / "same.html"
    result = run_alg(
        "ecozone:compareversions",
        {
            "OLD": str(plan_copy),
            "NEW": str(plan_copy),
            "OUTPUT": str(tmp_path / "c.gpkg"),
            "OUTPUT_REPORT": str(report),
        },
    )
    assert result["PRIORITY_LOSSES"] == 0 and QgsVectorLayer(result["OUTPUT"], "c", "ogr").featureCount() == 0
    assert "无优先保护空间减少" in report.read_text(encoding="utf-8")


def test_a_filing_package_is_read_in_its_crs_and_verified(run_alg, plan_copy, tmp_path):
    package = tmp_path / "pkg.zip"
    run_alg(
        "ecozone:exportfiling", {"PLAN": str(plan_copy), "FORMATS": ["gpkg"], "OUTPUT": str(package), "FORCE": True}
    )
    result = run_alg(
        "ecozone:compareversions", {"OLD": str(package), "NEW": str(plan_copy), "OUTPUT": str(tmp_path / "c.gpkg")}
    )
    # the package holds the units in EPSG:4490: reprojected to the plan's CRS they match (slivers left out)
    pieces = [f for f in QgsVectorLayer(result["OUTPUT"], "c", "ogr").getFeatures() if f["area_km2"] > 0.001]
    assert result["PRIORITY_LOSSES"] == 0 and pieces == []


def test_a_control_unit_layer_as_the_earlier_version(run_alg, derived, plan_copy, tmp_path):
    parameters = {"OLD": derived["OUTPUT"], "NEW": str(plan_copy), "OUTPUT": str(tmp_path / "c.gpkg")}
    result = run_alg("ecozone:compareversions", {**parameters, "MIN_CHANGE_M2": 100.0})
    # the plan was made from these very units: nothing of 100 m² or more changed
    assert result["PRIORITY_LOSSES"] == 0 and QgsVectorLayer(result["OUTPUT"], "c", "ogr").featureCount() == 0


def test_tracking_statistics_over_two_versions(run_alg, plan_copy, tmp_path):
    new, unit = downgraded(plan_copy, tmp_path)
    GeoPackagePlanStore(plan_copy).set_info({"compiled_date": "2021-06-30", "plan_version": "2021"})
    GeoPackagePlanStore(new).set_info({"compiled_date": "2024-06-30", "plan_version": "2024"})
    report = tmp_path / "跟踪.xlsx"
    result = run_alg(
        "ecozone:trackingstatistics",
        {"INPUTS": [str(new), str(plan_copy)], "OUTPUT": str(tmp_path / "t.gpkg"), "OUTPUT_REPORT": str(report)},
    )
    rows = [f for f in QgsVectorLayer(result["OUTPUT"], "t", "ogr").getFeatures() if not f["subclass"]]
    priority = {f["version"]: (f["units"], f["units_change"]) for f in rows if f["unit_class"] == 1}
    assert priority["2021"][0] - 1 == priority["2024"][0] and priority["2024"][1] == -1
    assert report.exists() and report.with_suffix(".html").exists()
    assert "转移矩阵1" in load_workbook(report).sheetnames


def test_tracking_needs_two_versions(run_alg, plan_copy, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="two"):
        run_alg("ecozone:trackingstatistics", {"INPUTS": [str(plan_copy)], "OUTPUT_REPORT": str(tmp_path / "t.xlsx")})
