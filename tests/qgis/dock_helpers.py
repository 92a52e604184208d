"""Shared by the dock tests: let QGIS finish a dock's background tasks."""

from __future__ import annotations

import time

from qgis.core import QgsApplication


def wait(dock, seconds: float = 60.0) -> None:
    """Let QGIS run the dock's tasks and deliver their results."""
    deadline = time.monotonic() + seconds
    QgsApplication.processEvents()
    while dock.busy() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    QgsApplication.processEvents()
    assert not dock.busy(), "the dock's task did not finish"
