"""The 准入研判 dock on the sample plan: a click answers at once, units zoom, the report is a page."""

from __future__ import annotations

import subprocess
import time

import pytest
from dock_helpers import wait
from plan_helpers import add_clause
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.ui.screening_dock import ScreeningDock


@pytest.fixture
def dock(qgis_iface, qgis_new_project, plan_copy):
    store = GeoPackagePlanStore(plan_copy)
    add_clause(store, Clause("city", "", 1, "1-1", "禁止新建电镀项目"))
    widget = ScreeningDock(qgis_iface)
    widget.set_plan(str(plan_copy))
    wait(widget)  # the plan is prepared for screening in the background
    yield widget
    widget.unload()
    widget.deleteLater()
    QgsProject.instance().removeAllMapLayers()


def general_point(plan):
    layer = QgsVectorLayer(f"{plan}|layername=control_units", "u", "ogr")
    layer.setSubsetString("unit_class = 3")
    feature = next(layer.getFeatures())
    return feature.geometry().pointOnSurface().asPoint(), feature, layer.crs()


def test_a_click_answers_at_once_with_verdict_reasons_and_units(dock, plan_copy, chinese_ui):
    dock.industryEdit.setText("3360 金属表面处理及热处理加工")
    assert dock.industryLabel.text().startswith("3360 金属表面处理及热处理加工")
    point, unit, crs = general_point(plan_copy)
    started = time.perf_counter()
    dock.screen_point(point, crs)
    assert time.perf_counter() - started < 1.0  # a click answers in under a second
    assert "判定不通过" in dock.verdictLabel.text()
    assert "市级条款 1-1【禁止类】" in dock.reasonLabel.text() and "推荐" in dock.reasonLabel.text()
    item = dock.unitTree.topLevelItem(0)
    assert item.text(0).startswith(unit["unit_code"]) and item.text(1) == "一般管控单元"
    dock.industryEdit.setText("4411")
    dock.screen_point(point, crs)
    assert "判定通过" in dock.verdictLabel.text()
    dock.industryEdit.setText("不存在的行业")
    assert "GB/T 4754" in dock.industryLabel.text()


def test_a_click_in_another_crs_and_the_unit_zoom(dock, plan_copy, qgis_iface):
    point, unit, crs = general_point(plan_copy)
    from qgis.core import QgsCoordinateTransform

    geographic = QgsCoordinateReferenceSystem("EPSG:4490")
    moved = QgsCoordinateTransform(crs, geographic, QgsProject.instance()).transform(point)
    dock.industryEdit.setText("4411")
    dock.screen_point(QgsPointXY(moved), geographic)
    assert dock.result.hits[0].unit.code == unit["unit_code"]
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(crs)
    dock.zoom_to_unit(dock.unitTree.topLevelItem(0))
    assert canvas.extent().contains(unit.geometry().boundingBox())


def test_the_map_tool_is_released_when_the_dock_closes(dock, qgis_iface):
    dock.pickButton.setChecked(True)
    canvas = qgis_iface.mapCanvas()
    assert canvas.mapTool() is dock.tool
    dock.release_tool()
    assert canvas.mapTool() is None and not dock.pickButton.isChecked()


def test_the_report_is_one_chinese_page(dock, plan_copy, tmp_path):
    point, _unit, crs = general_point(plan_copy)
    dock.industryEdit.setText("3360")
    dock.screen_point(point, crs)
    pdf = tmp_path / "研判报告.pdf"
    assert dock.export_report(str(pdf)) == str(pdf) and pdf.exists()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Pages"].strip() == "1" and "(A4)" in fields["Page size"]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansCJK" in fonts
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    coloured = sum(
        image.pixelColor(x, y).saturation() > 60
        for x in range(0, image.width(), 3)
        for y in range(0, image.height() // 2, 3)
    )
    assert coloured > 500  # the map of the units is drawn in the upper half


def test_an_area_drawn_on_the_map_is_screened_with_its_overlaps(dock, plan_copy, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    units = QgsVectorLayer(f"{plan_copy}|layername=control_units", "u", "ogr")
    canvas.setDestinationCrs(units.crs())
    centre = units.extent().center()
    dock.industryEdit.setText("4411")
    dock.drawButton.setChecked(True)
    assert canvas.mapTool() is dock.draw_tool
    from qgis.PyQt.QtCore import Qt

    for dx, dy in ((0, 0), (2000, 0), (2000, 2000), (0, 2000)):
        dock.draw_tool.canvasClicked.emit(QgsPointXY(centre.x() + dx, centre.y() + dy), Qt.LeftButton)
    dock.draw_tool.canvasClicked.emit(QgsPointXY(centre), Qt.RightButton)
    assert dock.result is not None and dock.result.site.name == "Drawn area"
    assert sum(h.overlap for h in dock.result.hits) == pytest.approx(4.0, abs=1e-3)  # 2 km x 2 km
    dock.release_tool()
    assert canvas.mapTool() is None and not dock.drawButton.isChecked() and dock.band is None
