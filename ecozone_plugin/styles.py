"""The plugin's layer styles: the bundled QML, field aliases and value maps from the bilingual table
(core/terms.py), and the default style a GeoPackage carries in its layer_styles table.

Value maps show a stored value by its name (unit_class 1 as 优先保护单元, rule key_zone as
重点管控区叠加) and never change what is stored.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsEditorWidgetSetup, QgsVectorLayer

from .core import schema
from .core.terms import CODED_FIELDS, TABLE_FIELDS, field_name, terms
from .paths import resource

# Per layer kind: its QML and the terms table (core/terms.py) its fields come from.
KINDS = {
    "control_units": ("control_units.qml", "units"),
    "element_zones": ("element_zones.qml", "zones"),
    "admin_boundary": ("admin_boundary.qml", "boundary"),
    "findings": ("validation_errors.qml", "findings"),
    "changes": ("changes.qml", "changes"),
}
# The GeoPackage tables of a plan (and of a filing's delivery GeoPackage) and their kinds.
PLAN_TABLES = {"control_units": "control_units", "element_zones": "element_zones", "admin_boundary": "admin_boundary"}
FEATURE_ID = {"zh": "要素编号", "en": "Feature id"}
STYLE_DESCRIPTIONS = {
    "control_units": "EcoZone 环境管控单元",
    "element_zones": "EcoZone 要素管控分区",
    "admin_boundary": "EcoZone 行政边界",
    "findings": "EcoZone 检查问题",
    "changes": "EcoZone 版本变化图斑",
}
# The tables of an update filing's changes/changes.gpkg.
CHANGE_TABLES = {"changes": "changes"}


def style_layer(layer: QgsVectorLayer, kind: str, lang: str, renames: dict | None = None) -> None:
    """Load the kind's QML and give the layer's fields their names and value maps in lang; ``renames``
    maps schema field names to the layer's (a filing's delivery names)."""
    qml, _table = KINDS[kind]
    layer.loadNamedStyle(str(resource("styles", qml)))
    renames = renames or {}
    if renames:
        _rename_style_fields(layer, renames)
    describe_fields(layer, kind, lang, renames)


def describe_fields(layer: QgsVectorLayer, kind: str, lang: str, renames: dict | None = None) -> None:
    """Aliases for every field the kind's schema knows, value maps for its coded fields."""
    _qml, table = KINDS[kind]
    renames = renames or {}
    fields = layer.fields()
    for key in ("id", "fid"):  # the GeoPackage's feature id column
        index = fields.indexOf(key)
        if index >= 0:
            layer.setFieldAlias(index, FEATURE_ID[lang_key(lang)])
    for name in schema.names(TABLE_FIELDS[table]):
        index = fields.indexOf(renames.get(name, name))
        if index < 0:
            continue
        layer.setFieldAlias(index, field_name(table, name, lang))
        coded = CODED_FIELDS[table].get(name)
        if coded:
            entries = [{label: str(value)} for value, label in terms(coded, lang).items()]
            layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("ValueMap", {"map": entries}))


def lang_key(lang: str) -> str:
    return "zh" if (lang or "").lower().startswith("zh") else "en"


def _rename_style_fields(layer: QgsVectorLayer, renames: dict) -> None:
    """Point the renderer and the labels at the layer's field names where they differ from the style's."""
    names = layer.fields().names()
    renderer = layer.renderer()
    if hasattr(renderer, "classAttribute") and renderer.classAttribute() in renames:
        new = renames[renderer.classAttribute()]
        if new in names:
            renderer.setClassAttribute(new)
    labeling = layer.labeling()
    if labeling is not None and hasattr(labeling, "settings"):
        settings = labeling.settings()
        expression = settings.fieldName
        for old, new in renames.items():
            if new in names:
                expression = expression.replace(f'"{old}"', f'"{new}"')
        settings.fieldName = expression
        labeling.setSettings(settings)


def save_default_styles(
    gpkg: str | Path, lang: str, renames: dict | None = None, tables: dict | None = None
) -> list[tuple[str, str]]:
    """Store each table's style (``tables``: table -> kind, the plan's by default) as its default in the
    GeoPackage's layer_styles, so any QGIS that opens the file shows the classes, value maps and
    aliases; returns (table, error) for each style that could not be stored."""
    tables = PLAN_TABLES if tables is None else tables
    _forget_styles(gpkg, list(tables))
    problems = []
    for table, kind in tables.items():
        layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
        if not layer.isValid():
            continue
        style_layer(layer, kind, lang, renames)
        error = layer.saveStyleToDatabase(table, STYLE_DESCRIPTIONS[kind], True, "")
        if error:
            problems.append((table, error))
        del layer
    return problems


def _forget_styles(gpkg: str | Path, tables: list[str]) -> None:
    """Remove the tables' stored styles: QGIS 3.22 asks in a dialog before it replaces a style of the
    same name, which would stop a Processing run or a background task."""
    from osgeo import ogr

    dataset = ogr.Open(str(gpkg), 1)
    if dataset is None or dataset.GetLayerByName("layer_styles") is None:
        return
    for table in tables:  # the plan's own table names (PLAN_TABLES, CHANGE_TABLES), never user text
        dataset.ExecuteSQL(f"DELETE FROM layer_styles WHERE f_table_name = '{table}'")
    dataset = None


def delivery_styles(gpkg: Path, field_map: dict) -> list[tuple[str, str]]:
    """The styles of a filing's delivery GeoPackage: in Chinese, the language of the filing, on the
    profile's delivery field names (an update's changes.gpkg keeps the schema's names)."""
    if Path(gpkg).name == "changes.gpkg":
        return save_default_styles(gpkg, "zh", None, CHANGE_TABLES)
    return save_default_styles(gpkg, "zh", field_map)
