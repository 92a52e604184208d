"""Write the print layout template for the filing map (resources/layouts/control_units.qpt) with PyQGIS.

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_layout.py

The template names its items (map, title, legend, scalebar, north, county, date, crs) and reads
the texts from layout variables (@ecozone_title, @ecozone_county, @ecozone_date, @ecozone_crs),
which the filing export sets; fonts are chosen when the map is made (Noto Sans CJK SC, else the
fonts Windows has).
"""

from __future__ import annotations

import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QFont

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "layouts" / "control_units.qpt"
FONT = "Noto Sans CJK SC"


def label(layout, item_id: str, text: str, x: float, y: float, w: float, h: float, size: int, bold=False):
    item = QgsLayoutItemLabel(layout)
    item.setId(item_id)
    item.setText(text)
    font = QFont(FONT, size)
    font.setBold(bold)
    item.setFont(font)
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(item)
    return item


def main() -> int:
    app = QgsApplication([], False)
    app.initQgis()
    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()
    layout.setName("EcoZone control units")
    page = layout.pageCollection().page(0)
    page.setPageSize("A3", page.Landscape)
    title = label(layout, "title", "[% @ecozone_title %]", 10, 6, 400, 14, 22, bold=True)
    title.setHAlign(0x0004)  # Qt.AlignHCenter
    map_item = QgsLayoutItemMap(layout)
    map_item.setId("map")
    map_item.attemptMove(QgsLayoutPoint(10, 24, QgsUnitTypes.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(310, 262, QgsUnitTypes.LayoutMillimeters))
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)
    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle("图例")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.attemptMove(QgsLayoutPoint(328, 24, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)
    north = QgsLayoutItemPicture(layout)
    north.setId("north")
    north.attemptMove(QgsLayoutPoint(385, 24, QgsUnitTypes.LayoutMillimeters))
    north.attemptResize(QgsLayoutSize(18, 25, QgsUnitTypes.LayoutMillimeters))
    north.setLinkedMap(map_item)
    layout.addLayoutItem(north)
    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setId("scalebar")
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(map_item)
    scalebar.setUnits(QgsUnitTypes.DistanceKilometers)
    scalebar.setUnitLabel("千米")
    scalebar.setNumberOfSegments(4)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    scalebar.setMinimumBarWidth(40)
    scalebar.setMaximumBarWidth(75)
    scalebar.attemptMove(QgsLayoutPoint(328, 262, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(scalebar)
    label(layout, "county", "[% @ecozone_county %]", 328, 230, 85, 8, 12)
    label(layout, "crs", "坐标系：[% @ecozone_crs %]", 328, 238, 85, 8, 9)
    label(layout, "date", "制图日期：[% @ecozone_date %]", 328, 246, 85, 8, 9)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    if not layout.saveAsTemplate(str(TARGET), QgsReadWriteContext()):
        print("could not write", TARGET)
        return 1
    app.exitQgis()
    print("wrote", TARGET.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
