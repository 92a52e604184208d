"""The filing dock (成果备案): plan information, the check as a background task, the update
comparison (更新对比) and the package export.

Findings are listed by category; clicking one zooms to its place and selects its unit. The update
comparison compares the plan with the version filed before it (a background task), lists the
changed ground with the priority losses first, zooms to a change clicked and keeps the reason typed
for it in the plan; the export then writes the update package. The export renders its maps on the
GUI thread (they come from a print layout), with a progress bar and a cancel button that stay live
while it works.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsExpression,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QDate, Qt, QUrl, pyqtSignal, pyqtSlot
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QApplication, QMessageBox, QScrollArea, QTreeWidgetItem

from ..core.check.validation import plan_profile, validate_store
from ..core.filing.package import FilingRequest, default_name, file_plan
from ..core.filing.update import key_of, prepare_update
from ..core.messages import ERROR, FINDING_CATEGORIES, WARNING, EcoZoneError
from ..core.plan.copy import as_geopackage
from ..core.profile import available_profiles, profile_name
from ..core.progress import Canceled
from ..core.terms import term
from ..filing_maps import FilingMaps
from ..paths import plugin_version
from ..plan_address import is_plan_address
from ..qgis_adapters import crs_from_text, message_text, to_qgs_geometry, ui_lang
from ..styles import delivery_styles
from .plan_dock import PlanDock
from .widgets import (
    MainThread,
    TaskProgress,
    WrappedText,
    plan_units_layer,
    scrollable,
)

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("filing_dock.ui")))
FINDING_ROLE = Qt.ItemDataRole.UserRole + 3
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 4


class FilingDock(PlanDock, FORM_CLASS):
    """Controller of filing_dock.ui."""

    preferred_width = 460  # what the form needs without a horizontal scrollbar, in pixels

    checked = pyqtSignal(int, int)  # errors, warnings  # noqa: N815
    exported = pyqtSignal(str)

    def __init__(self, iface, parent=None):
        super().__init__(iface, parent)
        self.setupUi(self)
        scrollable(self)
        self.setObjectName("EcoZoneFilingDock")
        self.result = None
        self.export_task = None  # the package being written, if any
        self.main_thread = MainThread(self)
        self.package: str = ""
        self.update = None  # the comparison with the earlier version (core.filing.update.Update)
        self.changes: list = []  # its pieces as listed: priority losses first, then by area

        self.planWidget = self.make_plan_widget()
        self.planLayout.addWidget(self.planWidget, 1)
        self.planLayout.addWidget(self.make_team_button())
        self.outputWidget = QgsFileWidget(self)
        self.outputWidget.setStorageMode(QgsFileWidget.SaveFile)
        self.outputWidget.setFilter(self.tr("Zip (*.zip)"))
        self.outputLayout.addWidget(self.outputWidget, 1)
        self.previousWidget = QgsFileWidget(self)
        self.previousWidget.setFilter(self.tr("Filing package or plan (*.zip *.gpkg)"))
        self.previousWidget.setDialogTitle(self.tr("The version filed before"))
        self.previousWidget.setToolTip(
            self.tr(
                "The filing package (.zip) filed before this update, or its plan; the export then writes the update."
            )
        )
        self.previousLayout.insertWidget(1, self.previousWidget, 1)
        self.categoryCombo.addItem(self.tr("All categories"), None)
        lang = ui_lang()
        for key, names in FINDING_CATEGORIES.items():
            self.categoryCombo.addItem(f"EZ-{key} {names['zh' if lang == 'zh' else 'en']}", key)
        self.severityCombo.addItem(self.tr("Errors and warnings"), None)
        self.severityCombo.addItem(self.tr("Errors"), ERROR)
        self.severityCombo.addItem(self.tr("Warnings"), WARNING)
        for profile in available_profiles():
            self.profileCombo.addItem(profile_name(profile, lang), profile)
        self.findingTree.setColumnWidth(0, 115)
        self.findingTree.setColumnWidth(1, 125)
        self.message_text = WrappedText(self.findingTree, 2)  # the whole message and its fix
        self._connections = [
            (self.planWidget.fileChanged, self.open_plan),
            (self.checkButton.clicked, self.run_check),
            (self.categoryCombo.currentIndexChanged, self.show_findings),
            (self.severityCombo.currentIndexChanged, self.show_findings),
            (self.findingTree.itemClicked, self.go_to_finding),
            (self.copyButton.clicked, self.copy_findings),
            (self.exportButton.clicked, self.export_package),
            (self.cancelButton.clicked, self.cancel_export),
            (self.compareButton.clicked, self.run_compare),
            (self.previousWidget.fileChanged, self.previous_changed),
            (self.changeTree.currentItemChanged, self.change_selected),
            (self.changeTree.itemClicked, self.go_to_change),
            (self.reasonEdit.editingFinished, self.save_reason),
        ]
        for edit in (
            self.provinceEdit,
            self.cityEdit,
            self.cityCodeEdit,
            self.versionEdit,
            self.compiledByEdit,
            self.contactEdit,
        ):
            self._connections.append((edit.editingFinished, self.save_info))
        self._connections.append((self.dateEdit.editingFinished, self.save_info))
        self._connections.append((self.profileCombo.activated, self.save_info))
        self.connect_all()
        self._enable(False)

    # --- plan ------------------------------------------------------------------------------
    def open_plan(self, path: str) -> None:
        if not path or self.export_task is not None:
            return
        self.store = self.open_store(path)
        if self.store is None:
            self._enable(False)
            return
        self.result = None
        self.findingTree.clear()
        self.resultLabel.clear()
        self._clear_changes()
        self._load_info()
        folder = Path.home() if is_plan_address(path) else Path(path).parent
        self.outputWidget.setFilePath(str(folder / default_name(self.store)))
        self._enable(True)

    def may_change_plan(self) -> bool:
        return self.export_task is None  # a package of the open plan is being written: keep it

    def _load_info(self) -> None:
        """Show the plan's information; what was shown and the entries' row versions are kept, so a
        save writes only what the author edited and is refused if someone else wrote it since."""
        info = self.store.info()
        self._read_versions = self.store.info_versions()
        self._loading = True
        for edit, key in (
            (self.provinceEdit, "province"),
            (self.cityEdit, "city"),
            (self.cityCodeEdit, "city_code"),
            (self.versionEdit, "plan_version"),
            (self.compiledByEdit, "compiled_by"),
            (self.contactEdit, "contact"),
        ):
            edit.setText(info.get(key, ""))
        codes = [c for c in info.get("county_codes", "").split(";") if c]
        names = info.get("county_names", "").split(";")
        self.countyValue.setText("、".join(f"{c} {n}" for c, n in zip(codes, names + [""] * len(codes))))
        day = QDate.fromString(info.get("compiled_date", ""), "yyyy-MM-dd")
        self.dateEdit.setDate(day if day.isValid() else QDate.currentDate())
        profile = info.get("profile", "default") or "default"
        if self.profileCombo.findData(profile) < 0:
            self.profileCombo.addItem(profile, profile)
        self.profileCombo.setCurrentIndex(self.profileCombo.findData(profile))
        self._loading = False
        self._read_info = info
        self._shown_info = self.info_values()  # with the form's defaults (today, the default profile)
        self.sync_timer.start()

    def info_values(self) -> dict:
        return {
            "province": self.provinceEdit.text().strip(),
            "city": self.cityEdit.text().strip(),
            "city_code": self.cityCodeEdit.text().strip(),
            "plan_version": self.versionEdit.text().strip(),
            "compiled_by": self.compiledByEdit.text().strip(),
            "compiled_date": self.dateEdit.date().toString("yyyy-MM-dd"),
            "contact": self.contactEdit.text().strip(),
            "profile": self.profileCombo.currentData() or "default",
        }

    def edited_info(self) -> dict:
        """The form's entries that differ from what was read of the plan: what the author changed, and
        the form's defaults for entries the plan lacks (today's date, the default profile)."""
        read = getattr(self, "_read_info", {})
        return {k: v for k, v in self.info_values().items() if read.get(k, "") != v}

    def save_info(self, *args) -> bool:
        """Write what the author edited in the form to plan_info (one transaction, logged). An entry
        another author wrote since the form was read is not overwritten unless the author says so."""
        if self.store is None or getattr(self, "_loading", False):
            return False
        edited = self.edited_info()
        if not edited:
            return False
        author = QgsApplication.userFullName()
        try:
            written = self.store.update_info(edited, author, "filing dock", read=self._read_versions)
        except EcoZoneError as err:
            if err.message.code != "EZ-T031":
                self.message(message_text(err.message), Qgis.MessageLevel.Warning)
                return False
            if self.ask_about_stale_info(message_text(err.message)) != "mine":
                self._load_info()
                return False
            try:
                written = self.store.update_info(edited, author, "filing dock")
            except EcoZoneError as again:
                self.message(message_text(again.message), Qgis.MessageLevel.Warning)
                return False
        self._load_info()
        return bool(written)

    def ask_about_stale_info(self, text: str) -> str:
        """'mine' to write the author's entries over the other author's, 'reload' to see theirs."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed by another author"), text, parent=self)
        mine = box.addButton(self.tr("Write mine over theirs"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Show their entries"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return "mine" if box.clickedButton() is mine else "reload"

    def refresh_from_plan(self) -> bool:
        """Show what other authors wrote to plan_info, unless the author has edits of their own pending."""
        if self.store is None or getattr(self, "_loading", False):
            return False
        if self.info_values() != getattr(self, "_shown_info", None):  # the author is typing
            return False
        if self.store.info_versions() == getattr(self, "_read_versions", None):
            return False
        self._load_info()
        return True

    # --- check -----------------------------------------------------------------------------
    def run_check(self) -> None:
        if self.store is None:
            return
        self.save_info()
        store = self.store

        def work(task):
            return validate_store(store, plan_profile(store))

        def done(exception, result=None):
            self.checkButton.setEnabled(True)
            if exception is not None or result is None:
                text = message_text(exception.message) if isinstance(exception, EcoZoneError) else str(exception)
                self.message(self.tr("The check failed: {0}").format(text), Qgis.MessageLevel.Critical)
                return
            self.result = result
            self.show_findings()
            self.checked.emit(result.errors, result.warnings)

        self.checkButton.setEnabled(False)
        self.resultLabel.setText(self.tr("Checking…"))
        self.run_task(self.tr("Checking the plan"), work, done)

    def show_findings(self, *args) -> None:
        self.findingTree.clear()
        if self.result is None:
            return
        category = self.categoryCombo.currentData()
        severity = self.severityCombo.currentData()
        lang = ui_lang()
        groups = {}
        shown = 0
        for index, finding in enumerate(self.result.findings):
            if (category and finding.category != category) or (severity and finding.severity != severity):
                continue
            group = groups.get(finding.category)
            if group is None:
                names = FINDING_CATEGORIES[finding.category]
                group = QTreeWidgetItem([f"EZ-{finding.category} {names['zh' if lang == 'zh' else 'en']}", "", ""])
                self.findingTree.addTopLevelItem(group)
                groups[finding.category] = group
            text = finding.message.text(lang)
            item = QTreeWidgetItem([finding.code, finding.unit_code, text])
            item.setToolTip(2, text)
            colour = "#b00020" if finding.severity == ERROR else "#a66300"
            item.setForeground(0, QBrush(QColor(colour)))
            item.setData(0, FINDING_ROLE, index)
            group.addChild(item)
            shown += 1
        for group in groups.values():
            group.setText(1, str(group.childCount()))
            group.setExpanded(True)
        summary = self.tr("{0} errors, {1} warnings ({2} shown).").format(
            self.result.errors, self.result.warnings, shown
        )
        if self.result.errors == 0:
            summary = self.tr("No errors: the plan can be filed. ") + summary
        self.resultLabel.setText(summary)

    def go_to_finding(self, item, _column=0) -> None:
        index = item.data(0, FINDING_ROLE)
        if index is None or self.result is None:
            return
        finding = self.result.findings[index]
        units = self._units_layer()
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if units is not None and finding.unit_code:
            units.selectByExpression(f'"unit_code" = {QgsExpression.quotedValue(finding.unit_code)}')
        if canvas is None:
            return
        if finding.geometry is not None:
            geometry = to_qgs_geometry(finding.geometry)
            crs = crs_from_text(self.store.crs())
            box = QgsRectangle(geometry.boundingBox())
            box.grow(max(box.width(), box.height(), 200.0))
            canvas.setExtent(self._to_canvas(box, crs))
            canvas.refresh()
            canvas.flashGeometries([geometry], crs)
        elif units is not None and units.selectedFeatureCount():
            canvas.zoomToSelected(units)

    def _units_layer(self):
        return plan_units_layer(self.store.address) if self.store is not None else None

    def _to_canvas(self, box: QgsRectangle, crs) -> QgsRectangle:
        canvas_crs = self.iface.mapCanvas().mapSettings().destinationCrs()
        if not canvas_crs.isValid() or canvas_crs == crs:
            return box
        return QgsCoordinateTransform(crs, canvas_crs, QgsProject.instance()).transformBoundingBox(box)

    def copy_findings(self) -> str:
        lines = []
        for i in range(self.findingTree.topLevelItemCount()):
            group = self.findingTree.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                lines.append("\t".join(child.text(c) for c in range(3)))
        text = "\n".join(lines)
        QApplication.clipboard().setText(text)
        return text

    # --- update comparison -----------------------------------------------------------------
    def previous_changed(self, _path: str = "") -> None:
        self._clear_changes()

    def _clear_changes(self) -> None:
        self.update = None
        self.changes = []
        self.changeTree.clear()
        self.changeLabel.clear()
        self.reasonEdit.clear()
        self.reasonEdit.setEnabled(False)

    def run_compare(self) -> None:
        """Compare the plan with the earlier version as a background task; list the changes."""
        previous = self.previousWidget.filePath().strip()
        if self.store is None or not previous:
            self.changeLabel.setText(self.tr("Choose the earlier version (its filing package) first."))
            return
        self.save_info()
        store = self.store

        def work(task):
            return prepare_update(store, previous, 1.0, TaskProgress(task))

        def done(exception, result=None):
            self.compareButton.setEnabled(True)
            if exception is not None or result is None:
                if isinstance(exception, EcoZoneError):
                    text = message_text(exception.message)
                else:
                    text = str(exception or self.tr("canceled")).strip()
                self.changeLabel.setText(self.tr("The comparison failed: {0}").format(text))
                return
            self.show_changes(result)

        self._clear_changes()
        self.compareButton.setEnabled(False)
        self.changeLabel.setText(self.tr("Comparing with {0}…").format(Path(previous).name))
        self.run_task(self.tr("Comparing with the earlier version"), work, done)

    def show_changes(self, update) -> None:
        """List the changed ground: priority losses first (red, hard losses marked), then by area."""
        self.update = update
        self.changes = list(update.comparison.pieces)  # core orders them: priority losses first, then by area
        lang = ui_lang()
        self.changeTree.clear()
        for index, piece in enumerate(self.changes):
            kind = term("change_type", piece.change_type, lang)
            if piece.hard_loss:
                kind = self.tr("{0} (hard)").format(kind)
            item = QTreeWidgetItem(
                [
                    kind,
                    piece.old.code if piece.old else "",
                    piece.new.code if piece.new else "",
                    f"{piece.area_km2:.4f}",
                    update.reason(piece),
                ]
            )
            item.setData(0, CHANGE_ROLE, index)
            item.setTextAlignment(3, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
            if piece.priority_loss:
                for column in range(5):
                    item.setForeground(column, QBrush(QColor("#b00020")))
                loss = self.tr("Priority ground lost: needs the provincial justification (需省级论证说明).")
                item.setToolTip(0, loss)
            item.setToolTip(4, update.reason(piece))
            for column, unit in ((1, piece.old), (2, piece.new)):
                if unit is not None:
                    item.setToolTip(column, f"{unit.code} {unit.name}")
            self.changeTree.addTopLevelItem(item)
        for column in range(4):  # whole codes and areas; the reason takes the rest (whole in its tooltip and below)
            self.changeTree.resizeColumnToContents(column)
        self._summarize_changes()
        area = self.widget()  # the scroll area round the form: bring the list into view
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(self.updateGroup, 0, 0)

    def _summarize_changes(self) -> None:
        update = self.update
        if update is None:
            return
        losses = update.comparison.priority_losses
        if not self.changes:
            text = self.tr("No ground changed against {0}: the versions are the same.")
            text = text.format(update.previous.path.name)
        else:
            text = self.tr(
                "{0} changed pieces against {1} (version {2}); {3} priority losses, {4} without a reason."
            ).format(
                len(self.changes),
                update.previous.path.name,
                update.previous.plan_version or "?",
                len(losses),
                len(update.unexplained()),
            )
        if update.same_version():
            text += " " + self.tr("The plan version is still {0}: give the update its own.").format(
                update.previous.plan_version
            )
        self.changeLabel.setText(text)

    def _piece_of(self, item):
        index = item.data(0, CHANGE_ROLE) if item is not None else None
        return self.changes[index] if index is not None and index < len(self.changes) else None

    def change_selected(self, current=None, previous=None) -> None:
        """The reason field shows the reason of the change selected; what was typed for the one
        selected before is kept first."""
        if previous is not None and self.reasonEdit.isModified():
            self.save_reason(previous)
        piece = self._piece_of(current)
        self.reasonEdit.setEnabled(piece is not None)
        self.reasonEdit.setText(self.update.reason(piece) if piece is not None else "")
        self.reasonEdit.setModified(False)

    def go_to_change(self, item, _column=0) -> None:
        index = item.data(0, CHANGE_ROLE)
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if index is None or canvas is None or self.store is None:
            return
        geometry = to_qgs_geometry(self.changes[index].geometry)
        crs = crs_from_text(self.store.crs())
        box = QgsRectangle(geometry.boundingBox())
        box.grow(max(box.width(), box.height(), 200.0) * 0.5)
        canvas.setExtent(self._to_canvas(box, crs))
        canvas.refresh()
        canvas.flashGeometries([geometry], crs)

    def save_reason(self, item=None) -> bool:
        """Keep the reason typed for the selected change (or ``item``'s) in the plan (change_reason,
        change_log)."""
        item = item if item is not None else self.changeTree.currentItem()
        piece = self._piece_of(item)
        if piece is None or self.update is None or self.store is None:
            return False
        text = self.reasonEdit.text().strip()
        key = key_of(piece)
        if text == self.update.reasons.get(key, ""):
            return False
        rows = self.update.reason_rows({key: text}, self.versionEdit.text().strip())
        try:
            self.store.set_change_reasons(rows, QgsApplication.userFullName())
        except EcoZoneError as err:
            self.message(message_text(err.message), Qgis.MessageLevel.Warning)
            return False
        if text:
            self.update.reasons[key] = text
        else:
            self.update.reasons.pop(key, None)
        item.setText(4, text)
        item.setToolTip(4, text)
        self.reasonEdit.setModified(False)
        self._summarize_changes()
        return True

    # --- export ----------------------------------------------------------------------------
    def export_package(self) -> None:
        """Write the package as a background task (maps rendered on the GUI thread); `exported` tells the path."""
        if self.store is None or self.export_task is not None:
            return
        self.save_info()
        self.save_reason()
        store = self.store
        previous = self.previousWidget.filePath().strip()
        update = self.update if self.update is not None and str(self.update.previous.path) == previous else None
        formats = ["gpkg"] + (["shp"] if self.shpBox.isChecked() else []) + (["gdb"] if self.gdbBox.isChecked() else [])
        request = FilingRequest(
            formats=formats,
            element_maps=self.elementMapsBox.isChecked(),
            force=self.forceBox.isChecked(),
            output=self.outputWidget.filePath() or str(Path.home() / default_name(store)),
            previous=previous,
        )
        maps = FilingMaps(store.path, store.info(), request.element_maps)  # its path: the GeoPackage filed
        bridge = self.main_thread

        def render(folder, progress):
            return bridge.call(maps, folder, progress, progress=progress)

        def styles(gpkg, field_map):
            return bridge.call(delivery_styles, gpkg, field_map)

        def work(task):
            with as_geopackage(store) as filed:  # a PostGIS plan: a temporary copy for the print layout
                maps.plan_path = filed.path
                return file_plan(
                    filed, request, render, plugin_version(), TaskProgress(task), style_data=styles, update=update
                )

        def done(exception, result=None):
            self.export_task = None
            self._exporting(False)
            if exception is not None or result is None:
                if isinstance(exception, Canceled) or exception is None:
                    text = self.tr("Canceled: no package was written.")
                elif isinstance(exception, EcoZoneError):
                    text = message_text(exception.message)
                else:
                    text = str(exception).strip()
                self.resultLabel.setText(self.tr("No package was written: {0}").format(text))
                self.message(self.tr("No package was written: {0}").format(text), Qgis.MessageLevel.Warning)
                return
            filed, validation = result
            self.package = str(filed.path)
            self.progressBar.setValue(100)
            url = QUrl.fromLocalFile(self.package).toString()
            self.resultLabel.setText(
                self.tr('Package written: <a href="{0}">{1}</a> ({2} errors, {3} warnings).').format(
                    url, Path(self.package).name, validation.errors, validation.warnings
                )
            )
            self.exported.emit(self.package)

        self.package = ""
        self.progressBar.setValue(0)
        self.resultLabel.setText(self.tr("Writing the filing package…"))
        self._exporting(True)
        self.export_task = self.run_task(self.tr("Writing the filing package"), work, done)
        self.export_task.progressChanged.connect(self._show_progress)

    @pyqtSlot(float)
    def _show_progress(self, value: float) -> None:
        self.progressBar.setValue(int(value))

    def cancel_export(self) -> None:
        if self.export_task is not None:
            self.export_task.cancel()

    def _exporting(self, on: bool) -> None:
        """While a package is written, nothing that would change what it is made of can be touched."""
        inputs = (self.shpBox, self.gdbBox, self.elementMapsBox, self.forceBox, self.outputWidget, self.exportButton)
        for widget in (self.planWidget, self.infoGroup, self.checkButton, self.updateGroup, *inputs):
            widget.setEnabled(not on)
        self.cancelButton.setEnabled(on)

    # --- plumbing --------------------------------------------------------------------------
    def _enable(self, on: bool) -> None:
        for widget in (self.infoGroup, self.checkButton, self.updateGroup, self.exportGroup, self.copyButton):
            widget.setEnabled(on)
        self.cancelButton.setEnabled(False)

    def hideEvent(self, event):  # noqa: N802 - Qt API
        self.save_info()
        super().hideEvent(event)

    def unload(self) -> None:
        self.save_info()
        super().unload()
