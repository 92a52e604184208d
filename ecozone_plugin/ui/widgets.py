"""What the docks share: the plan behind a layer, background tasks, connections, scrolling."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsTask, QgsVectorLayer
from qgis.PyQt.QtWidgets import QFrame, QScrollArea

UNITS_TABLE = "control_units"


def plan_path_of(layer) -> str | None:
    """The plan file when ``layer`` is a plan's control_units table, else None."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    parts = layer.source().split("|")
    options = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    if not parts[0].lower().endswith(".gpkg") or options.get("layername") != UNITS_TABLE:
        return None
    return str(Path(parts[0]).resolve())


def same_plan(path_a: str | None, path_b: str | None) -> bool:
    return bool(path_a and path_b) and str(Path(path_a).resolve()) == str(Path(path_b).resolve())


def plan_units_layer(plan_path: str) -> QgsVectorLayer | None:
    """The project's layer showing this plan's control units, if one is loaded."""
    return next(
        (lyr for lyr in QgsProject.instance().mapLayers().values() if same_plan(plan_path_of(lyr), plan_path)), None
    )


class Tasks:
    """The background tasks a dock started: run one, ask whether any still runs, cancel them."""

    def __init__(self):
        self._tasks: list[QgsTask] = []

    def run(self, description: str, work, done, still_current=None) -> None:
        """Run ``work`` as a QGIS task; ``done`` gets its result unless ``still_current()`` is false by then
        (the dock opened another plan while it ran: the result belongs to the old one and is dropped)."""

        def finished(exception, *result):
            if still_current is None or still_current():
                done(exception, *result)

        task = QgsTask.fromFunction(description, work, on_finished=finished)
        self._tasks = [t for t in self._tasks if _alive(t)] + [task]
        QgsApplication.taskManager().addTask(task)

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
    area.setFrameShape(QFrame.NoFrame)
    area.setWidget(contents)
    dock.setWidget(area)
