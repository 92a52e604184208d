"""ecozone:screensite on the sample plan: sites in another CRS, every kind of geometry, bad input."""

from __future__ import annotations

import pytest
from plan_helpers import add_clause
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore


def plan_point(plan, table, expression):
    """A point inside the first feature of a plan table that matches, in the plan's CRS."""
    layer = QgsVectorLayer(f"{plan}|layername={table}", table, "ogr")
    layer.setSubsetString(expression)
    feature = next(layer.getFeatures())
    return feature.geometry().pointOnSurface(), feature, layer.crs()


def sites_layer(rows, crs="EPSG:4490", kind="Point"):
    layer = QgsVectorLayer(f"{kind}?crs={crs}&field=名称:string&field=行业:string", "选址", "memory")
    features = []
    for name, industry, geometry in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([name, industry])
        feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def to_geographic(geometry, source_crs):
    geometry = QgsGeometry(geometry)
    transform = QgsCoordinateTransform(source_crs, QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance())
    geometry.transform(transform)
    return geometry


def test_sites_get_verdicts_reasons_and_units(run_alg, plan_copy, tmp_path):
    store = GeoPackagePlanStore(plan_copy)
    add_clause(store, Clause("city", "", 1, "1-1", "禁止新建电镀项目"))  # 电镀 proposes 3360
    red, _zone, crs = plan_point(plan_copy, "element_zones", "subtype = '生态保护红线'")
    general, general_unit, _ = plan_point(plan_copy, "control_units", "unit_class = 3")
    rows = [
        ("红线内", "4411", to_geographic(red, crs)),
        ("电镀厂", "3360", to_geographic(general, crs)),
        ("电站", "4411", to_geographic(general, crs)),
        ("未知", "9999", to_geographic(general, crs)),
        ("范围外", "4411", QgsGeometry.fromWkt("POINT(80 10)")),
    ]
    result = run_alg(
        "ecozone:screensite",
        {
            "PLAN": str(plan_copy),
            "SITES": sites_layer(rows),
            "INDUSTRY_FIELD": "行业",
            "NAME_FIELD": "名称",
            "OUTPUT": str(tmp_path / "hits.gpkg"),
            "OUTPUT_SITES": str(tmp_path / "sites.gpkg"),
            "OUTPUT_REPORT": str(tmp_path / "report"),
        },
    )
    sites = {f["site_name"]: f for f in QgsVectorLayer(result["OUTPUT_SITES"], "s", "ogr").getFeatures()}
    assert {name: sites[name]["verdict"] for name in sites} == {
        "红线内": "判定不通过",
        "电镀厂": "判定不通过",
        "电站": "判定通过",
        "未知": "待补充信息",
        "范围外": "待补充信息",
    }
    assert "生态保护红线" in sites["红线内"]["reasons"]
    assert "市级条款 1-1【禁止类】涉及行业 3360" in sites["电镀厂"]["reasons"] and "推荐" in sites["电镀厂"]["reasons"]
    assert sites["电镀厂"]["industry_name"] == "金属表面处理及热处理加工"
    hits = [f for f in QgsVectorLayer(result["OUTPUT"], "h", "ogr").getFeatures()]
    plating = [f for f in hits if f["site_name"] == "电镀厂"]
    assert [(f["unit_code"], f["unit_class"], f["overlap"]) for f in plating] == [(general_unit["unit_code"], 3, 0.0)]
    assert "市级 全市 1-1" in plating[0]["clauses"]
    assert not [f for f in hits if f["site_name"] == "范围外"]
    assert QgsVectorLayer(result["OUTPUT"], "h", "ogr").crs().authid() == "EPSG:4544"  # the plan's CRS
    index = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert index.index("红线内") < index.index("电站")  # the worst first
    reports = sorted(p.name for p in (tmp_path / "report").glob("site_*.pdf"))
    assert reports == sorted(f"site_{f['site_fid']}.pdf" for f in sites.values())  # one page per site


def test_a_polygon_across_units_is_measured_and_a_bowtie_repaired(run_alg, plan_copy, tmp_path, feedback):
    units = QgsVectorLayer(f"{plan_copy}|layername=control_units", "u", "ogr")
    extent = units.extent()
    x0, y0 = extent.center().x(), extent.center().y()
    square = QgsGeometry.fromWkt(
        f"POLYGON(({x0} {y0},{x0 + 3000} {y0},{x0 + 3000} {y0 + 3000},{x0} {y0 + 3000},{x0} {y0}))"
    )
    bowtie = QgsGeometry.fromWkt(
        f"POLYGON(({x0} {y0},{x0 + 500} {y0 + 500},{x0 + 500} {y0},{x0} {y0 + 500},{x0} {y0}))"
    )
    layer = sites_layer([("大片", "", square), ("蝴蝶", "", bowtie)], crs="EPSG:4544", kind="Polygon")
    result = run_alg(
        "ecozone:screensite",
        {"PLAN": str(plan_copy), "SITES": layer, "INDUSTRY": "电镀", "OUTPUT": str(tmp_path / "hits.gpkg")},
        feedback,
    )
    every = list(QgsVectorLayer(result["OUTPUT"], "h", "ogr").getFeatures())
    hits = [f for f in every if f["site_fid"] == 1]
    assert len(hits) >= 2  # 9 km² in the middle of the district touch several units
    assert sum(f["overlap"] for f in hits) == pytest.approx(9.0, abs=1e-3)
    assert any("EZ-D001" in w for w in feedback.warnings)  # the bowtie was repaired, with a note


def test_an_empty_site_layer_is_refused_by_name(run_alg, plan_copy, tmp_path):
    with pytest.raises(QgsProcessingException, match="EZ-Y001"):
        run_alg(
            "ecozone:screensite",
            {"PLAN": str(plan_copy), "SITES": sites_layer([]), "INDUSTRY": "3011", "OUTPUT": str(tmp_path / "h.gpkg")},
        )
