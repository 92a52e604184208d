"""createplan, exportadmissionlist and importadmissionlist through processing.run on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsVectorLayer

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.plan.schema import SCHEMA_VERSION
from ecozone_plugin.core.plan.store import ClauseChange


def test_createplan_holds_units_boundary_zones_and_provenance(plan_path, derived, standardized):
    store = GeoPackagePlanStore(plan_path)
    derived_layer = QgsVectorLayer(derived["OUTPUT"], "units", "ogr")
    expected = sorted((f["unit_uid"], f["unit_code"], f["unit_class"]) for f in derived_layer.getFeatures())
    assert sorted((u.uid, u.code, u.unit_class) for u in store.units()) == expected
    info = store.info()
    assert (info["county_codes"], info["county_names"], info["min_area_km2"]) == ("500190", "青岚区", "0.1")
    assert info["crs"] == "EPSG:4544" and '"code_template"' in info["profile_json"]
    ds = gdal.OpenEx(str(plan_path), gdal.OF_VECTOR)
    boundary = ds.GetLayerByName("admin_boundary")
    assert boundary.GetFeatureCount() == 22
    first = boundary.GetNextFeature()
    assert first["county_code"] == "500190" and len(first["town_code"]) > 6 and first["town_name"]
    zone_count = sum(QgsVectorLayer(p, "z", "ogr").featureCount() for p in standardized)
    assert ds.GetLayerByName("element_zones").GetFeatureCount() == zone_count
    links = ds.ExecuteSQL(
        "SELECT u.unit_class AS c, count(*) AS n, sum(z.overlap_km2) AS a FROM unit_zone z "
        "JOIN control_units u USING (unit_uid) WHERE z.subtype = '生态保护红线' GROUP BY u.unit_class"
    )
    by_class = {f["c"]: (f["n"], f["a"]) for f in links}
    ds.ReleaseResultSet(links)
    assert list(by_class) == [1]  # the red line lies in priority units only
    red_line = ds.ExecuteSQL(
        "SELECT sum(ST_Area(geom)) / 1e6 AS a, sum(ST_Length(ST_ExteriorRing(geom))) AS p "
        "FROM element_zones WHERE subtype = '生态保护红线'"
    )
    row = red_line.GetNextFeature()
    red_line_area, perimeter_m = row["a"], row["p"]
    ds.ReleaseResultSet(red_line)
    # red-line polygons do not overlap; derivation works on the 1 mm grid, which moves a border by 1 mm at most
    assert by_class[1][1] == pytest.approx(red_line_area, abs=perimeter_m * 0.001 / 1e6)


def test_createplan_refuses_units_without_the_schema(run_alg, sample_dir, sample_spec, tmp_path):
    boundary = sample_spec["boundary"]
    with pytest.raises(QgsProcessingException, match="unit_uid"):
        run_alg(
            "ecozone:createplan",
            {
                "UNITS": str(sample_dir / boundary["file"]),
                "BOUNDARY": str(sample_dir / boundary["file"]),
                "COUNTY_CODE_FIELD": boundary["county_code_field"],
                "OUTPUT": str(tmp_path / "bad.gpkg"),
            },
        )
    assert not list(tmp_path.iterdir())


def test_createplan_refuses_zones_deriveunits_would_refuse(run_alg, derived, sample_dir, sample_spec, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry

    boundary = sample_spec["boundary"]
    zones = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:4544&field=element:string&field=zone_class:integer&field=subtype:string",
        "保护地",
        "memory",
    )
    feature = QgsFeature(zones.fields())
    feature.setGeometry(
        QgsGeometry.fromWkt("MultiPolygon(((500000 3300000, 501000 3300000, 501000 3301000, 500000 3300000)))")
    )
    feature["element"], feature["zone_class"], feature["subtype"] = "protectd", 1, "自然保护区"
    zones.dataProvider().addFeatures([feature])
    with pytest.raises(QgsProcessingException) as err:
        run_alg(
            "ecozone:createplan",
            {
                "UNITS": derived["OUTPUT"],
                "BOUNDARY": str(sample_dir / boundary["file"]),
                "COUNTY_CODE_FIELD": boundary["county_code_field"],
                "ZONES": [zones],
                "OUTPUT": str(tmp_path / "bad.gpkg"),
            },
        )
    assert "EZ-D019" in str(err.value) and "保护地" in str(err.value) and "'protectd'" in str(err.value)
    assert not list(tmp_path.iterdir())


def test_admission_list_round_trip_through_processing(run_alg, plan_copy, tmp_path):
    store = GeoPackagePlanStore(plan_copy)
    units = store.units()
    store.apply(
        [
            ClauseChange("add", Clause("city", "", 1, "1-1", "全市禁止新建、扩建化工园区。")),
            ClauseChange("add", Clause("county", "500190", 2, "2-1", "区内重点单元实施排污总量控制。", class_filter=2)),
            ClauseChange("add", Clause("unit", units[0].uid, 3, "3-1", "加强饮用水水源风险防控。")),
        ]
    )
    before = sorted((c.key, c.text) for c in store.clauses())
    book = tmp_path / "准入清单.xlsx"
    run_alg("ecozone:exportadmissionlist", {"PLAN": str(plan_copy), "OUTPUT": str(book)})
    appendix = load_workbook(book)["附表"]
    assert appendix.max_row == len(units) + 1
    result = run_alg("ecozone:importadmissionlist", {"PLAN": str(plan_copy), "INPUT": str(book)})
    assert (result["ADDED"], result["UPDATED"], result["REMOVED"], result["PROBLEMS"]) == (0, 0, 0, 0)
    assert sorted((c.key, c.text) for c in store.clauses()) == before


def test_import_with_problems_imports_nothing_unless_asked(run_alg, plan_copy, tmp_path, feedback):
    store = GeoPackagePlanStore(plan_copy)
    count = len(store.clauses())
    code = store.units()[1].code
    book = Workbook()
    ws = book.active
    ws.title = "单元级"
    ws.append(["层级", "范围编码", "适用类别", "维度", "条款编号", "条款内容", "行业代码"])
    ws.append(["单元级", "ZH000000", "", "空间布局约束", "1-1", "未知单元", ""])
    ws.append(["单元级", code, "", "资源利用效率", "4-1", "提高水资源利用效率。", "4610"])
    book.save(tmp_path / "bad.xlsx")
    parameters = {"PLAN": str(plan_copy), "INPUT": str(tmp_path / "bad.xlsx"), "MODE": 0}
    with pytest.raises(QgsProcessingException, match="ZH000000"):
        run_alg("ecozone:importadmissionlist", parameters)
    assert len(store.clauses()) == count
    result = run_alg("ecozone:importadmissionlist", {**parameters, "MODE": 1}, feedback=feedback)
    assert (result["ADDED"], result["PROBLEMS"]) == (1, 1)
    assert len(store.clauses()) == count + 1


def test_a_file_that_is_not_a_plan_is_named(run_alg, sample_dir, tmp_path):
    with pytest.raises(QgsProcessingException, match="EZ-T002"):
        run_alg(
            "ecozone:exportadmissionlist",
            {"PLAN": str(sample_dir / "生态空间.gpkg"), "OUTPUT": str(tmp_path / "x.xlsx")},
        )
    assert not (tmp_path / "x.xlsx").exists()


def test_algorithms_refuse_an_older_plan_until_it_is_upgraded(run_alg, plan_copy, tmp_path):
    from plan_helpers import downgrade_to_schema_1
    from qgis.core import QgsProcessingException

    downgrade_to_schema_1(plan_copy)
    before = plan_copy.read_bytes()
    with pytest.raises(QgsProcessingException) as err:
        run_alg("ecozone:exportadmissionlist", {"PLAN": str(plan_copy), "OUTPUT": str(tmp_path / "list.xlsx")})
    assert "EZ-T007" in str(err.value) and "ecozone:upgradeplan" in str(err.value)
    assert plan_copy.read_bytes() == before and not (tmp_path / "list.xlsx").exists()
    result = run_alg("ecozone:upgradeplan", {"PLAN": str(plan_copy)})
    assert Path(result["BACKUP"]).read_bytes() == before
    assert GeoPackagePlanStore(plan_copy).info()["schema_version"] == str(SCHEMA_VERSION)
    assert run_alg("ecozone:upgradeplan", {"PLAN": str(plan_copy)})["BACKUP"] == ""
    run_alg("ecozone:exportadmissionlist", {"PLAN": str(plan_copy), "OUTPUT": str(tmp_path / "list.xlsx")})
    assert (tmp_path / "list.xlsx").is_file()
