"""ecozone:standardizezones through processing.run on the sample and on crafted layers."""

from __future__ import annotations

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer


def features(path):
    layer = QgsVectorLayer(str(path), "x", "ogr")
    assert layer.isValid(), path
    return layer, list(layer.getFeatures())


def memory_layer(crs, rows, field="类别", name="测试图层"):
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}&field={field}:string", name, "memory")
    feats = []
    for wkt, value in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f[field] = value
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


SQUARE = "MultiPolygon(((500000 3300000, 501000 3300000, 501000 3301000, 500000 3301000, 500000 3300000)))"
BOWTIE = "MultiPolygon(((502000 3300000, 503000 3301000, 503000 3300000, 502000 3301000, 502000 3300000)))"


def test_sample_layers_become_the_standard_schema(standardized):
    seen = {}
    for path in standardized:
        layer, feats = features(path)
        assert [f.name() for f in layer.fields()][1:8] == [
            "element",
            "zone_class",
            "subtype",
            "zone_code",
            "zone_name",
            "source_layer",
            "source_value",
        ]
        assert layer.crs().authid() == "EPSG:4544"
        for f in feats:
            seen.setdefault(f["element"], set()).add((f["zone_class"], f["subtype"]))
    assert seen["water"] == {
        (1, "水环境优先保护区"),
        (2, "水环境工业污染重点管控区"),
        (2, "水环境农业污染重点管控区"),
        (3, "水环境一般管控区"),
    }
    # GBK shapefile without .cpg, read with SOURCE_ENCODING=GBK
    assert (1, "农用地优先保护区") in seen["soil"] and (2, "建设用地污染风险重点管控区") in seen["soil"]
    assert seen["noise"] >= {(1, "声环境0类功能区"), (3, "声环境1类功能区"), (2, "声环境4a类功能区")}
    assert {s for c, s in seen["protected"]} >= {"饮用水水源保护区", "自然保护区", "森林公园"}
    assert seen["development"] == {(2, "城镇开发边界"), (2, "产业园区")}
    assert (1, "生态保护红线") in seen["ecology"]


def test_gbk_shapefile_without_cpg_is_refused_without_the_encoding(run_alg, sample_dir, tmp_path):
    with pytest.raises(QgsProcessingException) as err:
        run_alg(
            "ecozone:standardizezones",
            {
                "INPUT": str(sample_dir / "土壤环境管控分区.shp"),
                "ELEMENT": "soil",
                "CLASS_FIELD": "类型",
                "OUTPUT": str(tmp_path / "x.gpkg"),
            },
        )
    assert "EZ-S010" in str(err.value) and "类型" in str(err.value) and "SOURCE_ENCODING=GBK" in str(err.value)


def test_unknown_values_are_listed_or_mapped_to_the_chosen_class(run_alg, feedback, tmp_path):
    layer = memory_layer("EPSG:4544", [(SQUARE, "甲级"), (SQUARE, "乙级"), (SQUARE, "优先保护区")])
    with pytest.raises(QgsProcessingException) as err:
        run_alg(
            "ecozone:standardizezones",
            {"INPUT": layer, "ELEMENT": "water", "CLASS_FIELD": "类别", "OUTPUT": str(tmp_path / "a.gpkg")},
        )
    assert "EZ-S001" in str(err.value) and "'甲级'" in str(err.value) and "'乙级'" in str(err.value)
    assert "测试图层" in str(err.value)
    assert not (tmp_path / "a.gpkg").exists()
    result = run_alg(
        "ecozone:standardizezones",
        {
            "INPUT": layer,
            "ELEMENT": "water",
            "CLASS_FIELD": "类别",
            "MAPPING": '{"甲级": [2, "水环境工业污染重点管控区"]}',
            "UNMAPPED_CLASS": 3,
            "OUTPUT": str(tmp_path / "b.gpkg"),
        },
        feedback,
    )
    _layer, feats = features(result["OUTPUT"])
    assert [(f["zone_class"], f["subtype"], f["source_value"]) for f in feats] == [
        (2, "水环境工业污染重点管控区", "甲级"),
        (3, "水环境一般管控区", "乙级"),
        (1, "水环境优先保护区", "优先保护区"),
    ]
    assert any("EZ-S004" in w for w in feedback.warnings)


def test_mapping_file_and_invalid_geometry_repair(run_alg, feedback, tmp_path):
    mapping = tmp_path / "映射.csv"
    mapping.write_text("value,class,subtype\n甲级,1,大气环境优先保护区\n", encoding="utf-8")
    layer = memory_layer("EPSG:4544", [(SQUARE, "甲级"), (BOWTIE, "甲级")])
    (tmp_path / "中文路径").mkdir()
    result = run_alg(
        "ecozone:standardizezones",
        {
            "INPUT": layer,
            "ELEMENT": "air",
            "CLASS_FIELD": "类别",
            "MAPPING_FILE": str(mapping),
            "OUTPUT": str(tmp_path / "中文路径" / "c.gpkg"),
        },
        feedback,
    )
    _layer, feats = features(result["OUTPUT"])
    assert len(feats) == 2
    assert all(f.geometry().isGeosValid() for f in feats)
    assert feats[1].geometry().area() == pytest.approx(500_000.0)  # two triangles of the bowtie
    assert any("EZ-D001" in w and "测试图层" in w for w in feedback.warnings)


def test_reprojection_and_crs_warnings(run_alg, feedback, tmp_path):
    geographic = memory_layer(
        "EPSG:4490", [("MultiPolygon(((105 29.8, 105.01 29.8, 105.01 29.81, 105 29.81, 105 29.8)))", "1")]
    )
    result = run_alg(
        "ecozone:standardizezones",
        {"INPUT": geographic, "ELEMENT": "air", "CLASS_FIELD": "类别", "OUTPUT": str(tmp_path / "d.gpkg")},
        feedback,
    )
    layer, feats = features(result["OUTPUT"])
    assert layer.crs().authid() == "EPSG:4544"
    assert 500_000 - 10 < feats[0].geometry().boundingBox().xMinimum() < 500_000 + 10
    xian = memory_layer("EPSG:2383", [(SQUARE, "1")])  # Xian 1980 / 3-degree GK CM 105E
    run_alg(
        "ecozone:standardizezones",
        {"INPUT": xian, "ELEMENT": "air", "CLASS_FIELD": "类别", "OUTPUT": str(tmp_path / "e.gpkg")},
        feedback,
    )
    assert any("EZ-S002" in w for w in feedback.warnings)
    prefixed = memory_layer("EPSG:4544", [(SQUARE.replace("500000", "35500000").replace("501000", "35501000"), "1")])
    run_alg(
        "ecozone:standardizezones",
        {
            "INPUT": prefixed,
            "ELEMENT": "air",
            "CLASS_FIELD": "类别",
            "TARGET_CRS": QgsCoordinateReferenceSystem("EPSG:4544"),
            "OUTPUT": str(tmp_path / "f.gpkg"),
        },
        feedback,
    )
    assert any("EZ-S003" in w and "4523" in w for w in feedback.warnings)


def test_missing_class_field_is_explained(run_alg, tmp_path):
    layer = memory_layer("EPSG:4544", [(SQUARE, "1")])
    with pytest.raises(QgsProcessingException) as err:
        run_alg("ecozone:standardizezones", {"INPUT": layer, "ELEMENT": "water", "OUTPUT": str(tmp_path / "g.gpkg")})
    assert "测试图层" in str(err.value)
    with pytest.raises(QgsProcessingException) as err:
        run_alg(
            "ecozone:standardizezones",
            {"INPUT": layer, "ELEMENT": "water", "CLASS_FIELD": "没有", "OUTPUT": str(tmp_path / "h.gpkg")},
        )
    assert "没有" in str(err.value)


def test_empty_layer_gives_an_empty_output_with_a_message(run_alg, feedback, tmp_path):
    layer = memory_layer("EPSG:4544", [])
    result = run_alg(
        "ecozone:standardizezones",
        {"INPUT": layer, "ELEMENT": "protected", "OUTPUT": str(tmp_path / "i.gpkg")},
        feedback,
    )
    assert features(result["OUTPUT"])[1] == []
    assert [w[:9] for w in feedback.warnings] == ["[EZ-D003]"]


def test_bad_mapping_and_profile_are_explained(run_alg, sample_dir, tmp_path):
    layer = memory_layer("EPSG:4544", [(SQUARE, "1")])
    with pytest.raises(QgsProcessingException) as err:
        run_alg(
            "ecozone:standardizezones",
            {
                "INPUT": layer,
                "ELEMENT": "water",
                "CLASS_FIELD": "类别",
                "MAPPING": "{甲: 1",
                "OUTPUT": str(tmp_path / "j.gpkg"),
            },
        )
    assert "EZ-S005" in str(err.value)
    with pytest.raises(QgsProcessingException) as err:
        run_alg(
            "ecozone:deriveunits",
            {
                "BOUNDARY": str(sample_dir / "乡镇街道.gpkg"),
                "COUNTY_CODE_FIELD": "区县代码",
                "ZONES": [layer],
                "PROFILE": "no-such-province",
                "OUTPUT": str(tmp_path / "k.gpkg"),
            },
        )
    assert "EZ-P001" in str(err.value) and "default" in str(err.value)


def test_bare_noise_digits_are_refused_unless_a_mapping_says_what_they_mean(run_alg, tmp_path):
    squares = [
        f"MultiPolygon((({x} 3300000, {x + 900} 3300000, {x + 900} 3300900, {x} 3300000)))"
        for x in (500_000, 501_000, 502_000)
    ]
    layer = memory_layer("EPSG:4544", list(zip(squares, ("1", "3", "4a类"))), name="声环境功能区划")
    base = {"INPUT": layer, "ELEMENT": "noise", "CLASS_FIELD": "类别", "TARGET_CRS": "EPSG:4544"}
    with pytest.raises(QgsProcessingException) as err:
        run_alg("ecozone:standardizezones", {**base, "OUTPUT": str(tmp_path / "never.gpkg")})
    assert "EZ-S009" in str(err.value) and "'1', '3'" in str(err.value) and "声环境功能区划" in str(err.value)
    mapping = '{"1": [3, "声环境1类功能区"], "3": [2, "声环境3类功能区"]}'
    result = run_alg("ecozone:standardizezones", {**base, "MAPPING": mapping, "OUTPUT": str(tmp_path / "noise.gpkg")})
    out = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    assert sorted((f["zone_class"], f["subtype"]) for f in out.getFeatures()) == [
        (2, "声环境3类功能区"),
        (2, "声环境4a类功能区"),
        (3, "声环境1类功能区"),
    ]


def test_the_element_choice_names_the_elements_and_keeps_the_key(qgis_app, chinese_ui):
    from processing.gui.wrappers import WidgetWrapperFactory
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().createAlgorithmById("ecozone:standardizezones")
    wrapper = WidgetWrapperFactory.create_wrapper(alg.parameterDefinition("ELEMENT"), None)
    combo = wrapper.widget
    items = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    assert items[:3] == [("生态（ecology）", "ecology"), ("水环境（water）", "water"), ("大气环境（air）", "air")]
    assert len(items) == 8 and wrapper.value() == "water"  # the default, as its key
    wrapper.setValue("noise")
    assert combo.currentText() == "声环境（noise）" and wrapper.value() == "noise"
