"""What the two plan docks share: the plan they work on, what other authors wrote meanwhile,
messages, background tasks, unload."""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication
from qgis.gui import QgsDockWidget, QgsFileWidget
from qgis.PyQt.QtCore import QCoreApplication, QTimer
from qgis.PyQt.QtWidgets import QApplication, QToolButton

from .widgets import Tasks, disconnect_all, open_plan_store, plan_path_of, same_plan

SYNC_INTERVAL_MS = 15_000  # how often an open dock looks for what other authors wrote


class PlanDock(QgsDockWidget):
    """A dock that works on one plan at a time.

    The plan is chosen in a file widget or followed from the active layer; messages go to QGIS's
    message bar under the dock's title; background tasks run on the plan open when they start,
    and their results are dropped when another plan was opened meanwhile; unload undoes exactly
    the connections the dock made. Subclasses list their (signal, slot) pairs in
    ``self._connections`` and call ``connect_all()``.

    What other authors of a team store wrote is shown by ``refresh_from_plan`` (overridden): when
    the dock is shown, when the focus comes into it from elsewhere, and every SYNC_INTERVAL_MS
    while a plan is open.
    """

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.store = None
        self.tasks = Tasks()
        self._connections: list = []
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(SYNC_INTERVAL_MS)

    def tr(self, text: str) -> str:
        # pylupdate5 files self.tr() strings under the class that calls it: the subclass's name
        return QCoreApplication.translate(type(self).__name__, text)

    def make_plan_widget(self) -> QgsFileWidget:
        widget = QgsFileWidget(self)
        widget.setFilter(QCoreApplication.translate("PlanDock", "GeoPackage (*.gpkg)"))
        widget.setDialogTitle(QCoreApplication.translate("PlanDock", "Open a plan"))
        return widget

    def make_team_button(self) -> QToolButton:
        """The button beside the plan field that chooses a plan of the team store (PostGIS)."""
        button = QToolButton(self)
        button.setIcon(QgsApplication.getThemeIcon("/mIconPostgis.svg"))
        button.setToolTip(QCoreApplication.translate("PlanDock", "Open a plan of the team store (PostGIS)"))
        button.clicked.connect(self.choose_team_plan)
        return button

    def choose_team_plan(self) -> None:
        from .team_dialog import TeamPlanDialog

        dialog = TeamPlanDialog(self)
        if dialog.exec() and dialog.address:
            self.set_plan(dialog.address)

    def connect_all(self) -> None:
        if hasattr(self.iface, "currentLayerChanged"):
            self._connections.append((self.iface.currentLayerChanged, self._layer_activated))
        self._connections += [
            (self.sync_timer.timeout, self.refresh_from_plan),
            (self.visibilityChanged, self._shown),
            (QApplication.instance().focusChanged, self._focus_changed),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    # --- what other authors wrote -----------------------------------------------------------
    def refresh_from_plan(self) -> bool:  # overridden: True when the dock showed something new
        return False

    def _shown(self, visible: bool) -> None:
        if visible:
            self.refresh_from_plan()

    def _focus_changed(self, old, new) -> None:
        """The author comes back to the dock (from the map, another dock, another program)."""
        if new is not None and self.isAncestorOf(new) and (old is None or not self.isAncestorOf(old)):
            self.refresh_from_plan()

    # --- the plan ---------------------------------------------------------------------------
    def set_plan(self, path: str) -> None:
        """Open a plan (as if chosen in the file widget)."""
        if self.planWidget.filePath() != path:
            self.planWidget.setFilePath(path)  # emits fileChanged -> open_plan
        else:
            self.open_plan(path)

    def open_plan(self, path: str) -> None:  # overridden: what the dock shows of the plan
        raise NotImplementedError

    def may_change_plan(self) -> bool:
        """False while the dock's work on the open plan must not be interrupted."""
        return True

    def open_store(self, path: str):
        """The plan at path, or None with the reason on the message bar (an old plan is upgraded only if agreed)."""
        return open_plan_store(self, path, self.warn, self.inform)

    def _layer_activated(self, layer) -> None:
        path = plan_path_of(layer)
        if path and self.may_change_plan() and (self.store is None or not same_plan(self.store.address, path)):
            self.set_plan(path)

    # --- messages and tasks -------------------------------------------------------------------
    def message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        if self.iface is not None:
            self.iface.messageBar().pushMessage(self.windowTitle(), text, level, 10)

    def warn(self, text: str) -> None:
        self.message(text, Qgis.MessageLevel.Warning)

    def inform(self, text: str) -> None:
        self.message(text, Qgis.MessageLevel.Info)

    def run_task(self, description: str, work, done):
        """Run work on the plan open now as a QGIS task; its result is dropped if another plan is open by then."""
        store = self.store
        return self.tasks.run(description, work, done, still_current=lambda: self.store is store)

    def busy(self) -> bool:
        return self.tasks.busy()

    def unload(self) -> None:
        """Cancel the dock's tasks and disconnect exactly what it connected."""
        self.tasks.cancel()
        self.sync_timer.stop()
        disconnect_all(self._connections)
