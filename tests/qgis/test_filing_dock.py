"""The filing dock on the sample plan, with pytest-qgis's iface: information, check, findings, export."""

from __future__ import annotations

import json
import time
import zipfile

import pytest
from dock_helpers import wait
from plan_helpers import long_texts, red_line_moved_off
from qgis.core import QgsProject, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QApplication

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.plan.store import ClauseChange
from ecozone_plugin.ui.filing_dock import FilingDock


@pytest.fixture
def dock(qgis_iface, qgis_new_project, plan_copy):
    widget = FilingDock(qgis_iface)
    layer = QgsVectorLayer(f"{plan_copy}|layername=control_units", "units", "ogr")
    QgsProject.instance().addMapLayer(layer)
    widget.set_plan(str(plan_copy))
    yield widget
    widget.unload()
    widget.deleteLater()
    QgsProject.instance().removeAllMapLayers()


def tree(dock):
    rows = []
    for i in range(dock.findingTree.topLevelItemCount()):
        group = dock.findingTree.topLevelItem(i)
        rows.append((group.text(0), group.text(1), [group.child(j).text(0) for j in range(group.childCount())]))
    return rows


def test_the_form_shows_and_saves_plan_information(dock, plan_copy):
    assert dock.countyValue.text() == "500190 青岚区"
    assert dock.versionEdit.text() == "2025" and dock.outputWidget.filePath().endswith(".zip")
    # the profile by its name in the interface language (English here), stored by its id
    assert (dock.profileCombo.currentText(), dock.profileCombo.currentData()) == ("National default", "default")
    dock.provinceEdit.setText("重庆市")
    dock.cityEdit.setText("重庆市")
    dock.cityCodeEdit.setText("500100")
    dock.compiledByEdit.setText("某某环境科学研究院")
    assert dock.save_info()
    info = GeoPackagePlanStore(plan_copy).info()
    assert (info["province"], info["city_code"], info["compiled_by"]) == ("重庆市", "500100", "某某环境科学研究院")
    assert GeoPackagePlanStore(plan_copy).history(1)[0].reason == "filing dock"
    assert not dock.save_info()  # nothing changed, nothing written


def test_check_lists_findings_by_category_and_selects_the_unit(dock, plan_copy):
    dock.run_check()
    wait(dock)
    units = len(GeoPackagePlanStore(plan_copy).units())  # no clause yet: every unit lacks some dimension
    long = long_texts(plan_copy)  # each a warning: the package's shapefile would shorten it
    assert long >= 1 and tree(dock) == [
        ("EZ-A Attributes", str(long), ["EZ-A005"] * long),
        ("EZ-L Admission list", str(units), ["EZ-L001"] * units),
    ]
    assert f"0 errors, {units + long} warnings" in dock.resultLabel.text()
    group = dock.findingTree.topLevelItem(1)
    dock.go_to_finding(group.child(0))
    layer = dock._units_layer()
    assert [f["unit_code"] for f in layer.selectedFeatures()] == [group.child(0).text(1)]
    dock.severityCombo.setCurrentIndex(dock.severityCombo.findData("error"))
    assert tree(dock) == []
    dock.severityCombo.setCurrentIndex(0)
    copied = dock.copy_findings()
    assert copied.count("\n") == units + long - 1 and QApplication.clipboard().text() == copied
    assert copied.startswith("EZ-A005\tZH500190")


def test_export_from_the_dock_writes_the_package_in_the_background(dock, plan_copy, tmp_path):
    store = GeoPackagePlanStore(plan_copy)
    store.apply([ClauseChange("add", Clause("city", "", d, f"{d}-1", f"全市第{d}维度")) for d in (1, 2, 3, 4)])
    dock.shpBox.setChecked(True)
    target = tmp_path / "青岚区备案.zip"
    dock.outputWidget.setFilePath(str(target))
    exported = []
    dock.exported.connect(exported.append)
    dock.export_package()
    # the call returns at once: the package is written by a task while the interface stays live
    assert dock.busy() and not target.exists()
    locked = (dock.planWidget, dock.infoGroup, dock.checkButton, dock.exportButton)
    assert not any(w.isEnabled() for w in locked) and dock.cancelButton.isEnabled()
    wait(dock)
    assert exported == [str(target)] and dock.package == str(target)
    names = zipfile.ZipFile(target).namelist()
    assert "data/control_units.shp" in names and "maps/control_units.pdf" in names
    assert dock.progressBar.value() == 100 and "青岚区备案.zip" in dock.resultLabel.text()
    assert 'href="file://' in dock.resultLabel.text()
    assert all(w.isEnabled() for w in locked) and not dock.cancelButton.isEnabled()


def test_the_export_does_not_spin_the_event_loop(dock, plan_copy, tmp_path, monkeypatch):
    """Re-entrancy: nothing of the export calls processEvents (the old export did, from its feedback)."""
    calls = []
    real = QCoreApplication.processEvents
    monkeypatch.setattr(QCoreApplication, "processEvents", lambda *a: calls.append(a) or real(*a))
    dock.forceBox.setChecked(True)
    dock.outputWidget.setFilePath(str(tmp_path / "pkg.zip"))
    dock.export_package()
    before = len(calls)
    deadline = time.monotonic() + 120
    while dock.busy() and time.monotonic() < deadline:
        real()
        time.sleep(0.01)
    real()
    assert before == 0 and len(calls) == 0 and (tmp_path / "pkg.zip").is_file()


def test_cancel_stops_the_export_and_leaves_nothing(dock, tmp_path):
    dock.forceBox.setChecked(True)
    dock.outputWidget.setFilePath(str(tmp_path / "cancelled.zip"))
    dock.progressBar.valueChanged.connect(lambda value: dock.cancel_export() if value > 40 else None)
    dock.export_package()
    wait(dock)
    assert [p.name for p in tmp_path.iterdir()] == ["规划成果.gpkg"]  # the plan only: no package, no part file
    assert "No package" in dock.resultLabel.text() and dock.exportButton.isEnabled() and dock.package == ""


def test_the_update_comparison_lists_losses_first_keeps_reasons_and_exports_the_update(dock, plan_copy, tmp_path):
    """更新对比: the earlier package chosen, compared in the background; the priority loss heads the
    list in red, its reason typed is kept in the plan; the export then writes the update package."""
    store = GeoPackagePlanStore(plan_copy)
    store.apply([ClauseChange("add", Clause("city", "", d, f"{d}-1", f"全市第{d}维度")) for d in (1, 2, 3, 4)])
    first = tmp_path / "500190_2025.zip"
    dock.forceBox.setChecked(False)
    dock.outputWidget.setFilePath(str(first))
    dock.export_package()
    wait(dock)
    assert first.is_file()
    unit = red_line_moved_off(store)
    dock.versionEdit.setText("2026")
    dock.save_info()
    dock.previousWidget.setFilePath(str(first))
    dock.run_compare()
    assert dock.busy() and not dock.compareButton.isEnabled()  # a task: the dock stays live
    wait(dock)
    items = [dock.changeTree.topLevelItem(i) for i in range(dock.changeTree.topLevelItemCount())]
    assert items and items[0].text(1) == unit.code and items[0].text(0) == "out of priority protection"
    assert items[0].foreground(0).color().name() == "#b00020"
    assert all(not dock.changes[i].priority_loss for i in range(1, len(items)))
    areas = [float(item.text(3)) for item in items[1:]]
    assert areas == sorted(areas, reverse=True)
    assert "1 priority losses, 1 without a reason" in dock.changeLabel.text()
    # the export is refused while the loss has no reason, and nothing is written
    update = tmp_path / "500190_2026.zip"
    dock.outputWidget.setFilePath(str(update))
    dock.export_package()
    wait(dock)
    assert not update.exists() and unit.code in dock.resultLabel.text()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".zip"] == [first.name]
    # click the loss: the map goes there; type its reason: the plan keeps it
    canvas = dock.iface.mapCanvas()
    dock.changeTree.setCurrentItem(items[0])
    dock.go_to_change(items[0])
    piece = dock.changes[0].geometry
    assert canvas.extent().contains(QgsRectangle(*piece.bounds))
    dock.reasonEdit.insert("生态保护红线评估调整，已经省级论证")  # as typed (an input method inserts the text)
    dock.changeTree.setCurrentItem(None)  # another row chosen: what was typed is kept first
    assert items[0].text(4) == "生态保护红线评估调整，已经省级论证" and not dock.reasonEdit.isEnabled()
    assert "0 without a reason" in dock.changeLabel.text()
    (kept,) = store.change_reasons(dock.update.previous.key).values()
    assert kept.reason == "生态保护红线评估调整，已经省级论证" and kept.old_unit_code == unit.code
    dock.export_package()
    wait(dock)
    manifest = json.loads(zipfile.ZipFile(update).read("manifest.json"))
    assert manifest["update_of"]["package"] == first.name and manifest["changes"]["without_reason"] == 0
    assert "changes/changes.gpkg" in zipfile.ZipFile(update).namelist()
