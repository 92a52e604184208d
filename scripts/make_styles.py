"""Write the bundled QML styles (resources/styles) with PyQGIS, so they stay reproducible.

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_styles.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

STYLES = Path(__file__).resolve().parent.parent / "resources" / "styles"
CLASS_COLOURS = {1: "#3aa655", 2: "#e4572e", 3: "#f2c14e"}
CLASS_NAMES = {1: "优先保护单元", 2: "重点管控单元", 3: "一般管控单元"}
ZONE_CLASS_NAMES = {1: "优先保护区", 2: "重点管控区", 3: "一般管控区"}
UNIT_ALIASES = {
    "unit_uid": "单元标识",
    "unit_code": "环境管控单元编码",
    "unit_name": "环境管控单元名称",
    "unit_class": "管控单元分类",
    "county_code": "区县代码",
    "county_name": "所属区县",
    "elements": "要素属性",
    "rule": "划定规则",
    "area_km2": "面积（平方千米）",
    "method": "划定方法",
    "unit_subclass": "单元细类",
    "townships": "涉及乡镇",
}
ZONE_ALIASES = {
    "element": "环境要素",
    "zone_class": "管控类别",
    "subtype": "要素细类",
    "zone_code": "分区编码",
    "zone_name": "分区名称",
    "source_layer": "来源图层",
    "source_value": "来源取值",
}

ERROR_ALIASES = {
    "code": "问题代码",
    "category": "类别",
    "severity": "级别",
    "unit_code": "环境管控单元编码",
    "message": "说明与处理",
}
SEVERITY_STYLE = {"error": ("#d7191c", "错误"), "warning": ("#fdae61", "警告")}


def categorized(field: str, opacity: float, outline: str, names: dict) -> QgsCategorizedSymbolRenderer:
    categories = []
    for value, colour in CLASS_COLOURS.items():
        symbol = QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": outline, "outline_width": "0.3", "style": "solid"}
        )
        symbol.setOpacity(opacity)
        categories.append(QgsRendererCategory(value, symbol, names[value]))
    return QgsCategorizedSymbolRenderer(field, categories)


def labels(expression: str) -> QgsVectorLayerSimpleLabeling:
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    text = QgsTextFormat()
    text.setFont(QFont("Noto Sans CJK SC"))
    text.setSize(9)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    settings.setFormat(text)
    settings.placement = QgsPalLayerSettings.OverPoint
    return QgsVectorLayerSimpleLabeling(settings)


def layer_with(fields: dict[str, str]) -> QgsVectorLayer:
    spec = "&".join(f"field={name}:{kind}" for name, kind in fields.items())
    return QgsVectorLayer(f"MultiPolygon?crs=EPSG:4544&{spec}", "style", "memory")


def main() -> int:
    app = QgsApplication([], False)
    app.initQgis()
    STYLES.mkdir(parents=True, exist_ok=True)
    units = layer_with(
        {k: ("integer" if k == "unit_class" else "double" if k == "area_km2" else "string") for k in UNIT_ALIASES}
    )
    units.setRenderer(categorized("unit_class", 0.85, "#404040", CLASS_NAMES))
    units.setLabeling(labels('"unit_code" || \'\\n\' || "unit_name"'))
    units.setLabelsEnabled(True)
    for name, alias in UNIT_ALIASES.items():
        units.setFieldAlias(units.fields().indexOf(name), alias)
    units.saveNamedStyle(str(STYLES / "control_units.qml"))

    zones = layer_with({k: ("integer" if k == "zone_class" else "string") for k in ZONE_ALIASES})
    zones.setRenderer(categorized("zone_class", 0.45, "#606060", ZONE_CLASS_NAMES))
    for name, alias in ZONE_ALIASES.items():
        zones.setFieldAlias(zones.fields().indexOf(name), alias)
    zones.saveNamedStyle(str(STYLES / "element_zones.qml"))

    boundary = layer_with({"county_code": "string"})
    outline = QgsFillSymbol.createSimple(
        {
            "color": "0,0,0,0",
            "style": "no",
            "outline_color": "#5a5a5a",
            "outline_width": "0.26",
            "outline_style": "dash",
        }
    )
    boundary.setRenderer(QgsSingleSymbolRenderer(outline))
    boundary.saveNamedStyle(str(STYLES / "admin_boundary.qml"))

    errors = layer_with({k: "string" for k in ERROR_ALIASES})
    categories = []
    for value, (colour, label) in SEVERITY_STYLE.items():
        symbol = QgsFillSymbol.createSimple(
            {"color": "#55" + colour[1:], "outline_color": colour, "outline_width": "0.8", "style": "solid"}
        )
        categories.append(QgsRendererCategory(value, symbol, label))
    errors.setRenderer(QgsCategorizedSymbolRenderer("severity", categories))
    for name, alias in ERROR_ALIASES.items():
        errors.setFieldAlias(errors.fields().indexOf(name), alias)
    errors.saveNamedStyle(str(STYLES / "validation_errors.qml"))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
