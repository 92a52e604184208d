"""Shared test set-up: the repository on sys.path, QGIS with Processing and EcoZone, a clean exit.

pytest-qgis starts the QgsApplication (offscreen, a throw-away settings folder) and offers
``qgis_iface`` and ``qgis_canvas`` to the dock tests.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "scripts", ROOT / "bench", ROOT / "tests" / "unit"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def qgis_app():
    """pytest-qgis's application with Processing and the EcoZone provider, for every QGIS test.

    It replaces pytest-qgis's own fixture of this name, whose teardown calls exitQgis(): that
    can crash PyQGIS at the end of a run, so QGIS is left to the process exit instead.
    """
    from headless import add_processing
    from qgis.core import QgsApplication

    provider = add_processing()
    yield QgsApplication.instance()
    QgsApplication.processingRegistry().removeProvider(provider)


@pytest.fixture(scope="session")
def pg_server():
    """The tests' own PostgreSQL + PostGIS server (scripts/pg_server.py), started on first use."""
    from pg_server import Server

    server = Server()
    yield server
    server.stop()
