"""Runs inside the real QGIS desktop (qgis --code): checks what a user sees, then quits.

Reads ECOZONE_DESKTOP_OUT (a folder), ECOZONE_SAMPLE and ECOZONE_SCRIPTS; writes result.json and screenshots.
"""

import json
import os
import sys
import time
import traceback
from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QDialogButtonBox, QDockWidget
from qgis.utils import iface, plugins

OUT = Path(os.environ["ECOZONE_DESKTOP_OUT"])
SAMPLE = Path(os.environ["ECOZONE_SAMPLE"])
result = {"errors": []}


def toolbox_texts():
    dock = iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
    dock.setVisible(True)
    from qgis.PyQt.QtWidgets import QTreeView

    tree = dock.findChild(QTreeView)
    model = tree.model()
    texts = []

    def walk(parent, depth):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            texts.append(str(model.data(index)))
            if depth < 3:
                walk(index, depth + 1)

    walk(tree.rootIndex(), 0)
    return texts


def derive():
    import processing

    sys.path.insert(0, os.environ["ECOZONE_SCRIPTS"])
    import sample_spec

    spec = sample_spec.load(SAMPLE)
    zones = [
        processing.run(
            "ecozone:standardizezones",
            sample_spec.standardize_parameters(source, SAMPLE, str(OUT / f"zone_{n}.gpkg")),
        )["OUTPUT"]
        for n, source in enumerate(spec["sources"])
    ]
    parameters = sample_spec.derive_parameters(spec, SAMPLE, zones, str(OUT / "units.gpkg"))
    return processing.runAndLoadResults("ecozone:deriveunits", parameters)


def create_plan(units_path):
    import processing

    sys.path.insert(0, os.environ["ECOZONE_SCRIPTS"])
    import sample_spec

    spec = sample_spec.load(SAMPLE)
    boundary = spec["boundary"]
    zones = sorted(str(p) for p in OUT.glob("zone_*.gpkg"))
    plan = processing.run(
        "ecozone:createplan",
        {
            "UNITS": units_path,
            "BOUNDARY": str(SAMPLE / boundary["file"]),
            "COUNTY_CODE_FIELD": boundary["county_code_field"],
            "COUNTY_NAME_FIELD": boundary["county_name_field"],
            "ZONES": zones,
            "OUTPUT": str(OUT / "规划成果.gpkg"),
        },
    )["OUTPUT"]
    from ecozone_plugin.core.admission.clauses import Clause
    from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
    from ecozone_plugin.core.plan.store import ClauseChange

    store = GeoPackagePlanStore(plan)
    key = next(u for u in store.units() if u.unit_class == 2)
    store.apply(
        [
            ClauseChange("add", Clause("city", "", 1, "1-1", "全市范围内禁止新建、扩建化工园区。")),
            ClauseChange("add", Clause("county", key.county_code, 2, "2-1", "重点管控单元实施排放总量控制。", 2)),
            ClauseChange("add", Clause("unit", key.uid, 3, "3-1", "园区应编制突发环境事件应急预案。")),
        ]
    )
    result["plan"] = plan
    result["key_unit"] = {"uid": key.uid, "code": key.code}
    return plan, key


def open_dock():
    """The user's way: the toolbar action shows the dock, the plan opens, a unit is selected."""
    try:
        plan, key = create_plan(result["derive"]["OUTPUT"])
        plugin = plugins["ecozone_plugin"]
        plugin.admission_action.trigger()
        dock = plugin.admission_dock
        dock.set_plan(plan)
        layer = dock.units_layer
        layer.selectByIds([f.id() for f in layer.getFeatures() if f["unit_uid"] == key.uid])
        iface.setActiveLayer(layer)
        root = QgsProject.instance().layerTreeRoot()
        for other in QgsProject.instance().mapLayers().values():
            if other is not layer and root.findLayer(other.id()) is not None:
                root.findLayer(other.id()).setItemVisibilityChecked(False)  # the plan's units are on top alone
        result["dock"] = {"visible": dock.isVisible(), "title": dock.windowTitle()}
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(2500, open_filing)


def open_filing():
    """The filing dock, opened from its action on the plan the admission dock has: check, then wait."""
    try:
        plugin = plugins["ecozone_plugin"]
        plugin.filing_action.trigger()
        filing = plugin.filing_dock
        result["filing"] = {
            "visible": filing.isVisible(),
            "title": filing.windowTitle(),
            "plan": filing.store.path if filing.store else None,
            # what the plan holds when it is checked, for the test to count incomplete units itself
            "units_at_check": [[u.uid, u.unit_class, u.county_code] for u in filing.store.units()],
            "clauses_at_check": [[c.level, c.scope, c.class_filter, c.dimension] for c in filing.store.clauses()],
        }
        # what a filing needs, typed into the form as an author does before the check
        for edit, text in (
            (filing.provinceEdit, "示例省"),
            (filing.cityEdit, "示例市"),
            (filing.compiledByEdit, "示例市生态环境局"),
            (filing.contactEdit, "023-00000000"),
        ):
            edit.setText(text)
        filing.save_info()
        filing.run_check()
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    when_idle(plugins["ecozone_plugin"].filing_dock, after_check, seconds=60)


def when_idle(dock, then, seconds: float, waited: float = 0.0):
    """then() once the dock's background tasks are done (or the seconds are up); the desktop stays live meanwhile."""
    if dock.busy() and waited < seconds:
        QTimer.singleShot(500, lambda: when_idle(dock, then, seconds, waited + 0.5))
        return
    then()


def after_check():
    filing = plugins["ecozone_plugin"].filing_dock
    try:
        tree = filing.findingTree
        result["filing"]["groups"] = [
            [tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1)] for i in range(tree.topLevelItemCount())
        ]
        result["filing"]["summary"] = filing.resultLabel.text()
        result["filing"]["buttons"] = [filing.checkButton.text(), filing.copyButton.text(), filing.compareButton.text()]
        result["filing"]["horizontal_scrollbar"] = filing.widget().horizontalScrollBar().isVisible()
        filing.grab().save(str(OUT / "filing_check.png"))
        filing.outputWidget.setFilePath(str(OUT / "青岚区备案成果.zip"))
        filing.export_package()  # a background task: the desktop stays live while it runs
        result["filing"]["busy_after_start"] = filing.busy()
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
        QTimer.singleShot(500, finish)
        return
    when_idle(filing, after_export, seconds=120)


def after_export():
    filing = plugins["ecozone_plugin"].filing_dock
    try:
        result["filing"]["package"] = filing.package
        result["filing"]["after_export"] = filing.resultLabel.text()
        filing.grab().save(str(OUT / "filing_export.png"))
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(500, finish)


def dock_state():
    dock = plugins["ecozone_plugin"].admission_dock
    dock.raise_()  # the two docks share one place as tabs
    QgsApplication.processEvents()
    rows = []
    for i in range(dock.clauseTree.topLevelItemCount()):
        group = dock.clauseTree.topLevelItem(i)
        rows += [[group.child(j).text(c) for c in range(3)] for j in range(group.childCount())]
    state = {
        "label": dock.unitLabel.text(),
        "rows": rows,
        "groups": [dock.clauseTree.topLevelItem(i).text(2) for i in range(dock.clauseTree.topLevelItemCount())],
        "completeness": dock.completenessLabel.text(),
        "buttons": [b.text() for b in (dock.newButton, dock.saveButton, dock.libraryButton)],
        "horizontal_scrollbar": dock.widget().horizontalScrollBar().isVisible(),
        "tabbed_with": [d.objectName() for d in iface.mainWindow().tabifiedDockWidgets(dock)],
    }
    dock.grab().save(str(OUT / "dock.png"))
    return dock, state


def library_state(dock):
    """The clause library as the author opens it on the selected unit: whole templates, wrapped."""
    from ecozone_plugin.ui.library_dialog import ClauseLibraryDialog

    dialog = ClauseLibraryDialog(dock.library(), dock.unit.unit_class, 1, 1, parent=iface.mainWindow())
    dialog.resize(760, 620)
    dialog.show()
    QgsApplication.processEvents()
    tree = dialog.tree
    children = [
        tree.topLevelItem(i).child(j)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    ]
    first = max((c for c in children if not c.isHidden() and c.parent().isExpanded()), key=lambda c: len(c.text(0)))
    state = {
        "first": first.text(0),
        "first_height": tree.visualItemRect(first).height(),
        "line_height": tree.fontMetrics().height(),
        "first_width": tree.fontMetrics().horizontalAdvance(first.text(0)),
        "column_width": tree.columnWidth(0),
        "cancel": dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Cancel).text(),
    }
    dialog.grab().save(str(OUT / "clause_library.png"))
    dialog.close()
    return state


def dialog_state(algorithm: str, shot: str, names: list) -> dict:
    """An algorithm's dialog as the toolbox opens it: what it proposes, and a screenshot."""
    import processing

    dialog = processing.createAlgorithmDialog(algorithm)
    dialog.resize(900, 860)
    dialog.show()
    QgsApplication.processEvents()
    wrappers = dialog.mainWidget().wrappers
    values = {}
    for name in names:
        value = wrappers[name].widgetValue()
        values[name] = value.source() if hasattr(value, "source") else str(value if value is not None else "")
    if algorithm == "ecozone:standardizezones":
        combo = wrappers["ELEMENT"].widget  # the plugin's own wrapper (processing_widgets.py)
        values["ELEMENT_ITEMS"] = [combo.itemText(i) for i in range(combo.count())]
    dialog.grab().save(str(OUT / shot))
    dialog.close()
    return values


def dialogs_state():
    """The three dialogs an author opens first, with the township layer in the project as a user has it."""
    boundary = iface.addVectorLayer(str(SAMPLE / "乡镇街道.gpkg"), "乡镇街道", "ogr")
    QgsProject.instance().layerTreeRoot().findLayer(boundary.id()).setItemVisibilityChecked(False)
    plugin_dock = plugins["ecozone_plugin"].admission_dock
    iface.setActiveLayer(plugin_dock.units_layer)
    state = {
        "boundary_id": boundary.id(),
        "deriveunits": dialog_state(
            "ecozone:deriveunits", "dialog_deriveunits.png", ["BOUNDARY", "COUNTY_CODE_FIELD", "SPLIT_FIELD"]
        ),
        "standardizezones": dialog_state("ecozone:standardizezones", "dialog_standardizezones.png", ["ELEMENT"]),
        "exportfiling": dialog_state("ecozone:exportfiling", "dialog_exportfiling.png", ["PLAN", "OUTPUT"]),
    }
    return state


def screening_state():
    """The 准入研判 dock as an author uses it: choose the industry, click a site, export the report."""
    plugin = plugins["ecozone_plugin"]
    plugin.screening_action.trigger()
    dock = plugin.screening_dock
    deadline = time.monotonic() + 60
    while dock.busy() and time.monotonic() < deadline:  # the plan is prepared in the background
        QgsApplication.processEvents()
        time.sleep(0.05)
    QgsApplication.processEvents()
    units = QgsVectorLayer(f"{result['plan']}|layername=control_units", "u", "ogr")
    units.setSubsetString("unit_class = 3")
    general = next(units.getFeatures())
    point = general.geometry().pointOnSurface().asPoint()
    canvas = iface.mapCanvas()
    from qgis.core import QgsCoordinateTransform

    point = QgsCoordinateTransform(units.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()).transform(
        point
    )
    dock.industryEdit.setText("2614 有机化学原料制造")
    dock.pickButton.setChecked(True)
    tool_active = canvas.mapTool() is dock.tool
    dock.tool.canvasClicked.emit(point, Qt.LeftButton)  # what a click on the map emits
    QgsApplication.processEvents()
    state = {
        "visible": dock.isVisible(),
        "title": dock.windowTitle(),
        "plan": dock.store.path if dock.store else None,
        "tool_active": tool_active,
        "verdict": dock.verdictLabel.text(),
        "reasons": dock.reasonLabel.text(),
        "industry": dock.industryLabel.text(),
        "units": [dock.unitTree.topLevelItem(i).text(0) for i in range(dock.unitTree.topLevelItemCount())],
        "general_code": general["unit_code"],
        "tabbed_with": [d.objectName() for d in iface.mainWindow().tabifiedDockWidgets(dock)],
        "horizontal_scrollbar": dock.widget().horizontalScrollBar().isVisible(),
        "buttons": [b.text() for b in (dock.pickButton, dock.selectionButton, dock.reportButton)],
    }
    dock.grab().save(str(OUT / "screening.png"))
    state["report"] = dock.export_report(str(OUT / "准入研判报告.pdf"))
    dock.pickButton.setChecked(False)
    state["tool_released"] = canvas.mapTool() is not dock.tool or dock.tool is None
    plugin.admission_dock.raise_()
    return state


def type_and_quit(dock):
    """Type a clause without saving and quit QGIS: the text must reach the plan."""
    dock.new_clause()
    dock.dimensionCombo.setCurrentIndex(3)
    dock.textEdit.setPlainText("退出前输入的条款。")
    QgsProject.instance().clear()
    QgsApplication.exit(0)


def finish():
    dock = None
    try:
        dock, result["dock"]["state"] = dock_state()  # before the canvas refresh, which clears selections
        result["library"] = library_state(dock)
        result["dialogs"] = dialogs_state()
        result["screening"] = screening_state()
        canvas = iface.mapCanvas()
        layers = [lyr for lyr in QgsProject.instance().mapLayers().values() if isinstance(lyr, QgsVectorLayer)]
        units = [lyr for lyr in layers if "unit_class" in lyr.fields().names()]
        result["layers"] = [lyr.name() for lyr in layers]
        if units:
            layer = units[0]
            result["renderer"] = layer.renderer().type()
            result["categories"] = [str(c.value()) for c in layer.renderer().categories()]
            result["alias"] = layer.attributeAlias(layer.fields().indexOf("unit_code"))
            canvas.setExtent(layer.extent())
            canvas.refreshAllLayers()
        canvas.waitWhileRendering()
        canvas.saveAsImage(str(OUT / "map.png"))
        if dock is not None:  # select the unit again for the screenshot of the whole window
            uid = result["key_unit"]["uid"]
            dock.units_layer.selectByIds([f.id() for f in dock.units_layer.getFeatures() if f["unit_uid"] == uid])
            QgsApplication.processEvents()
        iface.mainWindow().grab().save(str(OUT / "window.png"))
    except Exception:  # noqa: BLE001 - report everything to the test
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(500, lambda: start_update(dock))


def start_update(dock):
    """The update (更新备案) in the filing dock: a red line moved off a priority unit, the version
    renumbered, the package exported before chosen as the earlier version, compared in the background."""
    filing = plugins["ecozone_plugin"].filing_dock
    try:
        sys.path.insert(0, str(Path(os.environ["ECOZONE_SCRIPTS"]).parent / "tests" / "unit"))
        from plan_helpers import red_line_moved_off

        filing.raise_()
        unit = red_line_moved_off(filing.store)
        result["update"] = {"lost_unit": unit.code, "earlier": result["filing"]["package"]}
        filing.versionEdit.setText("2026")
        filing.save_info()
        filing.previousWidget.setFilePath(result["filing"]["package"])
        filing.run_compare()
        result["update"]["busy_after_start"] = filing.busy()
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
        end(dock)
        return
    when_idle(filing, lambda: after_compare(dock), seconds=60)


def after_compare(dock):
    """Select the priority loss, see it on the map, type its reason, export the update package."""
    filing = plugins["ecozone_plugin"].filing_dock
    try:
        tree = filing.changeTree
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        result["update"]["rows"] = [[item.text(c) for c in range(5)] for item in items]
        result["update"]["loss_colour"] = items[0].foreground(0).color().name() if items else ""
        result["update"]["summary_before"] = filing.changeLabel.text()
        tree.setCurrentItem(items[0])
        filing.go_to_change(items[0])
        piece = filing.changes[0].geometry.bounds
        extent = iface.mapCanvas().extent()
        result["update"]["map_shows_loss"] = extent.contains(QgsRectangle(*piece))
        from qgis.PyQt.QtTest import QTest

        filing.reasonEdit.setFocus()
        filing.reasonEdit.insert("生态保护红线评估调整，已经省级论证")  # as an input method types it
        QTest.keyClick(filing.reasonEdit, Qt.Key_Return)  # Enter: the reason is kept
        result["update"]["summary"] = filing.changeLabel.text()
        result["update"]["reason_in_row"] = items[0].text(4)
        result["update"]["horizontal_scrollbar"] = filing.widget().horizontalScrollBar().isVisible()
        metrics = tree.fontMetrics()
        result["update"]["code_column_fits"] = all(
            tree.columnWidth(c) >= metrics.horizontalAdvance(items[0].text(c)) for c in (1, 2)
        )
        iface.mapCanvas().waitWhileRendering()
        filing.grab().save(str(OUT / "filing_update.png"))
        iface.mainWindow().grab().save(str(OUT / "window_update.png"))
        filing.outputWidget.setFilePath(str(OUT / "青岚区更新备案成果.zip"))
        filing.export_package()
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
        end(dock)
        return
    when_idle(filing, lambda: after_update_export(dock), seconds=120)


def after_update_export(dock):
    filing = plugins["ecozone_plugin"].filing_dock
    try:
        result["update"]["package"] = filing.package
        result["update"]["after_export"] = filing.resultLabel.text()
        reasons = filing.store.change_reasons(filing.update.previous.key)
        result["update"]["kept_reasons"] = [r.reason for r in reasons.values()]
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(500, lambda: open_team_plan(dock))


def open_team_plan(dock):
    """The plan copied to the team store (PostGIS): the admission dock opens it by its address, a
    clause is typed for the key unit and saved when the selection moves on."""
    try:
        from ecozone_plugin.core.plan.copy import copy_plan
        from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore

        address = os.environ["ECOZONE_PG"]
        copy_plan(GeoPackagePlanStore(result["plan"]), address)
        dock.raise_()
        dock.set_plan(address)
        result["team"] = {"address": address}
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
        end(dock)
        return
    when_idle(dock, lambda: edit_team_plan(dock), seconds=60)


def edit_team_plan(dock):
    try:
        layer = dock.units_layer
        team = result["team"]
        team["provider"] = layer.providerType()
        team["features"] = layer.featureCount()
        uid = result["key_unit"]["uid"]
        layer.selectByIds([f.id() for f in layer.getFeatures() if f["unit_uid"] == uid])
        dock.new_clause()
        dock.dimensionCombo.setCurrentIndex(1)
        dock.textEdit.setPlainText("团队库中新增的条款。")
        dock.commit_pending()
        team["label"] = dock.unitLabel.text()
        QgsApplication.processEvents()
        dock.grab().save(str(OUT / "admission_postgis.png"))
        dock.set_plan(result["plan"])  # back to the plan file for the last check (typing, then quitting)
        plan_layer = dock.units_layer
        plan_layer.selectByIds([f.id() for f in plan_layer.getFeatures() if f["unit_uid"] == uid])
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    end(dock)


def end(dock):
    (OUT / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if dock is not None:
        type_and_quit(dock)
    else:
        QgsApplication.exit(0)


def main():
    try:
        result["plugin_loaded"] = "ecozone_plugin" in plugins
        registry = QgsApplication.processingRegistry()
        provider = registry.providerById("ecozone")
        result["provider_name"] = provider.name() if provider else None
        result["algorithms"] = {a.id(): a.displayName() for a in provider.algorithms()} if provider else {}
        result["toolbox"] = toolbox_texts()
        result["derive"] = {k: str(v) for k, v in derive().items()}
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(2000, open_dock)


QTimer.singleShot(2000, main)
