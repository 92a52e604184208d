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
    if not provider:
        return app, None
    from processing.core.Processing import Processing

    Processing.initialize()
    from ecozone_plugin.algorithms.provider import EcoZoneProvider

    ecozone = EcoZoneProvider()
    QgsApplication.processingRegistry().addProvider(ecozone)
    return app, ecozone
