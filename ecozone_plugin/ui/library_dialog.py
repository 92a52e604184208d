"""The clause library dialog: pick templates by dimension for a class, insert them here or into the selected units."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..core.admission.clauses import DIMENSION_LABELS, DIMENSIONS, label
from ..core.admission.library import Template, templates_for
from ..core.classes import CLASS_LABELS
from ..qgis_adapters import ui_lang
from .widgets import WrappedText

TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 2


class ClauseLibraryDialog(QDialog):
    """Shows the templates that suit a class; the checked ones are returned in ``chosen``."""

    def __init__(
        self, templates: list[Template], unit_class, dimension, selected_units: int, current_text: str = "", parent=None
    ):
        super().__init__(parent)
        self.setObjectName("EcoZoneClauseLibrary")
        self.setWindowTitle(self.tr("Clause library"))
        self.resize(640, 520)
        self.chosen: list[Template] = []
        self.target = "here"
        self.saved_template: Template | None = None
        self._unit_class = unit_class
        self._dimension = dimension
        self._current_text = current_text
        lang = ui_lang()
        layout = QVBoxLayout(self)
        heading = self.tr("Templates for {0}").format(
            label(CLASS_LABELS, unit_class, lang) if unit_class else self.tr("all units")
        )
        layout.addWidget(QLabel(heading))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Template"), self.tr("Source")])
        self.tree.setColumnWidth(0, 520)
        self.template_text = WrappedText(self.tree, 0)  # whole templates, never "…"
        for dim in DIMENSIONS:
            group = QTreeWidgetItem([label(DIMENSION_LABELS, dim, lang), ""])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for template in templates_for(templates, unit_class, dim):
                item = QTreeWidgetItem([template.text, self._source(template)])
                item.setToolTip(0, template.text)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setData(0, TEMPLATE_ROLE, template)
                group.addChild(item)
            group.setExpanded(dim == dimension or dimension is None)
        layout.addWidget(self.tree)
        self.selected_box = QCheckBox(self.tr("Insert into all {0} selected units").format(selected_units))
        self.selected_box.setEnabled(selected_units > 1)
        layout.addWidget(self.selected_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Insert"))
        self.save_button = QPushButton(self.tr("Add the current clause to the library"))
        self.save_button.setEnabled(bool(current_text))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._save_current)
        layout.addWidget(buttons)

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ClauseLibraryDialog", text)

    def _source(self, template: Template) -> str:
        return self.tr("Bundled") if template.source == "default" else self.tr("Mine")

    def check(self, texts: list[str]) -> None:
        """Tick the templates with these texts (used by the tests and by keyboard users alike)."""
        for item in self.template_items():
            if item.data(0, TEMPLATE_ROLE).text in texts:
                item.setCheckState(0, Qt.CheckState.Checked)

    def template_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            items += [group.child(j) for j in range(group.childCount())]
        return items

    def _save_current(self) -> None:
        self.saved_template = Template(self._dimension, self._current_text, self._unit_class, source="user")
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("Added to the library"))

    def accept(self) -> None:
        self.chosen = [
            i.data(0, TEMPLATE_ROLE) for i in self.template_items() if i.checkState(0) == Qt.CheckState.Checked
        ]
        self.target = "selected" if self.selected_box.isChecked() else "here"
        super().accept()
