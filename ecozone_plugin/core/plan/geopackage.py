"""A plan kept in one GeoPackage file.

Non-spatial tables are read and written through SQLite with bound parameters; spatial tables
are read through OGR, and written through OGR only (its SQLite connection carries the functions
GeoPackage's R-tree triggers need). Every write is one transaction; a failed or interrupted
write leaves the last committed state. Opening a plan never writes to it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from osgeo import gdal, ogr

from ..admission.tags import infer_type
from ..gdal_errors import quiet_gdal
from ..industry import proposed_codes
from ..messages import EcoZoneError
from .schema import REASON_FIELDS, REASON_KEY_INDEX, SCHEMA_VERSION, SPATIAL_TABLES
from .sql_store import SqlPlanStore, StoreUniqueError, StoreWriteError, _reported
from .store import default_author


class _Connection:
    """One plan file opened for SQL on its non-spatial tables (SQLite, bound parameters only), and through
    OGR for reading its spatial tables.

    Nothing the author types ever becomes part of an SQL text: values go as parameters. Spatial
    tables are written through OGR only (GDAL's R-tree triggers need its SQL functions).
    """

    def __init__(self, path: str, update: bool):
        self.path = path
        self._ds = None
        uri = Path(path).resolve().as_uri() + ("" if update else "?mode=ro")
        try:
            self.db = sqlite3.connect(uri, uri=True, timeout=10.0, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as error:
            raise EcoZoneError("EZ-T001", path=path, error=str(error)) from error

    @property
    def ds(self):
        """The file as an OGR data source, for its spatial tables (opened when first needed)."""
        if self._ds is None:
            with quiet_gdal():
                self._ds = gdal.OpenEx(self.path, gdal.OF_VECTOR, allowed_drivers=["GPKG"])
            if self._ds is None:
                raise EcoZoneError("EZ-T001", path=self.path, error=gdal.GetLastErrorMsg() or "not a GeoPackage")
        return self._ds

    def execute(self, sql: str, *params):
        try:
            return self.db.execute(sql, params)
        except sqlite3.IntegrityError as error:
            if "UNIQUE" in str(error):
                raise StoreUniqueError(str(error)) from error
            raise StoreWriteError(str(error)) from error
        except sqlite3.Error as error:
            raise StoreWriteError(str(error)) from error

    def rows(self, sql: str, *params) -> list[dict]:
        return [dict(row) for row in self.execute(sql, *params).fetchall()]

    def has_table(self, name: str) -> bool:
        return bool(self.rows("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?", name))

    def columns(self, table: str) -> list[str]:
        return [r["name"] for r in self.rows("SELECT name FROM pragma_table_info(?)", table)]

    @contextmanager
    def transaction(self):
        self.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.db.in_transaction:  # SQLite may already have rolled back (a full disk does that)
                self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as error:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise StoreWriteError(str(error)) from error

    def insert(self, table: str, row: dict) -> int:
        """Insert one row (column names are the store's own, never the author's); its id."""
        self.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", *row.values())
        return self.rows("SELECT last_insert_rowid() AS id")[0]["id"]

    def close(self) -> None:
        self._ds = None
        self.db.close()


class GeoPackagePlanStore(SqlPlanStore):
    """A plan kept in one GeoPackage file."""

    def __init__(self, path: str | os.PathLike, allow_old: bool = False):
        """Open a plan; opening never writes. A plan of an older schema is refused (EZ-T007) unless
        ``allow_old``, which opens it only to be upgraded with :meth:`migrate`."""
        self.path = str(path)
        self.address = self.path
        if not Path(self.path).is_file():
            raise EcoZoneError("EZ-T001", path=self.path, error="no such file")
        with self._open(update=False) as conn:
            missing = [
                t for t in ("control_units", "admission_clause", "plan_info", "change_log") if not conn.has_table(t)
            ]
            if missing:
                raise EcoZoneError("EZ-T002", path=self.path, tables=", ".join(missing))
            version = self._schema_version(conn)
        if version > SCHEMA_VERSION:
            raise EcoZoneError("EZ-T003", path=self.path, version=version, supported=SCHEMA_VERSION)
        self.schema_version = version
        if version < SCHEMA_VERSION and not allow_old:
            raise EcoZoneError("EZ-T007", path=self.path, version=version, supported=SCHEMA_VERSION)

    @property
    def needs_migration(self) -> bool:
        return self.schema_version < SCHEMA_VERSION

    def migrate(self, author: str = "") -> Path | None:
        """Upgrade the plan to this EcoZone's schema after copying it beside itself; the copy's path
        (None when the plan was current already)."""
        if not self.needs_migration:
            return None
        source = Path(self.path)
        backup = source.with_name(f"{source.stem}.schema{self.schema_version}.bak{source.suffix}")
        n = 1
        while backup.exists():
            n += 1
            backup = source.with_name(f"{source.stem}.schema{self.schema_version}.bak{n}{source.suffix}")
        try:
            shutil.copy2(source, backup)
        except OSError as error:
            raise EcoZoneError("EZ-T019", path=str(backup), error=error.strerror or str(error)) from error
        self._migrate(self.schema_version, author or default_author())
        self.schema_version = SCHEMA_VERSION
        return backup

    # --- connections ------------------------------------------------------------------------
    @contextmanager
    def _open(self, update: bool = True):
        conn = _Connection(self.path, update)
        try:
            yield conn
        finally:
            conn.close()

    @staticmethod
    def _schema_version(conn: _Connection) -> int:
        rows = conn.rows("SELECT value FROM plan_info WHERE key = 'schema_version'")
        try:
            return int(rows[0]["value"]) if rows else 1
        except (TypeError, ValueError):
            return 1

    @_reported
    def _migrate(self, version: int, author: str) -> None:
        with self._open() as conn, conn.transaction():
            if version < 2:
                if "industry_codes" not in conn.columns("admission_clause"):
                    conn.execute("ALTER TABLE admission_clause ADD COLUMN industry_codes TEXT")
                if "reason" not in conn.columns("change_log"):
                    conn.execute("ALTER TABLE change_log ADD COLUMN reason TEXT")
            if version < 3 and "townships" not in conn.columns("control_units"):
                conn.execute("ALTER TABLE control_units ADD COLUMN townships TEXT")
            if version < 4:
                for column, kind in (
                    ("element_tag", "TEXT"),
                    ("clause_type", "TEXT"),
                    ("type_inferred", "INTEGER"),
                    ("proposed_codes", "TEXT"),
                ):
                    if column not in conn.columns("admission_clause"):
                        conn.execute(f"ALTER TABLE admission_clause ADD COLUMN {column} {kind}")
                for row in conn.rows("SELECT id, text, industry_codes FROM admission_clause"):
                    conn.execute(
                        "UPDATE admission_clause SET clause_type = ?, type_inferred = 1, proposed_codes = ? "
                        "WHERE id = ?",
                        infer_type(row["text"] or ""),
                        proposed_codes(row["text"] or "", row["industry_codes"] or ""),
                        row["id"],
                    )
            if version < 5 and not conn.has_table("change_reason"):
                _create_reason_table(conn)
            if version < 6 and "row_version" not in conn.columns("admission_clause"):
                conn.execute("ALTER TABLE admission_clause ADD COLUMN row_version INTEGER")
                conn.execute("UPDATE admission_clause SET row_version = 1")
            if version < 7 and "row_version" not in conn.columns("plan_info"):
                conn.execute("ALTER TABLE plan_info ADD COLUMN row_version INTEGER")
                conn.execute("UPDATE plan_info SET row_version = 1")
            self._put_info(conn, {"schema_version": str(SCHEMA_VERSION)})
            self._log(
                conn,
                author,
                "migrate",
                "plan_info",
                "schema_version",
                {"schema_version": version},
                {"schema_version": SCHEMA_VERSION},
                "upgraded by a newer EcoZone",
            )

    def features(self, table: str) -> list[tuple[dict, bytes | None]]:
        if table not in SPATIAL_TABLES:
            raise ValueError(f"not a spatial table of a plan: {table}")
        with self._open(update=False) as conn:
            layer = conn.ds.GetLayerByName(table)
            if layer is None:
                return []
            rows = []
            for feature in layer:
                geometry = feature.GetGeometryRef()
                rows.append((feature.items(), bytes(geometry.ExportToIsoWkb()) if geometry is not None else None))
            return rows

    def crs(self) -> str:
        with self._open(update=False) as conn:
            srs = conn.ds.GetLayerByName("control_units").GetSpatialRef()
            if srs is None:
                return ""
            srs.AutoIdentifyEPSG()
            if srs.GetAuthorityName(None) == "EPSG" and srs.GetAuthorityCode(None):
                return f"EPSG:{srs.GetAuthorityCode(None)}"
            return srs.ExportToWkt()


def _create_reason_table(conn: _Connection) -> None:
    """The change_reason table of schema 5 in a plan made before it, as a GeoPackage attribute table."""
    columns = ", ".join(f"{name} {'REAL' if kind == ogr.OFTReal else 'TEXT'}" for name, kind in REASON_FIELDS)
    conn.execute(f"CREATE TABLE change_reason (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, {columns})")
    conn.execute(
        f"CREATE UNIQUE INDEX {REASON_KEY_INDEX} ON change_reason (previous, old_unit_uid, new_unit_uid, change_type)"
    )
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change) "
        "VALUES ('change_reason', 'attributes', 'change_reason', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
    )


# --- creating a plan -------------------------------------------------------------------------
