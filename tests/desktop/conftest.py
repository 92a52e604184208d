"""Desktop tests need only QtGui to read screenshots: a minimal QgsApplication."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def qgis_app_light():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], False)
        app.initQgis()
    return app
