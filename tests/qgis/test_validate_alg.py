"""ecozone:validateplan on the sample plan: clean but for the admission list, then broken on purpose."""

from __future__ import annotations

import json

import pytest
from osgeo import gdal, ogr
from plan_helpers import long_texts
from qgis.core import QgsProcessingException, QgsVectorLayer

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.messages import Message
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.plan.store import ClauseChange


def test_the_sample_plan_lacks_its_filing_information_and_admission_list(run_alg, plan_copy, tmp_path):
    GeoPackagePlanStore(plan_copy).set_info({k: "" for k in ("province", "city", "compiled_by", "contact")})
    report = tmp_path / "检查报告.html"
    result = run_alg(
        "ecozone:validateplan",
        {"PLAN": str(plan_copy), "OUTPUT_ERRORS": str(tmp_path / "findings.gpkg"), "OUTPUT_REPORT": str(report)},
    )
    units = len(GeoPackagePlanStore(plan_copy).units())  # the plan has no clause yet: every unit lacks some
    long = long_texts(plan_copy)  # texts the package's shapefile would shorten (EZ-A005)
    assert units >= 3 and (result["ERRORS"], result["WARNINGS"]) == (1, units + long)
    layer = QgsVectorLayer(result["OUTPUT_ERRORS"], "findings", "ogr")
    rows = [(f["code"], f["severity"], not f.geometry().isEmpty()) for f in layer.getFeatures()]
    assert (
        rows
        == [("EZ-A004", "error", False)]
        + [("EZ-A005", "warning", False)] * long
        + [("EZ-L001", "warning", False)] * units
    )
    data = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["counts"]["L"] == {"error": 0, "warning": units} and data["parameters"]["min_area_km2"] == 0.1
    missing = next(f for f in data["findings"] if f["code"] == "EZ-A004")
    assert missing["params"]["missing"] == ["province", "city", "compiled_by", "contact"]  # the version is kept
    assert (
        Message("EZ-A004", missing["params"])
        .text("zh")
        .startswith("规划成果缺少备案所需信息：省份、城市、编制单位、联系方式。")
    )
    assert "EZ-L001" in report.read_text(encoding="utf-8")
    store = GeoPackagePlanStore(plan_copy)
    store.apply([ClauseChange("add", Clause("city", "", d, f"{d}-1", f"全市第{d}维度")) for d in (1, 2, 3, 4)])
    run_alg(
        "ecozone:setplaninfo", {"PLAN": str(plan_copy), "INFO": json.dumps({"province": "重庆市", "city": "重庆市"})}
    )
    result = run_alg("ecozone:validateplan", {"PLAN": str(plan_copy), "OUTPUT_ERRORS": str(tmp_path / "again.gpkg")})
    layer = QgsVectorLayer(result["OUTPUT_ERRORS"], "findings", "ogr")
    findings = [f for f in layer.getFeatures() if f["code"] != "EZ-A005"]
    assert [(f["code"], f["message"].split(":")[1].split(".")[0]) for f in findings] == [
        ("EZ-A004", " compiled by, contact")
    ]
    info = {"compiled_by": "青岚区生态环境局", "contact": "023-12345678", "plan_version": "2025"}
    result = run_alg(
        "ecozone:setplaninfo", {"PLAN": str(plan_copy), "INFO": json.dumps(info), "REASON": "补充备案信息"}
    )
    assert sorted(result["CHANGED"].split(",")) == sorted(info)
    result = run_alg("ecozone:validateplan", {"PLAN": str(plan_copy), "OUTPUT_ERRORS": "TEMPORARY_OUTPUT"})
    assert (result["ERRORS"], result["WARNINGS"]) == (0, long)


def test_setplaninfo_writes_one_logged_change_and_refuses_unknown_entries(run_alg, plan_copy):
    store = GeoPackagePlanStore(plan_copy)
    before = len(store.history(0))
    run_alg(
        "ecozone:setplaninfo", {"PLAN": str(plan_copy), "INFO": '{"province": "四川省", "compiled_date": "2026-11-30"}'}
    )
    log = store.history(0)
    assert len(log) == before + 1
    assert log[0].object_type == "plan_info" and log[0].new["province"] == "四川省"
    assert store.info()["province"] == "四川省" and store.info()["compiled_date"] == "2026-11-30"
    for bad, code in (
        ('{"province": "重庆市", "schema_version": "9"}', "EZ-T020"),
        ('{"provnce": "重庆市"}', "EZ-T020"),
        ('{"compiled_date": "2026/11/30"}', "EZ-T021"),
        ('["province"]', "EZ-T020"),
    ):
        with pytest.raises(QgsProcessingException) as err:
            run_alg("ecozone:setplaninfo", {"PLAN": str(plan_copy), "INFO": bad})
        assert code in str(err.value)
    with pytest.raises(QgsProcessingException, match="JSON"):
        run_alg("ecozone:setplaninfo", {"PLAN": str(plan_copy), "INFO": "province=重庆市"})
    assert store.info()["province"] == "四川省" and len(store.history(0)) == before + 1


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
