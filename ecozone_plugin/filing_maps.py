"""The filing maps: the bundled print layout filled with the plan's layers and exported to PDF.

Print layouts render on the GUI thread, so the export algorithm that calls this runs there
(it is flagged not to run in a background thread).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from qgis.core import (
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QFont, QFontDatabase
from qgis.PyQt.QtXml import QDomDocument

from .core.progress import Progress
from .paths import resource

FONT_CHOICES = ("Noto Sans CJK SC", "Microsoft YaHei", "微软雅黑", "SimSun", "宋体")
ELEMENT_TITLES = {
    "ecology": "生态空间",
    "water": "水环境管控分区",
    "air": "大气环境管控分区",
    "soil": "土壤环境风险管控分区",
    "noise": "声环境功能区",
    "resource": "资源利用上线管控分区",
    "protected": "自然保护地与饮用水水源保护区",
    "development": "城镇开发边界与产业园区",
}


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
        units = self._copy("control_units", "环境管控单元", "control_units.qml")
        boundary = self._copy("admin_boundary", "行政边界", "admin_boundary.qml")
        for layer in (units, boundary):
            project.addMapLayer(layer)
        written = [self._render(project, folder / "control_units.pdf", [units], f"{county}环境管控单元图")]
        if self.element_maps:
            source = QgsVectorLayer(f"{self.plan_path}|layername=element_zones", "zones", "ogr")
            elements = sorted({str(f["element"]) for f in source.getFeatures()})
            del source
            for n, element in enumerate(elements):
                progress.check()
                progress.set_progress(100.0 * (n + 1) / (len(elements) + 1))
                name = ELEMENT_TITLES.get(element, element)
                zones = self._copy("element_zones", name, "element_zones.qml", f"\"element\" = '{element}'")
                project.addMapLayer(zones)
                path = folder / f"element_{element}.pdf"
                written.append(self._render(project, path, [zones, boundary], f"{county}{name}图"))
                project.removeMapLayer(zones.id())
        project.clear()
        return written

    def _copy(self, table: str, name: str, qml: str, expression: str = "") -> QgsVectorLayer:
        """A styled in-memory copy: the maps are drawn without holding the plan's file open."""
        source = QgsVectorLayer(f"{self.plan_path}|layername={table}", name, "ogr")
        request = QgsFeatureRequest()
        if expression:
            request.setFilterExpression(expression)
        layer = source.materialize(request)
        layer.setName(name)
        layer.loadNamedStyle(str(resource("styles", qml)))
        return layer

    def _render(self, project: QgsProject, path: Path, layers: list[QgsVectorLayer], title: str) -> Path:
        project.setCrs(layers[0].crs())
        layout = QgsPrintLayout(project)
        document = QDomDocument()
        document.setContent(resource("layouts", "control_units.qpt").read_text(encoding="utf-8"))
        layout.loadFromTemplate(document, QgsReadWriteContext())
        county = "、".join(n for n in self.info.get("county_names", "").split(";") if n)
        for name, value in (
            ("ecozone_title", title),
            ("ecozone_county", county),
            ("ecozone_date", date.today().strftime("%Y年%m月%d日")),
            ("ecozone_crs", layers[0].crs().description() or layers[0].crs().authid()),
        ):
            QgsExpressionContextUtils.setLayoutVariable(layout, name, value)
        extent = layers[0].extent()
        for item in layout.items():
            if isinstance(item, QgsLayoutItemMap):
                item.setCrs(layers[0].crs())
                item.setLayers(layers)
                item.setKeepLayerSet(True)
                item.setExtent(fitted(extent, item.rect().width() / item.rect().height()))
            elif isinstance(item, QgsLayoutItemLegend):
                root = item.model().rootGroup()
                root.clear()
                for layer in layers:
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
        exporter = QgsLayoutExporter(layout)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = 200
        result = exporter.exportToPdf(str(path), settings)
        if result != QgsLayoutExporter.Success:
            raise RuntimeError(f"PDF export failed ({result}): {exporter.errorMessage()}")
        return path
