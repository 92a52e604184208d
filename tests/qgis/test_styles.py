"""Layer styles: aliases and value maps from the bilingual table, stored as the default style of the
plan's and the delivery GeoPackage's layers, so a QGIS that knows nothing of EcoZone shows them."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
import zipfile
from pathlib import Path

from plan_helpers import add_clause
from qgis.core import QgsProcessingContext, QgsProject, QgsVectorFileWriter, QgsVectorLayer
from qgis.PyQt.QtCore import QDir

from ecozone_plugin.algorithms.base import StyleLayer
from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.profile import load_profile
from ecozone_plugin.styles import save_default_styles

ROOT = Path(__file__).resolve().parents[2]


def shown(layer: QgsVectorLayer, field: str, value) -> str:
    """What the attribute table shows for a stored value of a field: the value map's name."""
    from qgis.core import QgsApplication

    index = layer.fields().indexOf(field)
    setup = layer.editorWidgetSetup(index)
    formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter(setup.type())
    return formatter.representValue(layer, index, setup.config(), None, value)


def default_styles(gpkg) -> dict:
    with sqlite3.connect(str(gpkg)) as conn:
        rows = conn.execute("SELECT f_table_name, useAsDefault FROM layer_styles").fetchall()
    return dict(rows)


def test_a_new_plan_carries_its_styles(plan_path):
    assert default_styles(plan_path) == {"control_units": 1, "admin_boundary": 1, "element_zones": 1}


def test_the_plans_layers_open_with_chinese_names_and_value_maps(plan_copy):
    assert save_default_styles(plan_copy, "zh") == []
    units = QgsVectorLayer(f"{plan_copy}|layername=control_units", "units", "ogr")  # nothing loaded by hand
    aliases = {f.name(): units.attributeDisplayName(i) for i, f in enumerate(units.fields())}
    assert aliases["unit_class"] == "管控单元分类" and aliases["unit_subclass"] == "单元细类"
    assert aliases["id"] == "要素编号"  # the GeoPackage's feature id column too
    assert all(aliases[f] != f for f in ("unit_uid", "unit_code", "townships", "area_km2", "rule", "method"))
    assert [shown(units, "unit_class", c) for c in (1, 2, 3)] == ["优先保护单元", "重点管控单元", "一般管控单元"]
    assert shown(units, "rule", "hard_priority") == "红线与保护地刚性保护"
    assert shown(units, "method", "overlay") == "叠加法"
    stored = {f["unit_class"] for f in units.getFeatures()}
    assert stored == {1, 2, 3}  # the stored values stay what they were
    assert units.renderer().type() == "categorizedSymbol"
    zones = QgsVectorLayer(f"{plan_copy}|layername=element_zones", "zones", "ogr")
    assert shown(zones, "element", "water") == "水环境" and shown(zones, "zone_class", 2) == "重点管控区"
    assert zones.attributeDisplayName(zones.fields().indexOf("subtype")) == "要素细类"


def test_english_styles_for_an_english_interface(plan_copy):
    save_default_styles(plan_copy, "en")
    units = QgsVectorLayer(f"{plan_copy}|layername=control_units", "units", "ogr")
    assert shown(units, "unit_class", 2) == "key control unit"
    assert units.attributeDisplayName(units.fields().indexOf("unit_subclass")) == "Unit subclass"
    assert len(default_styles(plan_copy)) == 3  # saved again, not a second default per table


def test_the_delivery_geopackage_opens_styled_on_its_delivery_field_names(run_alg, plan_copy, tmp_path):
    store = GeoPackagePlanStore(plan_copy)
    for d in (1, 2, 3, 4):
        add_clause(store, Clause("city", "", d, f"{d}-1", f"全市第{d}维度要求"))
    target = tmp_path / "pkg.zip"
    run_alg("ecozone:exportfiling", {"PLAN": str(plan_copy), "FORMATS": ["gpkg"], "OUTPUT": str(target), "FORCE": True})
    with zipfile.ZipFile(target) as archive:
        archive.extract("data/control_units.gpkg", tmp_path)
    gpkg = tmp_path / "data" / "control_units.gpkg"
    assert default_styles(gpkg) == {"control_units": 1, "admin_boundary": 1, "element_zones": 1}
    field_map = load_profile("default")["field_map"]
    units = QgsVectorLayer(f"{gpkg}|layername=control_units", "units", "ogr")
    class_field = field_map["unit_class"]
    assert units.fields().indexOf(class_field) >= 0
    assert units.attributeDisplayName(units.fields().indexOf(class_field)) == "管控单元分类"
    assert shown(units, class_field, 1) == "优先保护单元"
    assert units.renderer().classAttribute() == class_field
    symbols = {category.value() for category in units.renderer().categories()}
    assert {str(v) for v in symbols} >= {"1", "2", "3"}


def test_a_loaded_output_keeps_its_chinese_name_wherever_its_file_lies(request):
    """QGIS names a loaded output after its file (units.gpkg → "units") unless it lies in the
    temporary folder, by its "prefer the file name" setting; EcoZone's outputs keep their names."""
    # a folder outside Qt's temporary folder (the clone's build/, else the user's cache or /var/tmp)
    candidates = [ROOT / "build", Path.home() / ".cache", Path("/var/tmp")]
    parent = next(p for p in candidates if not str(p.resolve()).startswith(QDir.tempPath()))
    folder = parent / f"ecozone-test-names-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    path = folder / "units.gpkg"
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4544", "x", "memory")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    written = QgsVectorFileWriter.writeAsVectorFormatV2(
        layer, str(path), QgsProject.instance().transformContext(), options
    )
    assert written[0] == QgsVectorFileWriter.WriterError.NoError
    context = QgsProcessingContext()
    context.addLayerToLoadOnCompletion(str(path), QgsProcessingContext.LayerDetails("", QgsProject.instance()))
    StyleLayer.attach(context, str(path), "units", display_name="环境管控单元")
    loaded = QgsVectorLayer(str(path), "", "ogr")
    assert not loaded.isTemporary()
    context.layerToLoadOnCompletionDetails(str(path)).setOutputLayerName(loaded)
    assert loaded.name() == "环境管控单元"
