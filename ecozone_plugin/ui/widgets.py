"""What the docks share: the plan behind a layer, background tasks, connections, scrolling."""

from __future__ import annotations

import threading
from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsTask, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QObject, QRect, QSize, Qt, QThread, pyqtSignal
from qgis.PyQt.QtWidgets import QFrame, QMessageBox, QScrollArea, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core.messages import EcoZoneError
from ..core.plan.geopackage import GeoPackagePlanStore
from ..core.plan.schema import SCHEMA_VERSION
from ..core.progress import Progress
from ..plan_address import is_plan_address, layer_uri, resolve
from ..qgis_adapters import message_text

UNITS_TABLE = "control_units"
_UNBOUNDED = 100_000


class WrappedText(QStyledItemDelegate):
    """Shows one column of a tree wrapped over as many lines as its text needs, never cut with "…":
    authors proofread whole clauses in the list. Rows grow and shrink as the column is resized."""

    def __init__(self, view, column: int):
        super().__init__(view)
        self.view = view
        self.column = column
        view.setItemDelegateForColumn(column, self)
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.header().sectionResized.connect(self._resized)

    def initStyleOption(self, option, index):
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideNone

    def text_width(self, index) -> int:
        """The width the column leaves its text: less the indentation, a check box and the margins."""
        width = self.view.header().sectionSize(self.column)
        if self.column == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.view.indentation() * (depth + int(self.view.rootIsDecorated()))
        if index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            width -= self.view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 6
        margin = self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        return max(40, width - 2 * margin - 2)

    def sizeHint(self, option, index):
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return hint
        bounds = QRect(0, 0, self.text_width(index), _UNBOUNDED)
        needed = self.view.fontMetrics().boundingRect(
            bounds, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), str(text)
        )
        return QSize(hint.width(), max(hint.height(), needed.height() + 6))

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column == self.column:
            self.view.doItemsLayout()  # row heights follow the new width


PLAN_PROPERTY = "ecozone/plan"  # on a layer a dock loaded: the address of the plan it shows


def plan_path_of(layer) -> str | None:
    """The plan (file, or address of a PostGIS plan a dock loaded) when ``layer`` shows a plan's
    control_units table, else None."""
    if not isinstance(layer, QgsVectorLayer):
        return None
    address = layer.customProperty(PLAN_PROPERTY)
    if address:
        return str(address)
    if layer.providerType() != "ogr":
        return None
    parts = layer.source().split("|")
    options = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    if not parts[0].lower().endswith(".gpkg") or options.get("layername") != UNITS_TABLE:
        return None
    return str(Path(parts[0]).resolve())


def same_plan(path_a: str | None, path_b: str | None) -> bool:
    if not (path_a and path_b):
        return False
    if is_plan_address(path_a) or is_plan_address(path_b):
        return path_a == path_b
    return str(Path(path_a).resolve()) == str(Path(path_b).resolve())


def units_layer_of(store, name: str, style=None) -> QgsVectorLayer:
    """A new layer of the plan's control units (a GeoPackage table, or the PostGIS table through QGIS's
    own provider with no password in its source), styled by ``style(layer)`` and then marked with
    the plan it shows (a style brings custom properties of its own)."""
    if is_plan_address(store.address):
        layer = QgsVectorLayer(layer_uri(store.address, UNITS_TABLE), name, "postgres")
    else:
        layer = QgsVectorLayer(f"{store.path}|layername={UNITS_TABLE}", name, "ogr")
    if style is not None:
        style(layer)
    layer.setCustomProperty(PLAN_PROPERTY, store.address)
    return layer


def plan_units_layer(plan_path: str) -> QgsVectorLayer | None:
    """The project's layer showing this plan's control units, if one is loaded."""
    return next(
        (lyr for lyr in QgsProject.instance().mapLayers().values() if same_plan(plan_path_of(lyr), plan_path)), None
    )


def ask_to_upgrade(parent, path: str, version: int) -> bool:
    """Ask whether a plan of an older schema may be upgraded (a backup copy is kept)."""
    title = QCoreApplication.translate("PlanDock", "Upgrade the plan?")
    text = QCoreApplication.translate("PlanDock", "The plan {0} was made by an older EcoZone (schema version {1}; this version uses {2}). To work on it here it must be upgraded once; a copy of it as it is now is kept beside it. Upgrade it now?")  # noqa: E501  # fmt: skip
    question = text.format(Path(path).name, version, SCHEMA_VERSION)
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_plan_store(parent, path: str, warn, inform) -> GeoPackagePlanStore | None:
    """The plan at ``path`` for a dock, or None (with a warning). Opening writes nothing; a plan of an
    older schema is upgraded only when the author agrees, after a backup copy."""
    try:
        if is_plan_address(path):
            from ..core.plan.address import open_store

            return open_store(resolve(path), shown=path)
        store = GeoPackagePlanStore(path, allow_old=True)
    except EcoZoneError as err:
        warn(message_text(err.message))
        return None
    if not store.needs_migration:
        return store
    if not ask_to_upgrade(parent, path, store.schema_version):
        text = QCoreApplication.translate("PlanDock", "The plan {0} was not opened: it must be upgraded first.")
        warn(text.format(Path(path).name))
        return None
    try:
        backup = store.migrate(QgsApplication.userFullName())
    except EcoZoneError as err:
        warn(message_text(err.message))
        return None
    text = QCoreApplication.translate("PlanDock", "The plan was upgraded; the copy before the upgrade is {0}.")
    inform(text.format(backup))
    return store


class TaskProgress(Progress):
    """Core's progress and cancel hook on a QgsTask."""

    def __init__(self, task):
        self.task = task

    def set_progress(self, percent: float) -> None:
        self.task.setProgress(percent)

    def is_canceled(self) -> bool:
        return self.task.isCanceled()


class MainThread(QObject):
    """Runs a call on the GUI thread for a background task, which waits for its result.

    Print layouts render on the GUI thread only; everything else of a filing runs in a task. The
    call is queued to this object (made on the GUI thread) and the task blocks until it is done,
    so the interface stays live except for the rendering itself.
    """

    _queued = pyqtSignal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._queued.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, job) -> None:
        job()

    def call(self, func, *args, progress: Progress | None = None):
        """func(*args) on the GUI thread; a canceled ``progress`` stops the wait (Canceled)."""
        if QThread.currentThread() is self.thread():
            return func(*args)
        finished = threading.Event()
        outcome: dict = {}

        def job():
            try:
                outcome["value"] = func(*args)
            except BaseException as error:  # noqa: BLE001 - handed back to the waiting thread as it is
                outcome["error"] = error
            finally:
                finished.set()

        self._queued.emit(job)
        while not finished.wait(0.2):
            if progress is not None:
                progress.check()  # the dock went away or the author canceled: do not wait for ever
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]


class Tasks:
    """The background tasks a dock started: run one, ask whether any still runs, cancel them."""

    def __init__(self):
        self._tasks: list[QgsTask] = []

    def run(self, description: str, work, done, still_current=None) -> QgsTask:
        """Run ``work`` as a QGIS task; ``done`` gets its result unless ``still_current()`` is false by then
        (the dock opened another plan while it ran: the result belongs to the old one and is dropped)."""

        def finished(exception, *result):
            if still_current is None or still_current():
                done(exception, *result)

        task = QgsTask.fromFunction(description, work, on_finished=finished)
        self._tasks = [t for t in self._tasks if _alive(t)] + [task]
        QgsApplication.taskManager().addTask(task)
        return task

    def busy(self) -> bool:
        return any(_alive(t) for t in self._tasks)

    def cancel(self) -> None:
        for task in self._tasks:
            if _alive(task):
                task.cancel()


def _alive(task) -> bool:
    try:
        return task.status() not in (QgsTask.Complete, QgsTask.Terminated)
    except RuntimeError:  # the C++ task is gone
        return False


def disconnect_all(connections) -> None:
    """Undo the (signal, slot) connections a dock made; those of deleted objects are gone already."""
    for signal, slot in connections:
        try:
            signal.disconnect(slot)
        except (TypeError, RuntimeError):
            pass


def scrollable(dock) -> None:
    """Put a dock's contents in a scroll area, so the dock can shrink below its form's height."""
    contents = dock.widget()
    area = QScrollArea(dock)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(contents)
    dock.setWidget(area)
