"""Start a headless QGIS with Processing and the EcoZone provider (scripts, bench, tests)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QGIS_PLUGINS = "/usr/share/qgis/python/plugins"  # where Debian puts the processing package


def start_qgis(profile: str | None = None, provider: bool = True):
    """(QgsApplication, EcoZoneProvider or None); keep both referenced while QGIS runs."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in (str(ROOT), QGIS_PLUGINS):
        if path not in sys.path:
            sys.path.insert(0, path)
    from qgis.core import QgsApplication

    app = QgsApplication([], False, profile) if profile else QgsApplication([], False)
    app.initQgis()
    return app, (add_processing() if provider else None)


def add_processing():
    """Initialise Processing in the running QGIS and add the EcoZone provider; returns the provider."""
    for path in (str(ROOT), QGIS_PLUGINS):
        if path not in sys.path:
            sys.path.insert(0, path)
    from processing.core.Processing import Processing
    from qgis.core import QgsApplication

    Processing.initialize()
    from ecozone_plugin.algorithms.provider import EcoZoneProvider

    ecozone = EcoZoneProvider()
    QgsApplication.processingRegistry().addProvider(ecozone)
    return ecozone
