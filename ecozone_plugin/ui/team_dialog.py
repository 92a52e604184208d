"""Choosing a plan in the team store: one of QGIS's stored PostgreSQL connections, then one of the
EcoZone plans (schemas) it holds."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from .. import plan_address
from ..core.messages import EcoZoneError
from ..core.plan.postgis import list_plans, split_address
from ..qgis_adapters import message_text


def tr(text: str) -> str:
    return QCoreApplication.translate("TeamPlanDialog", text)


class TeamPlanDialog(QDialog):
    """The plans of a stored connection; ``address`` is the one chosen (pgconn:NAME/SCHEMA)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Plans in the team store"))
        self.address = ""
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.connectionCombo = QComboBox(self)
        form.addRow(tr("Connection"), self.connectionCombo)
        layout.addLayout(form)
        self.planTree = QTreeWidget(self)
        self.planTree.setRootIsDecorated(False)
        self.planTree.setHeaderLabels([tr("Plan (schema)"), tr("Counties"), tr("Version")])
        layout.addWidget(self.planTree, 1)
        self.statusLabel = QLabel(self)
        self.statusLabel.setWordWrap(True)
        layout.addWidget(self.statusLabel)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.planTree.itemDoubleClicked.connect(lambda *_a: self.accept())
        self.connectionCombo.currentIndexChanged.connect(self.show_plans)
        names = plan_address.stored_connections()
        self.connectionCombo.addItems(names)
        if not names:
            self.statusLabel.setText(
                tr("QGIS has no stored PostgreSQL connection: add one in the Browser (PostgreSQL › New Connection).")
            )
        self.resize(560, 360)

    def show_plans(self, *_args) -> None:
        self.planTree.clear()
        name = self.connectionCombo.currentText()
        if not name:
            return
        try:
            dsn, _schema = split_address(plan_address.resolve(f"{plan_address.PREFIX}{name}/-"))
            plans = list_plans(dsn)
        except EcoZoneError as err:
            self.statusLabel.setText(message_text(err.message))
            return
        for plan in plans:
            item = QTreeWidgetItem([plan["schema"], plan["county_names"].replace(";", "、"), plan["plan_version"]])
            item.setData(0, Qt.ItemDataRole.UserRole, plan["schema"])
            self.planTree.addTopLevelItem(item)
        if plans:
            self.planTree.setCurrentItem(self.planTree.topLevelItem(0))
            self.statusLabel.setText(tr("{0} plans in {1}.").format(len(plans), name))
        else:
            self.statusLabel.setText(
                tr("The connection {0} holds no EcoZone plan yet (Copy plan puts one there).").format(name)
            )

    def accept(self) -> None:
        item = self.planTree.currentItem()
        if item is None:
            return
        self.address = (
            f"{plan_address.PREFIX}{self.connectionCombo.currentText()}/{item.data(0, Qt.ItemDataRole.UserRole)}"
        )
        super().accept()
