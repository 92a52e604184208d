"""ecozone:validateplan on the sample plan: clean but for the admission list, then broken on purpose."""

from __future__ import annotations

import json

from osgeo import gdal, ogr
from qgis.core import QgsVectorLayer

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.plan.store import ClauseChange


def test_the_sample_plan_lacks_only_its_admission_list(run_alg, plan_copy, tmp_path):
    report = tmp_path / "检查报告.html"
    result = run_alg(
        "ecozone:validateplan",
        {"PLAN": str(plan_copy), "OUTPUT_ERRORS": str(tmp_path / "findings.gpkg"), "OUTPUT_REPORT": str(report)},
    )
    units = len(GeoPackagePlanStore(plan_copy).units())  # the plan has no clause yet: every unit lacks some
    assert units >= 3 and (result["ERRORS"], result["WARNINGS"]) == (0, units)
    layer = QgsVectorLayer(result["OUTPUT_ERRORS"], "findings", "ogr")
    rows = [(f["code"], f["severity"], not f.geometry().isEmpty()) for f in layer.getFeatures()]
    assert rows == [("EZ-L001", "warning", False)] * units
    data = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["counts"]["L"] == {"error": 0, "warning": units} and data["parameters"]["min_area_km2"] == 0.1
    assert "EZ-L001" in report.read_text(encoding="utf-8")
    store = GeoPackagePlanStore(plan_copy)
    store.apply([ClauseChange("add", Clause("city", "", d, f"{d}-1", f"全市第{d}维度")) for d in (1, 2, 3, 4)])
    result = run_alg("ecozone:validateplan", {"PLAN": str(plan_copy), "OUTPUT_ERRORS": "TEMPORARY_OUTPUT"})
    assert (result["ERRORS"], result["WARNINGS"]) == (0, 0)


def test_a_shrunk_unit_leaves_a_gap_with_its_geometry(run_alg, plan_copy, tmp_path):
    ds = gdal.OpenEx(str(plan_copy), gdal.OF_VECTOR | gdal.OF_UPDATE)
    layer = ds.GetLayerByName("control_units")
    feature = next(f for f in layer if f["unit_class"] == 3)
    geometry = feature.GetGeometryRef().Buffer(-50)
    lost_km2 = (feature.GetGeometryRef().GetArea() - geometry.GetArea()) / 1e6
    feature.SetGeometry(ogr.ForceToMultiPolygon(geometry))
    assert layer.SetFeature(feature) == 0
    ds = None
    result = run_alg("ecozone:validateplan", {"PLAN": str(plan_copy), "OUTPUT_ERRORS": str(tmp_path / "findings.gpkg")})
    layer = QgsVectorLayer(result["OUTPUT_ERRORS"], "findings", "ogr")
    gaps = [f for f in layer.getFeatures() if f["code"] == "EZ-C001"]
    assert result["ERRORS"] == len(gaps) > 0
    assert sum(f.geometry().area() for f in gaps) / 1e6 > 0.95 * lost_km2
    assert {f["code"] for f in layer.getFeatures()} >= {"EZ-C001", "EZ-A003", "EZ-L001"}
