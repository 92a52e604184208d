"""File layers are read through GDAL's columnar interface with what the feature path gives:
the same ids, geometries, attributes (in the layer's encoding) and messages."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsProcessingFeatureSourceDefinition,
    QgsVectorLayer,
)

from ecozone_plugin import qgis_adapters as qa
from ecozone_plugin.core import columnar
from ecozone_plugin.core.progress import Progress

SQUARE = "POLYGON((500000 3300000,501000 3300000,501000 3301000,500000 3301000,500000 3300000))"
BOWTIE = "POLYGON((502000 3300000,503000 3301000,503000 3300000,502000 3301000,502000 3300000))"


def write_layer(path, driver, epsg, rows, encoding=None):
    """A file layer with a text and an integer field; rows are (wkt or None, text, number)."""
    options = [f"ENCODING={encoding}"] if encoding else []
    # QGIS's OGR provider turns GDAL's shapefile recoding off for the whole process; a file
    # written so would hold UTF-8 bytes under a GBK .cpg.
    recoding = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    try:
        _write(path, driver, epsg, rows, options)
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", recoding)


def _write(path, driver, epsg, rows, options):
    source = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = source.CreateLayer("分区", srs, ogr.wkbPolygon, options=options)
    layer.CreateField(ogr.FieldDefn("名称", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("类别", ogr.OFTInteger))
    for wkt, text, number in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        if text is not None:
            feature.SetField("名称", text)
        if number is not None:
            feature.SetField("类别", number)
        if wkt is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    source = None  # noqa: F841 - closes the file


class Spy:
    """Counts the columnar reads (and can refuse them, to get the feature path)."""

    def __init__(self, monkeypatch, refuse=False):
        self.calls = 0
        real = columnar.read_shapes

        def read(*args, **kwargs):
            self.calls += 1
            if refuse:
                raise columnar.ColumnarUnavailable("refused by the test")
            return real(*args, **kwargs)

        monkeypatch.setattr(columnar, "read_shapes", read)


def read(layer, target_epsg=4544):
    target = QgsCoordinateReferenceSystem(f"EPSG:{target_epsg}")
    return qa.read_geometries(layer, target, QgsCoordinateTransformContext(), Progress(), "测试图层", ["名称", "类别"])


def both_paths(layer, monkeypatch, target_epsg=4544):
    spy = Spy(monkeypatch)
    fast = read(layer, target_epsg)
    assert spy.calls == 1
    Spy(monkeypatch, refuse=True)
    slow = read(layer, target_epsg)
    return fast, slow


def assert_same(fast, slow, tolerance=0.0):
    (fast_rows, fast_messages), (slow_rows, slow_messages) = fast, slow
    assert [fid for fid, _g, _a in fast_rows] == [fid for fid, _g, _a in slow_rows]
    assert [a for _f, _g, a in fast_rows] == [a for _f, _g, a in slow_rows]
    for (_f, g1, _a), (_f2, g2, _a2) in zip(fast_rows, slow_rows):
        assert g1.equals_exact(g2, tolerance), (g1.wkt[:80], g2.wkt[:80])
    assert [(m.code, m.params) for m in fast_messages] == [(m.code, m.params) for m in slow_messages]


def test_a_geopackage_comes_with_its_ids_attributes_repairs_and_skips(qgis_app, tmp_path, monkeypatch):
    path = tmp_path / "分区.gpkg"
    write_layer(
        path,
        "GPKG",
        4544,
        [(SQUARE, "青岚湖", 1), (None, "无图形", 2), ("POLYGON EMPTY", "", None), (BOWTIE, None, 3)],
    )
    layer = QgsVectorLayer(str(path), "分区", "ogr")
    fast, slow = both_paths(layer, monkeypatch)
    assert_same(fast, slow)
    rows, messages = fast
    assert [fid for fid, _g, _a in rows] == [1, 4]
    assert rows[0][2] == {"名称": "青岚湖", "类别": 1}
    assert rows[0][1].area == pytest.approx(1e6)
    assert rows[1][1].area == pytest.approx(5e5)  # the bowtie's two triangles
    assert rows[1][2]["类别"] == 3 and qa.text_value(rows[1][2]["名称"]) == ""
    assert [(m.code, m.params["fid"]) for m in messages] == [("EZ-D002", 2), ("EZ-D002", 3), ("EZ-D001", 4)]
    assert all(m.params["layer"] == "测试图层" for m in messages)


@pytest.mark.parametrize("with_cpg", [True, False])
def test_a_gbk_shapefile_keeps_its_chinese_text(qgis_app, tmp_path, monkeypatch, with_cpg):
    path = tmp_path / "水环境.shp"
    write_layer(path, "ESRI Shapefile", 4544, [(SQUARE, "水环境优先保护区", 1), (BOWTIE, "一般管控区", 3)], "GBK")
    assert (tmp_path / "水环境.cpg").read_text().strip() == "GBK"
    layer = QgsVectorLayer(str(path), "水环境", "ogr")
    if not with_cpg:
        (tmp_path / "水环境.cpg").unlink()
        layer = qa.reopen_with_encoding(QgsVectorLayer(str(path), "水环境", "ogr"), "GBK")
    fast, slow = both_paths(layer, monkeypatch)
    assert_same(fast, slow)
    assert [a["名称"] for _f, _g, a in fast[0]] == ["水环境优先保护区", "一般管控区"]
    assert [fid for fid, _g, _a in fast[0]] == [0, 1]


def test_a_layer_in_another_crs_is_moved_as_qgis_moves_it(qgis_app, tmp_path, monkeypatch):
    path = tmp_path / "经纬度.gpkg"
    rings = [
        "POLYGON((104.1 30.1,104.3 30.1,104.3 30.25,104.1 30.25,104.1 30.1))",
        "POLYGON((104.5 30.5,104.6 30.5,104.55 30.6,104.5 30.5))",
    ]
    write_layer(path, "GPKG", 4490, [(ring, f"区{n}", n) for n, ring in enumerate(rings)])
    layer = QgsVectorLayer(str(path), "经纬度", "ogr")
    fast, slow = both_paths(layer, monkeypatch, target_epsg=4544)
    assert_same(fast, slow, tolerance=0.002)  # both end on the 1 mm grid
    x, y = shapely.get_coordinates(fast[0][0][1]).mean(axis=0)
    assert 400000 < x < 500000 and 3300000 < y < 3400000  # 104°E lies west of CM 105°E in zone 35


def test_a_subset_an_edit_session_or_a_selection_is_read_feature_by_feature(qgis_app, tmp_path, monkeypatch):
    path = tmp_path / "分区.gpkg"
    write_layer(path, "GPKG", 4544, [(SQUARE, "甲", 1), (BOWTIE, "乙", 2)])
    layer = QgsVectorLayer(str(path), "分区", "ogr")
    assert qa.file_location(layer)[0] == str(path)
    layer.setSubsetString('"类别" = 2')
    assert qa.file_location(layer) is None
    spy = Spy(monkeypatch)
    rows, _messages = read(layer)
    assert spy.calls == 0 and [a["名称"] for _f, _g, a in rows] == ["乙"]
    layer.setSubsetString("")
    layer.startEditing()
    assert qa.file_location(layer) is None
    layer.rollBack()
    memory = QgsVectorLayer("Polygon?crs=EPSG:4544", "m", "memory")
    assert qa.file_location(memory) is None
    selected = QgsProcessingFeatureSourceDefinition(layer.id(), True)
    assert qa.whole_layer(selected, layer) is None
    assert qa.whole_layer(QgsProcessingFeatureSourceDefinition(layer.id(), False), layer) is layer
    assert qa.whole_layer(layer.id(), layer) is layer


def test_a_file_that_changed_since_qgis_counted_it_falls_back(qgis_app, tmp_path, monkeypatch):
    path = tmp_path / "分区.gpkg"
    write_layer(path, "GPKG", 4544, [(SQUARE, "甲", 1)])
    with pytest.raises(columnar.ColumnarUnavailable):
        columnar.read_shapes(str(path), None, 0, 2, Progress())
    fids, shapes = columnar.read_shapes(str(path), None, 0, 1, Progress())
    assert fids.tolist() == [1] and shapes[0].area == pytest.approx(1e6)
    with pytest.raises(columnar.ColumnarUnavailable):
        columnar.read_shapes(str(tmp_path / "missing.gpkg"), None, 0, 1, Progress())


def test_the_sample_zone_layers_read_alike_on_both_paths(qgis_app, sample_dir, monkeypatch, tmp_path):
    for source in sorted(sample_dir.glob("*.shp")) + sorted(sample_dir.glob("*.gpkg")):
        for extra in source.parent.glob(source.stem + ".*"):
            shutil.copy(extra, tmp_path / extra.name)
        layer = QgsVectorLayer(str(tmp_path / source.name), source.stem, "ogr")
        names = layer.fields().names()[:3]
        target = QgsCoordinateReferenceSystem("EPSG:4544")
        spy = Spy(monkeypatch)
        fast = qa.read_geometries(layer, target, QgsCoordinateTransformContext(), Progress(), source.stem, names)
        assert spy.calls == 1
        Spy(monkeypatch, refuse=True)
        slow = qa.read_geometries(layer, target, QgsCoordinateTransformContext(), Progress(), source.stem, names)
        assert len(fast[0]) == layer.featureCount() - sum(1 for m in fast[1] if m.code == "EZ-D002")
        assert np.all([r[0] == s[0] and r[2] == s[2] for r, s in zip(fast[0], slow[0])])
        assert all(r[1].equals_exact(s[1], 0.0) for r, s in zip(fast[0], slow[0]))
