"""GDAL's error output, kept quiet where core reports the failure itself."""

from __future__ import annotations

from contextlib import contextmanager

from osgeo import gdal


@contextmanager
def quiet_gdal():
    """Keep GDAL's errors out of stderr and QGIS's log while core checks and reports them."""
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield
    finally:
        gdal.PopErrorHandler()
