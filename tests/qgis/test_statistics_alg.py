"""ecozone:unitstatistics on the sample plan: the numbers of the demo, a workbook with a chart, a page."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from qgis.core import QgsVectorLayer

from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore


def test_statistics_table_and_reports(run_alg, plan_path, sample_dir, sample_spec, tmp_path, chinese_ui):
    result = run_alg(
        "ecozone:unitstatistics",
        {"PLAN": str(plan_path), "OUTPUT": str(tmp_path / "stats.gpkg"), "OUTPUT_REPORT": str(tmp_path / "统计.xlsx")},
    )
    table = QgsVectorLayer(result["OUTPUT"], "stats", "ogr")
    rows = [f.attributes() for f in table.getFeatures()]
    by_class = {r[4]: (r[7], r[8]) for r in rows if r[1] == "class"}
    units = QgsVectorLayer(f"{plan_path}|layername=control_units", "units", "ogr")  # planar, in EPSG:4544
    expected: dict = {}
    for feature in units.getFeatures():
        count, area = expected.get(feature["unit_class"], (0, 0.0))
        expected[feature["unit_class"]] = (count + 1, area + feature.geometry().area() / 1e6)
    assert sorted(by_class) == [1, 2, 3] == sorted(expected)
    for unit_class, (count, area) in expected.items():
        assert by_class[unit_class][0] == count and by_class[unit_class][1] == pytest.approx(area, abs=1e-6)
    assert sum(r[9] for r in rows if r[1] == "class") == pytest.approx(100.0)
    county = [r for r in rows if r[1] == "county_class"]
    assert [(r[2], r[3], r[4]) for r in county] == [("500190", "青岚区", c) for c in (1, 2, 3)]
    subtypes = {r[6]: r[8] for r in rows if r[1] == "subtype"}
    store = GeoPackagePlanStore(plan_path)
    red_line = sum(z["overlap_km2"] for z in store.unit_zones() if z["subtype"] == "生态保护红线")
    assert subtypes["生态保护红线"] == pytest.approx(red_line, abs=1e-5)
    book = load_workbook(tmp_path / "统计.xlsx")
    assert book.sheetnames == ["按类别", "按区县", "按要素细类", "按单元细类"]
    subclasses: dict = {}
    for feature in units.getFeatures():
        key = (feature["unit_class"], feature["unit_subclass"] or "")
        count, area = subclasses.get(key, (0, 0.0))
        subclasses[key] = (count + 1, area + feature["area_km2"])
    assert (2, "园区型") in subclasses and (1, "生态保护红线") in subclasses
    by_subclass = {(r[4], r[6]): (r[7], r[8]) for r in rows if r[1] == "subclass"}
    assert sorted(by_subclass) == sorted(subclasses)
    for key, (count, area) in subclasses.items():
        assert by_subclass[key][0] == count and by_subclass[key][1] == pytest.approx(area, abs=1e-5)
    assert [c.value for c in book["按类别"]["A"]][1:] == ["优先保护单元", "重点管控单元", "一般管控单元", "合计"]
    layer = QgsVectorLayer(str(sample_dir / sample_spec["boundary"]["file"]), "乡镇街道", "ogr")
    district_km2 = sum(f.geometry().area() for f in layer.getFeatures()) / 1e6  # planar, in the sample's GK zone
    assert layer.crs().authid() == "EPSG:4544"
    assert book["按类别"]["C5"].value == pytest.approx(district_km2, abs=0.01)
    assert len(book["按区县"]._charts) == 1
    elements = {c.value for c in list(book["按要素细类"]["A"])[1:]}
    assert {"生态", "水环境", "大气环境", "开发边界与园区"} <= elements and not elements & {"ecology", "air"}
    run_alg("ecozone:unitstatistics", {"PLAN": str(plan_path), "OUTPUT_REPORT": str(tmp_path / "统计.html")})
    page = (tmp_path / "统计.html").read_text(encoding="utf-8")
    assert "<svg" in page and "青岚区" in page and "生态保护红线" in page


def test_statistics_follow_the_interface_language(run_alg, plan_path, tmp_path):
    run_alg("ecozone:unitstatistics", {"PLAN": str(plan_path), "OUTPUT_REPORT": str(tmp_path / "stats.xlsx")})
    book = load_workbook(tmp_path / "stats.xlsx")
    assert book.sheetnames == ["By class", "By county", "By element subtype", "By unit subclass"]
    assert [c.value for c in book["By class"]["A"]][1:] == [
        "priority protection unit",
        "key control unit",
        "general control unit",
        "Total",
    ]
    assert "ecology" in {c.value for c in book["By element subtype"]["A"]}
