"""A new plan GeoPackage, built under a temporary name and renamed when complete."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from osgeo import gdal, ogr, osr

from ..gdal_errors import quiet_gdal
from ..messages import EcoZoneError
from ..progress import Progress, SubProgress
from .geopackage import GeoPackagePlanStore, StoreWriteError, _Connection
from .schema import (
    BOUNDARY_FIELDS,
    CLAUSE_FIELDS,
    CLAUSE_KEY_INDEX,
    INFO_FIELDS,
    LOG_FIELDS,
    REASON_FIELDS,
    REASON_KEY_INDEX,
    SCHEMA_VERSION,
    UNIT_FIELDS,
    UNIT_ZONE_FIELDS,
    ZONE_FIELDS,
)
from .sql_store import SqlPlanStore
from .store import PlanData, default_author, now_utc


def _srs(crs: str) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if crs.upper().startswith("EPSG:"):
        srs.ImportFromEPSG(int(crs.split(":", 1)[1]))
    else:
        srs.ImportFromWkt(crs)
    return srs


def _make_layer(ds, name: str, fields, geom_type=None, srs=None):
    options = ["FID=id"]
    if geom_type is None:
        layer = ds.CreateLayer(name, geom_type=ogr.wkbNone, options=options)
    else:
        layer = ds.CreateLayer(name, srs=srs, geom_type=geom_type, options=options + ["GEOMETRY_NAME=geom"])
    if layer is None:
        raise StoreWriteError(gdal.GetLastErrorMsg())
    for field_name, field_type in fields:
        if layer.CreateField(ogr.FieldDefn(field_name, field_type)) != 0:
            raise StoreWriteError(gdal.GetLastErrorMsg())
    return layer


def _write_features(layer, rows: list[tuple[dict, bytes | None]], progress: Progress, what: str) -> None:
    definition = layer.GetLayerDefn()
    total = max(len(rows), 1)
    for n, (attributes, wkb) in enumerate(rows):
        progress.check()
        feature = ogr.Feature(definition)
        for key, value in attributes.items():
            if value is not None and definition.GetFieldIndex(key) >= 0:
                feature.SetField(key, value)
        if wkb is not None:
            geometry = ogr.CreateGeometryFromWkb(bytes(wkb))
            if geometry is not None:
                feature.SetGeometry(ogr.ForceToMultiPolygon(geometry))
        if layer.CreateFeature(feature) != 0:
            raise StoreWriteError(f"{what}: {gdal.GetLastErrorMsg()}")
        if n % 200 == 0:
            progress.set_progress(100.0 * n / total)


def create_plan(
    path: str | os.PathLike, data: PlanData, progress: Progress | None = None, author: str = "", finish=None
) -> GeoPackagePlanStore:
    """Write a new plan GeoPackage; built under a temporary name and renamed when complete.

    ``finish(conn)``, when given, writes the plan information and log instead of the new plan's
    own (a copy brings the source's), in the last transaction before the file appears."""
    progress = progress or Progress()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp.gpkg")
    try:
        with quiet_gdal():
            ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(temporary))
        if ds is None:
            raise EcoZoneError("EZ-T001", path=str(target), error=gdal.GetLastErrorMsg())
        srs = _srs(data.crs)
        with quiet_gdal():
            steps = (
                ("control_units", UNIT_FIELDS, data.units),
                ("admin_boundary", BOUNDARY_FIELDS, data.boundary),
                ("element_zones", ZONE_FIELDS, data.zones),
            )
            for n, (name, fields, rows) in enumerate(steps):
                layer = _make_layer(ds, name, fields, ogr.wkbMultiPolygon, srs)
                _write_committed(ds, layer, rows, SubProgress(progress, n * 25, (n + 1) * 25), name)
            unit_zone = _make_layer(ds, "unit_zone", UNIT_ZONE_FIELDS)
            rows = [(row, None) for row in data.unit_zone]
            _write_committed(ds, unit_zone, rows, SubProgress(progress, 75, 90), "unit_zone")
            _make_layer(ds, "admission_clause", CLAUSE_FIELDS)
            _make_layer(ds, "plan_info", INFO_FIELDS)
            _make_layer(ds, "change_log", LOG_FIELDS)
            _make_layer(ds, "change_reason", REASON_FIELDS)
            for sql in (
                f"CREATE UNIQUE INDEX {CLAUSE_KEY_INDEX} ON admission_clause "
                "(level, scope, IFNULL(class_filter, 0), dimension, clause_no)",
                "CREATE UNIQUE INDEX plan_info_key ON plan_info (key)",
                f"CREATE UNIQUE INDEX {REASON_KEY_INDEX} ON change_reason "
                "(previous, old_unit_uid, new_unit_uid, change_type)",
                "CREATE INDEX unit_zone_uid ON unit_zone (unit_uid)",
                "CREATE UNIQUE INDEX control_units_uid ON control_units (unit_uid)",
            ):
                gdal.ErrorReset()
                ds.ExecuteSQL(sql)
                if gdal.GetLastErrorType() >= gdal.CE_Failure:
                    raise StoreWriteError(gdal.GetLastErrorMsg())
        ds = None
        conn = _Connection(str(temporary), update=True)
        try:
            with conn.transaction():
                if finish is not None:
                    finish(conn)
                else:
                    record_creation(conn, data, author, target.name)
        finally:
            conn.close()
        progress.set_progress(100)
        os.replace(temporary, target)
    except StoreWriteError as error:
        ds = None
        _remove_leftovers(temporary)
        raise EcoZoneError("EZ-T017", path=str(target), error=str(error).strip()) from error
    except BaseException:
        ds = None
        _remove_leftovers(temporary)
        raise
    return GeoPackagePlanStore(target)


def record_creation(conn, data: PlanData, author: str, name: str) -> None:
    """A new plan's information and the first line of its log (either backend's connection)."""
    info = {"schema_version": str(SCHEMA_VERSION), "created_at": now_utc(), **data.info}
    SqlPlanStore._put_info(conn, info)
    SqlPlanStore._log(
        conn,
        author or default_author(),
        "create",
        "plan",
        name,
        None,
        {"units": len(data.units), "zones": len(data.zones)},
        "",
    )


def _write_committed(ds, layer, rows, progress: Progress, what: str) -> None:
    """Write rows in one OGR transaction; a transaction that does not start or commit is an error."""
    if ds.StartTransaction() != 0:
        raise StoreWriteError(gdal.GetLastErrorMsg() or "the transaction did not start")
    _write_features(layer, rows, progress, what)
    if ds.CommitTransaction() != 0:
        raise StoreWriteError(gdal.GetLastErrorMsg() or "the transaction did not commit")


def _remove_leftovers(temporary: Path) -> None:
    for leftover in temporary.parent.glob(temporary.name + "*"):
        leftover.unlink(missing_ok=True)
