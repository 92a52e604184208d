"""Small helpers the docks share."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QFrame, QScrollArea


def scrollable(dock) -> None:
    """Put a dock's contents in a scroll area, so the dock can shrink below its form's height."""
    contents = dock.widget()
    area = QScrollArea(dock)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setWidget(contents)
    dock.setWidget(area)
