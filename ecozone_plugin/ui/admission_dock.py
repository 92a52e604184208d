"""The admission list dock (准入清单): a unit's effective list beside the map, and the clauses of every level.

The dock follows the selection on the plan's units layer, shows the selected unit and every
clause that applies to it (inherited ones read-only, marked with their level) and lets the
author write the unit's own clauses, the county's and the city's. Every edit goes to the plan
store at once (when the author moves on, after a short pause in typing, or on closing), so
nothing typed is lost. Bulk work runs as QGIS tasks.
"""

from __future__ import annotations

import html
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsExpression,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidgetItem,
)

from ..core.admission.clauses import (
    CLASS_SHORT_LABELS,
    Clause,
    label,
)
from ..core.admission.dimensions import SECTION, scheme
from ..core.admission.editor import ClauseEditor, unit_insertions
from ..core.admission.library import Template, add_user_template, load_library
from ..core.classes import CLASS_LABELS
from ..core.industry import Classification
from ..core.messages import EcoZoneError
from ..core.profile import plan_profile
from ..core.progress import SubProgress
from ..paths import resource
from ..qgis_adapters import message_text, ui_lang
from ..styles import style_layer
from .library_dialog import ClauseLibraryDialog
from .plan_dock import PlanDock
from .widgets import (
    UNITS_TABLE,
    TaskProgress,
    WrappedText,
    plan_path_of,
    plan_units_layer,
    scrollable,
    units_layer_of,
)

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("admission_dock.ui")))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
DIMENSION_ROLE = Qt.ItemDataRole.UserRole + 2
SAVE_DELAY_MS = 1500


def user_library_path() -> Path:
    return Path(QgsApplication.qgisSettingsDirPath()) / "ecozone" / "clause_library.json"


class AdmissionDock(PlanDock, FORM_CLASS):
    """Controller of admission_dock.ui."""

    preferred_width = 400  # what the form needs without a horizontal scrollbar, in pixels

    planChanged = pyqtSignal(str)  # noqa: N815 - Qt signal naming
    changed = pyqtSignal()  # after every write to the store

    def __init__(self, iface, parent=None, library_path: Path | None = None):
        super().__init__(iface, parent)
        self.setupUi(self)
        scrollable(self)
        self.setObjectName("EcoZoneAdmissionDock")
        self.units_layer: QgsVectorLayer | None = None
        self.unit = None
        self.editing: Clause | None = None  # the own clause in the editor; None: a new one
        self.dirty = False
        self.editor: ClauseEditor | None = None  # the admission list of the open plan, as the author edits it
        self.incomplete: dict[str, list[int]] = {}
        self.library_path = library_path or user_library_path()
        self._loading = False

        self.planWidget = self.make_plan_widget()
        self.planLayout.insertWidget(1, self.planWidget, 1)
        self.planLayout.insertWidget(2, self.make_team_button())
        for level, text in (("unit", self.tr("Unit")), ("county", self.tr("County")), ("city", self.tr("City"))):
            self.levelCombo.addItem(text, level)
        self.classCombo.addItem(self.tr("All units"), None)
        for unit_class in (1, 2, 3):
            self.classCombo.addItem(label(CLASS_LABELS, unit_class, ui_lang()), unit_class)
        self.dimensions = scheme(None)
        self._fill_dimensions()
        self.clauseTree.setColumnWidth(0, 70)
        self.clauseTree.setColumnWidth(1, 90)
        self.clause_text = WrappedText(self.clauseTree, 2)  # whole clauses, never "…"
        self._add_clause_fields()
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self._seen_log = None  # the newest change_log id the dock has shown

        self._connections = [
            (self.planWidget.fileChanged, self.open_plan),
            (self.levelCombo.currentIndexChanged, self._level_changed),
            (self.scopeCombo.currentIndexChanged, self._scope_changed),
            (self.clauseTree.itemSelectionChanged, self._clause_selected),
            (self.textEdit.textChanged, self._edited),
            (self.industryEdit.textEdited, self._edited),
            (self.industryEdit.textChanged, self._describe_codes),
            (self.tagEdit.textEdited, self._edited),
            (self.typeCombo.activated, self._edited),
            (self.adoptButton.clicked, self.adopt_proposed),
            (self.setAsideButton.clicked, self.set_aside_proposed),
            (self.dimensionCombo.activated, self._edited),
            (self.save_timer.timeout, self.commit_pending),
            (self.newButton.clicked, self.new_clause),
            (self.saveButton.clicked, self.commit_pending),
            (self.deleteButton.clicked, self.delete_clause),
            (self.upButton.clicked, lambda: self.move_clause(-1)),
            (self.downButton.clicked, lambda: self.move_clause(1)),
            (self.undoButton.clicked, self.undo),
            (self.libraryButton.clicked, self.open_library),
            (self.selectIncompleteButton.clicked, self.select_incomplete),
            (self.createPlanButton.clicked, self.run_create_plan),
        ]
        self._connections.append((QgsProject.instance().layersAdded, self._layers_added))
        self._connections.append((QgsApplication.instance().aboutToQuit, self.commit_pending))
        self.connect_all()
        self._level_changed()

    # --- plan and units layer ---------------------------------------------------------------
    def open_plan(self, path: str) -> None:
        self.commit_pending()
        if not path:
            return
        store = self.open_store(path)
        if store is None:
            return
        self.store = store
        try:
            self.dimensions = scheme(plan_profile(store))  # the province's names and order
        except EcoZoneError as err:
            self.warn(message_text(err.message))
            self.dimensions = scheme(None)
        self.editor = ClauseEditor(store, QgsApplication.userFullName(), self.dimensions.position)
        self.unit = None
        self._fill_dimensions()
        self._attach_units_layer()
        self._loading = True
        self.scopeCombo.clear()
        for code, name in store.counties():
            self.scopeCombo.addItem(f"{code} {name}", code)
        self._loading = False
        newest = store.history(1)
        self._seen_log = newest[0].id if newest else 0
        self.sync_timer.start()
        self.planChanged.emit(store.address)
        self._selection_changed()
        self.refresh_completeness()

    def _fill_dimensions(self) -> None:
        """The dimension choice in the plan profile's order and names, numbered as the province does."""
        lang = ui_lang()
        self.dimensionCombo.clear()
        for dimension in self.dimensions.shown():
            number = self.dimensions.position(dimension)
            self.dimensionCombo.addItem(f"{number} {self.dimensions.label(dimension, lang)}", dimension)

    def _detach_units_layer(self) -> None:
        if self.units_layer is not None:
            try:
                self.units_layer.selectionChanged.disconnect(self._selection_changed)
            except (TypeError, RuntimeError):  # the layer is gone already (removed, project cleared)
                pass
        self.units_layer = None

    def _attach_units_layer(self) -> None:
        self._detach_units_layer()
        self.units_layer = plan_units_layer(self.store.address)
        if self.units_layer is None:
            layer = units_layer_of(
                self.store, self.tr("Control units (plan)"), lambda new: style_layer(new, "control_units", ui_lang())
            )
            QgsProject.instance().addMapLayer(layer)
            self.units_layer = layer
        self.units_layer.selectionChanged.connect(self._selection_changed)

    def _layers_added(self, layers) -> None:
        if self.store is None:
            for layer in layers:
                if plan_path_of(layer):
                    self.set_plan(plan_path_of(layer))
                    return

    def selected_uids(self) -> list[str]:
        if self.units_layer is None:
            return []
        return [str(f["unit_uid"]) for f in self.units_layer.selectedFeatures()]

    def _selection_changed(self, *args) -> None:
        self.commit_pending()
        uids = self.selected_uids()
        self.unit = self.store.unit(uids[0]) if (self.store and uids) else None
        if self.level() == "unit":
            self.refresh()

    # --- what is shown ----------------------------------------------------------------------
    def level(self) -> str:
        return self.levelCombo.currentData()

    def scope(self) -> str:
        if self.level() == "unit":
            return self.unit.uid if self.unit else ""
        if self.level() == "county":
            return self.scopeCombo.currentData() or ""
        return ""

    def _editor(self) -> ClauseEditor | None:
        """The editor, aimed at what the dock shows now (the unit, the county or the city, and the class)."""
        if self.editor is not None:
            self.editor.set_target(self.level(), self.scope(), self.classCombo.currentData())
        return self.editor

    def _level_changed(self, *args) -> None:
        self.commit_pending()
        level = self.level()
        self.scopeCombo.setVisible(level == "county")
        self.classCombo.setVisible(level != "unit")
        self.refresh()

    def _scope_changed(self, *args) -> None:
        if not self._loading:
            self.commit_pending()
            self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        """Rebuild the list from the store, keeping (or moving to) the selected clause."""
        if select_id is None and self.editing is not None:
            select_id = self.editing.id
        self._loading = True
        self.clauseTree.clear()
        self.editing = None
        self.dirty = False
        self._show_editor(None)
        lang = ui_lang()
        if self.store is None:
            self.unitLabel.setText(self.tr("Open a plan, then select a unit on the map."))
            self._loading = False
            self._update_buttons()
            return
        if self.level() == "unit":
            clauses = self._unit_view()
        else:
            clauses = self._editor().shown()
            if self.level() == "county":
                self.unitLabel.setText(
                    self.tr("County {0}: clauses for all its units, or for one class.").format(
                        self.scopeCombo.currentText()
                    )
                )
            else:
                self.unitLabel.setText(self.tr("City: clauses for every unit of the plan, or for one class."))
        groups = {}
        bold = QFont()
        bold.setBold(True)
        shown = self.dimensions.shown()
        used = {c.dimension for c in clauses}
        for dimension in shown:
            if dimension == SECTION and SECTION not in used:
                continue  # the section shows only where the list has one
            number = str(self.dimensions.position(dimension)) if dimension != SECTION else ""
            item = QTreeWidgetItem([number, "", self.dimensions.label(dimension, lang)])
            item.setFont(2, bold)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setData(0, ID_ROLE, None)
            item.setData(0, DIMENSION_ROLE, dimension)
            self.clauseTree.addTopLevelItem(item)
            groups[dimension] = item
        selected_item = None
        for clause in clauses:
            own = self._is_own(clause)
            source = self._source_text(clause)
            item = QTreeWidgetItem([clause.clause_no, source, clause.text])
            item.setToolTip(2, clause.text)
            item.setToolTip(0, clause.text)
            item.setData(0, ID_ROLE, clause.id)
            if not own:
                grey = QBrush(QColor("#6b6b6b"))
                for column in range(3):
                    item.setForeground(column, grey)
                item.setToolTip(1, self.tr("Inherited from the {0} level: edit it there.").format(source))
            groups[clause.dimension if clause.dimension in groups else shown[0]].addChild(item)
            if clause.id == select_id and own:
                selected_item = item
        self.clauseTree.expandAll()
        self._loading = False
        if selected_item is not None:
            self.clauseTree.setCurrentItem(selected_item)
        self._update_buttons()

    def _unit_view(self) -> list[Clause]:
        if self.unit is None:
            layer_name = self.units_layer.name() if self.units_layer is not None else UNITS_TABLE
            self.unitLabel.setText(self.tr("Select a unit on layer {0}.").format(layer_name))
            return []
        unit = self.unit
        effective = self.store.effective_list(unit.uid)  # its missing dimensions too: read once
        lang = ui_lang()
        missing = effective.missing_dimensions(self.dimensions)
        text = self.tr("<b>{0}</b> {1}<br>{2} · {3} {4} · {5:.2f} km²").format(
            unit.code,
            unit.name,
            label(CLASS_LABELS, unit.unit_class, lang),
            unit.county_code,
            unit.county_name,
            unit.area_km2,
        )
        if unit.elements:
            text += "<br>" + self.tr("Elements: {0}").format(unit.elements)
        if missing:
            names = "、".join(self.dimensions.label(d, lang) for d in missing)
            text += "<br><span style='color:#b00020'>" + self.tr("No clause yet: {0}").format(names) + "</span>"
        self.unitLabel.setText(text)
        return effective.clauses

    def _is_own(self, clause: Clause) -> bool:
        return self._editor().is_own(clause)

    def _source_text(self, clause: Clause) -> str:
        names = {"city": self.tr("City"), "county": self.tr("County"), "unit": self.tr("Unit")}
        text = names[clause.level]
        if clause.class_filter:
            text += " · " + label(CLASS_SHORT_LABELS, clause.class_filter, ui_lang())
        return text

    def _selected_own_clause(self) -> Clause | None:
        item = self.clauseTree.currentItem()
        if item is None or self.store is None:
            return None
        return self._editor().own(item.data(0, ID_ROLE))

    def _clause_selected(self) -> None:
        if self._loading:
            return
        self.commit_pending()
        clause = self._selected_own_clause()
        self.editing = clause
        item = self.clauseTree.currentItem()
        if clause is None and item is not None and item.data(0, ID_ROLE) is not None:
            self._show_editor(None, inherited_text=item.text(2))  # inherited: shown, edited at its level
        else:
            self._show_editor(clause)
            if clause is None and item is not None:
                group = item if item.parent() is None else item.parent()
                self.dimensionCombo.setCurrentIndex(max(0, self.dimensionCombo.findData(group.data(0, DIMENSION_ROLE))))
        self._update_buttons()

    def _add_clause_fields(self) -> None:
        """Tag, type and industries of the clause being edited, under the text (editorLayout)."""
        self.gb = Classification.load()
        self.tagEdit = QLineEdit(self.editorGroup)
        self.tagEdit.setPlaceholderText(self.tr("Element tag as published, e.g. 水, 大气, 产业"))
        self.typeCombo = QComboBox(self.editorGroup)
        self.typeCombo.addItem(self.tr("From the wording"), "")
        for key, text in (
            ("prohibit", self.tr("Prohibit")),
            ("restrict", self.tr("Restrict")),
            ("encourage", self.tr("Encourage")),
            ("general", self.tr("General")),
        ):
            self.typeCombo.addItem(text, key)
        self.industrySearch = QLineEdit(self.editorGroup)
        self.industrySearch.setPlaceholderText(self.tr("Find an industry by code or name"))
        completer = QCompleter([f"{i.code} {i.name}" for i in self.gb.by_code.values()], self.industrySearch)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated[str].connect(self._add_found_code)
        self.industrySearch.setCompleter(completer)
        self.codesLabel = QLabel(self.editorGroup)
        self.codesLabel.setWordWrap(True)
        self.adoptButton = QPushButton(self.tr("Adopt"), self.editorGroup)
        self.adoptButton.setToolTip(self.tr("Confirm the codes proposed from the clause's wording"))
        self.setAsideButton = QPushButton(self.tr("Set aside"), self.editorGroup)
        self.setAsideButton.setToolTip(self.tr("Do not use the proposed codes for this clause"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.adoptButton)
        buttons.addWidget(self.setAsideButton)
        buttons.addStretch(1)
        layout = self.editorLayout
        layout.insertRow(1, self.tr("Tag"), self.tagEdit)
        layout.insertRow(2, self.tr("Type"), self.typeCombo)
        layout.addRow("", self.industrySearch)
        layout.addRow("", self.codesLabel)
        layout.addRow("", buttons)

    def _add_found_code(self, entry: str) -> None:
        code = entry.split(" ")[0]
        codes = [c for c in self.industryEdit.text().replace("；", ";").split(";") if c.strip()]
        if code not in codes:
            self.industryEdit.setText(";".join(codes + [code]))
            self._edited()
        self.industrySearch.clear()

    def _describe_codes(self, *args) -> None:
        """The clause's codes with their names, and what its wording proposes."""

        def named(codes) -> str:
            return "；".join(
                f"{c} {self.gb.name(c)}" if self.gb.name(c) else self.tr("{0} (unknown)").format(c) for c in codes
            )

        confirmed = [c for c in self.industryEdit.text().replace("；", ";").split(";") if c.strip()]
        proposed = [
            c for c in (self.editing.proposed_codes.split(";") if self.editing else []) if c and c not in confirmed
        ]
        lines = [named(confirmed)] if confirmed else []
        if proposed:
            lines.append(self.tr("Proposed from the wording: {0}").format(named(proposed)))
        self.codesLabel.setText("<br>".join(html.escape(line) for line in lines))
        self.codesLabel.setVisible(bool(lines))
        for button in (self.adoptButton, self.setAsideButton):
            button.setVisible(bool(proposed))

    def adopt_proposed(self) -> None:
        """The proposed codes become the clause's confirmed codes."""
        editing = self.editing
        if editing is None:
            return
        self.commit_pending()
        editing = self.editing or editing
        codes = [c for c in editing.industry_codes.split(";") if c] + [
            c for c in editing.proposed_codes.split(";") if c
        ]
        self._write_edit(lambda editor: editor.update(editing, editing.text, editing.dimension, ";".join(codes)))

    def set_aside_proposed(self) -> None:
        editing = self.editing
        if editing is None:
            return
        self.commit_pending()
        editing = self.editing or editing
        self._write_edit(
            lambda editor: editor.update(
                editing, editing.text, editing.dimension, editing.industry_codes, proposed_codes=""
            )
        )

    def _write_edit(self, change) -> None:
        written = self._edit(change)
        if written:
            self.editing = written
            self._after_write(written.id)

    def _show_editor(self, clause: Clause | None, inherited_text: str | None = None) -> None:
        self._loading, was_loading = True, self._loading
        self.tagEdit.setText(clause.element_tag if clause else "")
        self.tagEdit.setReadOnly(inherited_text is not None)
        inferred = clause is None or clause.type_inferred
        self.typeCombo.setCurrentIndex(0 if inferred else max(0, self.typeCombo.findData(clause.clause_type)))
        wording = self.typeCombo.itemText(self.typeCombo.findData(clause.clause_type)) if clause else ""
        self.typeCombo.setItemText(
            0, self.tr("From the wording: {0}").format(wording) if clause and inferred else self.tr("From the wording")
        )
        self.typeCombo.setEnabled(inherited_text is None)
        self.textEdit.setPlainText(clause.text if clause else (inherited_text or ""))
        self.textEdit.setReadOnly(inherited_text is not None)
        self.industryEdit.setText(clause.industry_codes if clause else "")
        self.industryEdit.setReadOnly(inherited_text is not None)
        if clause is not None:
            self.dimensionCombo.setCurrentIndex(max(0, self.dimensionCombo.findData(clause.dimension)))
        if inherited_text is not None:
            title = self.tr("Inherited clause (read-only)")
        else:
            title = self.tr("Clause {0}").format(clause.clause_no) if clause else self.tr("New clause")
        self.editorGroup.setTitle(title)
        self._loading = was_loading
        self._describe_codes()

    def _update_buttons(self) -> None:
        can_write = self.store is not None and self._editor().target.writable
        own = self.editing is not None
        self.editorGroup.setEnabled(can_write)
        for button in (self.newButton, self.saveButton, self.libraryButton):
            button.setEnabled(can_write)
        for button in (self.deleteButton, self.upButton, self.downButton):
            button.setEnabled(can_write and own)
        self.undoButton.setEnabled(self.editor is not None and self.editor.can_undo())
        self.selectIncompleteButton.setEnabled(self.store is not None and bool(self.incomplete))

    # --- writing ----------------------------------------------------------------------------
    def _edited(self, *args) -> None:
        if self._loading or self.textEdit.isReadOnly():
            return
        self.dirty = True
        self.save_timer.start()

    def commit_pending(self) -> bool:
        """Save what is typed in the editor; True when something was written."""
        self.save_timer.stop()
        if not self.dirty or self.store is None:
            return False
        self.dirty = False
        text = self.textEdit.toPlainText().strip()
        industry = self.industryEdit.text()
        dimension = self.dimensionCombo.currentData()
        if self.editing is not None and not text:
            self.warn(self.tr("A clause cannot be empty: use Delete to remove it."))
            return False
        editing = self.editing
        tag, clause_type = self.tagEdit.text(), self.typeCombo.currentData()
        if editing is None:
            written = self._edit(lambda editor: editor.add(text, dimension, industry, tag, clause_type))
        else:
            written = self._edit(
                lambda editor: editor.update(editing, text, dimension, industry, tag, clause_type),
                as_new=lambda editor: editor.add(text, dimension, industry, tag, clause_type),
            )
        if not written:
            return False
        self.editing = written
        self._after_write(written.id)
        return True

    def _edit(self, change, as_new=None):
        """What one of the editor's writes returns; a refusal is shown (and None returned), nothing changes.

        When another author changed the clause since it was read (EZ-T026), the author chooses: see
        their version (reload), or keep this text as a new clause (``as_new``)."""
        try:
            return change(self._editor())
        except EcoZoneError as err:
            if err.message.code == "EZ-T026":
                choice = self.ask_about_stale(message_text(err.message), as_new is not None)
                if choice == "new" and as_new is not None:
                    return self._edit(as_new)
                self.refresh()
                return None
            self.warn(message_text(err.message))
            return None

    def ask_about_stale(self, text: str, can_keep: bool) -> str:
        """'new' to keep the author's text as a new clause, 'reload' to see the other author's."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed by another author"), text, parent=self)
        keep = (
            box.addButton(self.tr("Keep mine as a new clause"), QMessageBox.ButtonRole.AcceptRole) if can_keep else None
        )
        box.addButton(self.tr("Show their version"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return "new" if keep is not None and box.clickedButton() is keep else "reload"

    def refresh_from_plan(self) -> bool:
        """Show what other authors wrote since the dock last looked (not while the author is typing)."""
        if self.store is None or self.dirty:
            return False
        newest = self.store.history(1)
        newest_id = newest[0].id if newest else 0
        if newest_id == self._seen_log:
            return False
        self._seen_log = newest_id
        selected = self._selected_own_clause()
        self.refresh(selected.id if selected else None)
        self.refresh_completeness()
        return True

    def _after_write(self, select_id: int | None = None) -> None:
        self.refresh(select_id)
        self.refresh_completeness()
        newest = self.store.history(1) if self.store is not None else []
        self._seen_log = newest[0].id if newest else self._seen_log
        self.changed.emit()

    def new_clause(self) -> None:
        self.commit_pending()
        self._loading = True
        self.clauseTree.clearSelection()
        self.clauseTree.setCurrentItem(None)
        self._loading = False
        self.editing = None
        self._show_editor(None)
        self._update_buttons()
        self.textEdit.setFocus()

    def delete_clause(self) -> None:
        self.commit_pending()
        clause = self._selected_own_clause()
        if clause is not None and self._edit(lambda editor: editor.delete(clause.id)):
            self.editing = None
            self._after_write()

    def move_clause(self, step: int) -> None:
        self.commit_pending()
        clause = self._selected_own_clause()
        if clause is not None and self._edit(lambda editor: editor.move(clause.id, step)):
            self._after_write(clause.id)

    def undo(self) -> None:
        self.commit_pending()
        if self.editor is not None and self.editor.can_undo() and self._edit(lambda editor: editor.undo()):
            self._after_write()

    # --- clause library ---------------------------------------------------------------------
    def library(self) -> list[Template]:
        try:
            return load_library(resource("clauses", "default.json"), self.library_path)
        except EcoZoneError as err:
            self.warn(message_text(err.message))
            return []

    def open_library(self) -> None:
        self.commit_pending()
        unit_class = self.unit.unit_class if (self.level() == "unit" and self.unit) else self.classCombo.currentData()
        dialog = ClauseLibraryDialog(
            self.library(),
            unit_class,
            self.dimensionCombo.currentData(),
            len(self.selected_uids()) if self.level() == "unit" else 0,
            current_text=self.textEdit.toPlainText().strip() if self.editing else "",
            parent=self,
        )
        if not dialog.exec():
            return
        if dialog.saved_template is not None:
            add_user_template(self.library_path, dialog.saved_template)
        if dialog.chosen:
            if dialog.target == "selected":
                self.insert_into_units(dialog.chosen, self.selected_uids())
            else:
                self.insert_here(dialog.chosen)

    def insert_here(self, templates: list[Template]) -> None:
        """Add templates as clauses of what the dock shows (the unit, the county or the city)."""
        if self._edit(lambda editor: editor.insert(templates)):
            self._after_write()

    def insert_into_units(self, templates: list[Template], uids: list[str]) -> None:
        """Add templates to every given unit in one write, as a background task."""
        store, editor = self.store, self.editor

        def work(task):
            changes = unit_insertions(store, templates, uids, SubProgress(TaskProgress(task), 0, 80))
            return store.apply(changes, editor.author, "library") if changes else []

        def done(exception, log_ids=None):
            if exception is not None:
                self.warn(message_text(exception.message) if isinstance(exception, EcoZoneError) else str(exception))
                return
            if log_ids:
                editor.history.push(store, log_ids)
                self.iface.messageBar().pushMessage(
                    self.windowTitle(),
                    self.tr("{0} clauses inserted into {1} units.").format(len(log_ids), len(uids)),
                    Qgis.MessageLevel.Success,
                    5,
                )
            self._after_write()

        self.run_task(self.tr("Inserting clauses into {0} units").format(len(uids)), work, done)

    # --- completeness -----------------------------------------------------------------------
    def refresh_completeness(self) -> None:
        if self.store is None:
            return
        store = self.store

        def work(task):
            return len(store.units()), store.incomplete_units(self.dimensions)

        def done(exception, result=None):
            if exception is not None or result is None:
                return
            total, incomplete = result
            self.incomplete = incomplete
            if incomplete:
                self.completenessLabel.setText(
                    self.tr("{0} of {1} units lack a clause in some dimension.").format(len(incomplete), total)
                )
            else:
                self.completenessLabel.setText(
                    self.tr("All {0} units have clauses in all four dimensions.").format(total)
                )
            self._update_buttons()

        self.run_task(self.tr("Checking the admission list"), work, done)

    def select_incomplete(self) -> None:
        if self.units_layer is None or not self.incomplete:
            return
        values = ",".join(QgsExpression.quotedValue(uid) for uid in sorted(self.incomplete))
        self.units_layer.selectByExpression(f'"unit_uid" IN ({values})')
        if self.iface is not None and hasattr(self.iface, "setActiveLayer"):
            self.iface.setActiveLayer(self.units_layer)

    # --- plumbing ---------------------------------------------------------------------------
    def run_create_plan(self) -> None:
        from processing import execAlgorithmDialog

        result = execAlgorithmDialog("ecozone:createplan", {})
        if result and result.get("OUTPUT"):
            self.set_plan(result["OUTPUT"])

    def hideEvent(self, event):  # noqa: N802 - Qt API
        self.commit_pending()
        super().hideEvent(event)

    def closeEvent(self, event):  # noqa: N802 - Qt API
        self.commit_pending()
        super().closeEvent(event)

    def unload(self) -> None:
        """Save what is typed and disconnect exactly what was connected."""
        self.commit_pending()
        super().unload()
        self._detach_units_layer()
