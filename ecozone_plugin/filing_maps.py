"""The filing maps: the bundled print layout filled with the plan's layers and exported to PDF.

Print layouts render on the GUI thread, so the export algorithm that calls this runs there
(it is flagged not to run in a background thread).
"""

from __future__ import annotations

import html
import math
import re
from datetime import date
from pathlib import Path

from qgis.core import (
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QFont, QFontDatabase
from qgis.PyQt.QtXml import QDomDocument

from .core.progress import Progress
from .core.terms import term
from .paths import resource
from .styles import style_layer

LABEL_MIN_PART_MM = 12.0  # a unit's part this large on the map (mm) carries the unit's label
SUMMARY_GAP_MM = 6.0
SUMMARY_HEIGHT_MM = 40.0
LEGEND_TITLE_MM, LEGEND_ROW_MM = 12.0, 6.5
ROUND_SCALE_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
FONT_CHOICES = ("Noto Sans CJK SC", "Microsoft YaHei", "微软雅黑", "SimSun", "宋体")


def map_font_family() -> str:
    """Noto Sans CJK SC where installed, else the Chinese fonts Windows has."""
    families = set(QFontDatabase().families())
    return next((f for f in FONT_CHOICES if f in families), FONT_CHOICES[0])


def fitted(extent: QgsRectangle, aspect: float, margin: float = 0.03) -> QgsRectangle:
    """The extent grown to the item's aspect (width / height) plus a margin, so setExtent keeps the item's size."""
    grown = extent.buffered(max(extent.width(), extent.height()) * margin)
    width, height = grown.width(), grown.height()
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    centre = grown.center()
    return QgsRectangle(
        centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2
    )


class FilingMaps:
    """Renders the PDFs of one plan."""

    def __init__(self, plan_path: str, info: dict, element_maps: bool = False):
        self.plan_path = plan_path
        self.info = info
        self.element_maps = element_maps
        self.font = map_font_family()

    def __call__(self, folder: Path, progress: Progress) -> list[Path]:
        county = "、".join(n for n in self.info.get("county_names", "").split(";") if n)
        project = QgsProject()
        units = self._copy("control_units", "环境管控单元")
        towns = self._copy("admin_boundary", "乡镇（街道）界")
        counties = county_lines(towns)
        for layer in (units, towns, counties):
            project.addMapLayer(layer)
        summary = summary_html(units)
        written = [
            self._render(
                project, folder / "control_units.pdf", [counties, towns, units], f"{county}环境管控单元图", summary
            )
        ]
        if self.element_maps:
            source = QgsVectorLayer(f"{self.plan_path}|layername=element_zones", "zones", "ogr")
            elements = sorted({str(f["element"]) for f in source.getFeatures()})
            del source
            for n, element in enumerate(elements):
                progress.check()
                progress.set_progress(100.0 * (n + 1) / (len(elements) + 1))
                name = term("element_title", element, "zh")
                zones = self._copy("element_zones", name, f"\"element\" = '{element}'")
                project.addMapLayer(zones)
                path = folder / f"element_{element}.pdf"
                written.append(self._render(project, path, [counties, towns, zones], f"{county}{name}图"))
                project.removeMapLayer(zones.id())
        project.clear()
        return written

    def _copy(self, table: str, name: str, expression: str = "") -> QgsVectorLayer:
        """A styled in-memory copy: the maps are drawn without holding the plan's file open."""
        source = QgsVectorLayer(f"{self.plan_path}|layername={table}", name, "ogr")
        request = QgsFeatureRequest()
        if expression:
            request.setFilterExpression(expression)
        layer = source.materialize(request)
        layer.setName(name)
        style_layer(layer, table, "zh")
        return layer

    def _render(
        self, project: QgsProject, path: Path, layers: list[QgsVectorLayer], title: str, summary: str = ""
    ) -> Path:
        """One A3 map: the layers (the first drawn on top) fitted to the last one, at a round scale."""
        subject = layers[-1]
        project.setCrs(subject.crs())
        layout = QgsPrintLayout(project)
        document = QDomDocument()
        document.setContent(resource("layouts", "control_units.qpt").read_text(encoding="utf-8"))
        layout.loadFromTemplate(document, QgsReadWriteContext())
        county = "、".join(n for n in self.info.get("county_names", "").split(";") if n)
        map_item = next(i for i in layout.items() if isinstance(i, QgsLayoutItemMap))
        map_item.setCrs(subject.crs())
        map_item.setLayers(layers)
        map_item.setKeepLayerSet(True)
        map_item.setExtent(fitted(subject.extent(), map_item.rect().width() / map_item.rect().height()))
        map_item.setScale(round_scale(map_item.scale()))
        if subject.labelsEnabled():  # a label on every part large enough at this scale
            labels = part_labels(subject, map_item.scale())
            project.addMapLayer(labels, False)
            map_item.setLayers([labels] + layers)
        for name, value in (
            ("ecozone_title", title),
            ("ecozone_county", county),
            ("ecozone_compiled_by", self.info.get("compiled_by") or "—"),
            ("ecozone_date", date.today().strftime("%Y年%m月%d日")),
            ("ecozone_crs", crs_text(subject.crs())),
            ("ecozone_scale", f"1:{round(map_item.scale()):,}"),
        ):
            QgsExpressionContextUtils.setLayoutVariable(layout, name, value)
        legend = next(i for i in layout.items() if isinstance(i, QgsLayoutItemLegend))
        for item in layout.items():
            if isinstance(item, QgsLayoutItemLegend):
                root = item.model().rootGroup()
                root.clear()
                for layer in reversed(layers):  # the subject first, the boundary lines after it
                    root.addLayer(layer)
                for style in (
                    QgsLegendStyle.Title,
                    QgsLegendStyle.Group,
                    QgsLegendStyle.Subgroup,
                    QgsLegendStyle.SymbolLabel,
                ):
                    font = QFont(self.font, 14 if style == QgsLegendStyle.Title else 10)
                    item.setStyleFont(style, font)
                item.adjustBoxSize()
            elif isinstance(item, QgsLayoutItemLabel):
                font = item.font()
                font.setFamily(self.font)
                item.setFont(font)
            elif isinstance(item, QgsLayoutItemScaleBar):
                text = item.textFormat()
                text.setFont(QFont(self.font, 9))
                item.setTextFormat(text)
                item.update()
            elif isinstance(item, QgsLayoutItemPicture):
                item.setPicturePath(str(resource("icons", "north_arrow.svg")))
        self._place_summary(layout, legend, summary)
        exporter = QgsLayoutExporter(layout)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = 200
        result = exporter.exportToPdf(str(path), settings)
        if result != QgsLayoutExporter.Success:
            raise RuntimeError(f"PDF export failed ({result}): {exporter.errorMessage()}")
        return path

    def _place_summary(self, layout: QgsPrintLayout, legend: QgsLayoutItemLegend, summary: str) -> None:
        """The table of units and areas by class, under the legend (removed when there is none)."""
        item = layout.itemById("summary")
        if item is None:
            return
        if not summary:
            layout.removeLayoutItem(item)
            return
        item.setMode(QgsLayoutItemLabel.ModeHtml)
        item.setText(summary.replace("{font}", self.font))
        # centred between the legend and the place and date block; the legend's drawn height is
        # not known before export, so it is reckoned from its entries
        model = legend.model()
        rows = 0
        for node in model.rootGroup().findLayers():
            entries = len(model.layerLegendNodes(node))
            rows += entries + (1 if entries > 1 else 0)  # a layer with classes has a heading row
        legend_bottom = legend.positionWithUnits().y() + LEGEND_TITLE_MM + LEGEND_ROW_MM * rows
        block_top = layout.itemById("county").positionWithUnits().y()
        top = max(legend_bottom + SUMMARY_GAP_MM, (legend_bottom + block_top - SUMMARY_HEIGHT_MM) / 2)
        item.attemptMove(QgsLayoutPoint(legend.positionWithUnits().x(), top, QgsUnitTypes.LayoutMillimeters))
        item.attemptResize(QgsLayoutSize(85, SUMMARY_HEIGHT_MM, QgsUnitTypes.LayoutMillimeters))


def part_labels(units: QgsVectorLayer, scale: float) -> QgsVectorLayer:
    """Label points of a unit layer: its largest part says code and name, every other part as large
    on paper as LABEL_MIN_PART_MM square says its code, so scattered parts are never anonymous."""
    min_m2 = (LABEL_MIN_PART_MM / 1000.0 * scale) ** 2
    layer = QgsVectorLayer(f"Point?crs={units.crs().authid()}&field=label:string", "labels", "memory")
    features = []
    for unit in units.getFeatures():
        if not unit.hasGeometry():
            continue
        parts = sorted(unit.geometry().asGeometryCollection(), key=lambda g: -g.area())
        for n, part in enumerate(parts):
            if n and part.area() < min_m2:
                break
            point, _distance = part.poleOfInaccessibility(max(1.0, math.sqrt(part.area()) / 100))
            feature = QgsFeature(layer.fields())
            feature.setAttributes([f"{unit['unit_code']}\n{unit['unit_name']}" if n == 0 else str(unit["unit_code"])])
            feature.setGeometry(point)
            features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.setRenderer(
        QgsSingleSymbolRenderer(
            QgsMarkerSymbol.createSimple({"name": "circle", "size": "0", "color": "0,0,0,0", "outline_style": "no"})
        )
    )
    settings = QgsPalLayerSettings(units.labeling().settings())
    settings.fieldName = "label"
    settings.isExpression = False
    settings.placement = QgsPalLayerSettings.OverPoint
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    units.setLabelsEnabled(False)
    return layer


def round_scale(scale: float) -> float:
    """The next round scale at or above ``scale`` (1:25,000, 1:30,000, 1:40,000, …), so the whole
    extent still fits and the numeric scale reads as a map's does."""
    if scale <= 0:
        return scale
    magnitude = 10 ** math.floor(math.log10(scale))
    for step in ROUND_SCALE_STEPS:
        if step * magnitude >= scale - 1e-6:
            return step * magnitude
    return 10 * magnitude


def crs_text(crs) -> str:
    """A CRS as a Chinese map states it: 2000国家大地坐标系 3度带高斯-克吕格投影 中央经线105°E (EPSG:4544)."""
    description = crs.description() or ""
    lowered = description.lower()
    authid = f"（{crs.authid()}）" if crs.authid() else ""
    if "cgcs2000" not in lowered:
        return f"{description}{authid}"
    parts = ["2000国家大地坐标系"]
    if "gauss" in lowered or "gk" in lowered.split():
        band = "3度带" if "3-degree" in lowered else "6度带" if "6-degree" in lowered else ""
        parts.append(f"{band}高斯-克吕格投影")
        meridian = re.search(r"\+lon_0=(-?[\d.]+)", crs.toProj() or "")
        if meridian:
            parts.append(f"中央经线{float(meridian.group(1)):g}°E")
    elif crs.isGeographic():
        parts.append("地理坐标")
    return " ".join(parts) + authid


def county_lines(towns: QgsVectorLayer) -> QgsVectorLayer:
    """The county outlines, dissolved from the township boundary, as a styled memory layer."""
    layer = QgsVectorLayer(f"MultiPolygon?crs={towns.crs().authid()}&field=county_code:string", "区县界", "memory")
    parts: dict[str, list[QgsGeometry]] = {}
    for feature in towns.getFeatures():
        if feature.hasGeometry():
            parts.setdefault(str(feature["county_code"] or ""), []).append(feature.geometry())
    features = []
    for code, geometries in sorted(parts.items()):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([code])
        feature.setGeometry(QgsGeometry.unaryUnion(geometries))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "40,40,40,255", "outline_width": "0.8", "outline_style": "dash dot"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def summary_html(units: QgsVectorLayer) -> str:
    """Units and area by class, as the HTML table the map's right column shows ({font} to fill in)."""
    counts: dict[int, list] = {c: [0, 0.0] for c in (1, 2, 3)}
    for feature in units.getFeatures():
        entry = counts.setdefault(int(feature["unit_class"] or 0), [0, 0.0])
        entry[0] += 1
        entry[1] += float(feature["area_km2"] or 0.0)
    total = sum(a for _n, a in counts.values()) or 1.0
    rows = "".join(
        f"<tr><td>{html.escape(term('unit_class', c, 'zh'))}</td><td align='right'>{n}</td>"
        f"<td align='right'>{a:.2f}</td><td align='right'>{100 * a / total:.1f}</td></tr>"
        for c, (n, a) in sorted(counts.items())
        if c in (1, 2, 3)
    )
    all_units = sum(n for n, _a in counts.values())
    return (
        "<div style=\"font-family:'{font}'\"><div style='font-size:11pt; font-weight:bold'>环境管控单元统计</div>"
        "<table cellspacing='0' cellpadding='2' border='1' style='border-collapse:collapse; margin-top:4px; "
        "font-size:10pt'>"
        "<tr><th>类别</th><th>单元数</th><th>面积（km²）</th><th>占比（%）</th></tr>"
        f"{rows}<tr><td>合计</td><td align='right'>{all_units}</td>"
        f"<td align='right'>{sum(a for _n, a in counts.values()):.2f}</td><td align='right'>100.0</td></tr>"
        "</table></div>"
    )
