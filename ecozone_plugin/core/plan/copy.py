"""A plan copied whole from one store to another (GeoPackage ⇄ PostGIS): every table, every
clause with its id, the plan information, change_log and the change reasons as they are, then one
log line that says where the copy came from."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..messages import EcoZoneError
from ..progress import Progress
from .address import is_database_address
from .schema import SCHEMA_VERSION
from .sql_store import SqlPlanStore
from .store import PlanData, PlanStore, default_author

COPIED_TABLES = ("admission_clause", "plan_info", "change_log", "change_reason")


def copy_plan(
    source: SqlPlanStore,
    target: str | os.PathLike,
    overwrite: bool = False,
    author: str = "",
    progress: Progress | None = None,
) -> PlanStore:
    """Copy ``source`` to ``target`` (a .gpkg path or a postgresql:// address with its schema); a
    target that exists is refused (EZ-T025) unless ``overwrite``. Written in one go: a failure
    leaves the target as it was."""
    progress = progress or Progress()
    if source.schema_version != SCHEMA_VERSION:
        raise EcoZoneError("EZ-T007", path=source.path, version=source.schema_version, supported=SCHEMA_VERSION)
    database = is_database_address(target)
    if database:
        from .postgis import redacted

        target_label = redacted(str(target))
    else:
        target_label = Path(target).name
        if Path(target).exists() and not overwrite:
            raise EcoZoneError("EZ-T025", path=str(target))
    data = PlanData(
        crs=source.crs(),
        units=source.features("control_units"),
        boundary=source.features("admin_boundary"),
        zones=source.features("element_zones"),
        unit_zone=source.table_rows("unit_zone"),
        info={},
    )
    rows = {table: source.table_rows(table) for table in COPIED_TABLES}

    def finish(conn) -> None:
        for table in COPIED_TABLES:
            for row in rows[table]:
                conn.insert(table, row)
        SqlPlanStore._log(
            conn, author or default_author(), "copy", "plan", str(target_label), None, {"from": source.path}, ""
        )

    if database:
        from .postgis import create_postgis_plan

        return create_postgis_plan(str(target), data, progress, author, finish=finish, overwrite=overwrite)
    from .create import create_plan

    return create_plan(target, data, progress, author, finish=finish)


@contextmanager
def as_geopackage(store: SqlPlanStore):
    """The plan as a GeoPackage, for what reads its tables as layers (the filing package and its
    maps): a PostGIS plan is copied whole into a temporary file first, removed afterwards."""
    from .geopackage import GeoPackagePlanStore

    if isinstance(store, GeoPackagePlanStore):
        yield store
        return
    work = Path(tempfile.mkdtemp(prefix="ecozone-filing-"))
    try:
        yield copy_plan(store, work / f"{getattr(store, 'schema_name', 'plan')}.gpkg")
    finally:
        shutil.rmtree(work, ignore_errors=True)
