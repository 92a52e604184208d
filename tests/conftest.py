"""Shared test set-up: the repository on sys.path, one QgsApplication, a clean exit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "scripts", ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

_exit_status = {"code": 0}


@pytest.fixture(scope="session")
def qgis_app(tmp_path_factory):
    """One headless QGIS with Processing and the EcoZone provider, for every QGIS test."""
    from headless import start_qgis
    from qgis.core import QgsApplication

    app, provider = start_qgis(str(tmp_path_factory.mktemp("qgis-profile")))
    yield app
    QgsApplication.processingRegistry().removeProvider(provider)


def pytest_sessionfinish(session, exitstatus):
    _exit_status["code"] = int(exitstatus)


def pytest_unconfigure(config):
    # PyQGIS can crash while Python tears down Qt objects after the last test; the results
    # are reported by then, so leave with pytest's own status instead.
    if "qgis.core" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status["code"])
