"""A plan kept in one GeoPackage file.

Non-spatial tables are read and written through SQLite with bound parameters; spatial tables
are read through OGR, and written through OGR only (its SQLite connection carries the functions
GeoPackage's R-tree triggers need). Every write is one transaction; a failed or interrupted
write leaves the last committed state. Opening a plan never writes to it.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from osgeo import gdal, ogr

from ..admission.clauses import Clause, UnitInfo
from ..admission.tags import CLAUSE_TYPES, infer_type
from ..gdal_errors import quiet_gdal
from ..industry import proposed_codes
from ..messages import EcoZoneError
from ..records import unit_info
from .schema import CLAUSE_COLUMNS, REASON_FIELDS, REASON_KEY_INDEX, SCHEMA_VERSION, SPATIAL_TABLES
from .store import ChangeReason, ClauseChange, LogEntry, PlanStore, default_author, now_utc


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

    def close(self) -> None:
        self._ds = None
        self.db.close()


class StoreWriteError(RuntimeError):
    """SQLite refused a statement (full disk, locked file, broken constraint)."""


def _reported(method):
    """Turn what SQLite refused into the catalogue message that names the plan."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except StoreWriteError as error:
            raise EcoZoneError("EZ-T017", path=self.path, error=str(error).strip()) from error

    return wrapper


class GeoPackagePlanStore(PlanStore):
    """A plan kept in one GeoPackage file."""

    def __init__(self, path: str | os.PathLike, allow_old: bool = False):
        """Open a plan; opening never writes. A plan of an older schema is refused (EZ-T007) unless
        ``allow_old``, which opens it only to be upgraded with :meth:`migrate`."""
        self.path = str(path)
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

    # --- reading ----------------------------------------------------------------------------
    def info(self) -> dict[str, str]:
        with self._open(update=False) as conn:
            return {r["key"]: r["value"] or "" for r in conn.rows("SELECT key, value FROM plan_info ORDER BY key")}

    def units(self) -> list[UnitInfo]:
        return self._units("")

    def unit(self, uid: str) -> UnitInfo | None:
        found = self._units("WHERE unit_uid = ?", uid)  # one row, not the whole table
        return found[0] if found else None

    def _units(self, where: str, *params) -> list[UnitInfo]:
        with self._open(update=False) as conn:
            rows = conn.rows(
                "SELECT unit_uid, unit_code, unit_name, unit_class, county_code, county_name, elements, area_km2, "
                f"unit_subclass, townships FROM control_units {where} ORDER BY unit_code",
                *params,
            )
        return [unit_info(r) for r in rows]

    def clauses(self, level: str | None = None, scope: str | None = None) -> list[Clause]:
        sql = "SELECT " + ", ".join(CLAUSE_COLUMNS) + " FROM admission_clause"
        conditions, params = [], []
        for column, value in (("level", level), ("scope", scope)):
            if value is not None:
                conditions.append(f"{column} = ?")
                params.append(value)
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        with self._open(update=False) as conn:
            rows = conn.rows(sql + " ORDER BY id", *params)
        return [Clause.from_dict(r) for r in rows]

    def history(self, limit: int = 100) -> list[LogEntry]:
        sql = (
            "SELECT id, ts, author, action, object_type, object_id, old_json, new_json, reason "
            "FROM change_log ORDER BY id DESC"
        )
        params = (int(limit),) if limit else ()
        if limit:
            sql += " LIMIT ?"
        with self._open(update=False) as conn:
            rows = conn.rows(sql, *params)
        return [
            LogEntry(
                id=r["id"],
                ts=r["ts"] or "",
                author=r["author"] or "",
                action=r["action"] or "",
                object_type=r["object_type"] or "",
                object_id=r["object_id"] or "",
                old=json.loads(r["old_json"]) if r["old_json"] else None,
                new=json.loads(r["new_json"]) if r["new_json"] else None,
                reason=r["reason"] or "",
            )
            for r in rows
        ]

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

    def unit_zones(self) -> list[dict]:
        with self._open(update=False) as conn:
            return conn.rows("SELECT unit_uid, element, subtype, zone_code, zone_name, overlap_km2 FROM unit_zone")

    def change_reasons(self, previous: str) -> dict[str, ChangeReason]:
        with self._open(update=False) as conn:
            rows = conn.rows(
                "SELECT " + ", ".join(name for name, _ in REASON_FIELDS) + " FROM change_reason WHERE previous = ?",
                previous,
            )
        found = (ChangeReason.from_row(r) for r in rows)
        return {reason.key: reason for reason in found}

    # --- writing ----------------------------------------------------------------------------
    @_reported
    def set_change_reasons(self, reasons: Iterable[ChangeReason], author: str = "") -> list[int]:
        author = author or default_author()
        stamp = now_utc()
        log_ids = []
        with self._open() as conn, conn.transaction():
            for reason in reasons:
                key = (reason.previous, reason.old_unit_uid, reason.new_unit_uid, reason.change_type)
                where = "previous = ? AND old_unit_uid = ? AND new_unit_uid = ? AND change_type = ?"
                old = conn.rows("SELECT reason FROM change_reason WHERE " + where, *key)
                before = old[0]["reason"] if old else None
                text = reason.reason.strip()
                if (before or "") == text:
                    continue
                conn.execute("DELETE FROM change_reason WHERE " + where, *key)
                row = reason.row() | {"reason": text, "author": author, "updated_at": stamp}
                if text:
                    conn.execute(
                        f"INSERT INTO change_reason ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                        *row.values(),
                    )
                log_ids.append(
                    self._log(
                        conn,
                        author,
                        "update" if before is not None and text else ("add" if text else "delete"),
                        "change_reason",
                        reason.key,
                        None if before is None else {"reason": before},
                        {"reason": text} if text else None,
                        text,
                    )
                )
        return log_ids

    @_reported
    def set_info(self, values: dict[str, str], author: str = "", reason: str = "") -> list[int]:
        if "schema_version" in values:
            raise EcoZoneError("EZ-T008")
        old = self.info()
        with self._open() as conn, conn.transaction():
            self._put_info(conn, values)
            changed_old = {k: old.get(k) for k in values}
            return [
                self._log(
                    conn,
                    author or default_author(),
                    "update",
                    "plan_info",
                    ",".join(sorted(values)),
                    changed_old,
                    dict(values),
                    reason,
                )
            ]

    @_reported
    def apply(self, changes: Iterable[ClauseChange], author: str = "", reason: str = "") -> list[int]:
        author = author or default_author()
        stamp = now_utc()
        log_ids = []
        with self._open() as conn, conn.transaction():
            current = {
                c.id: c
                for c in (
                    Clause.from_dict(r)
                    for r in conn.rows("SELECT " + ", ".join(CLAUSE_COLUMNS) + " FROM admission_clause")
                )
            }
            staged_numbers = []
            for change in changes:
                if change.action == "delete":
                    old = current.pop(change.clause_id, None)
                    if old is None:
                        raise EcoZoneError("EZ-T009", id=change.clause_id)
                    conn.execute("DELETE FROM admission_clause WHERE id = ?", old.id)
                    log_ids.append(
                        self._log(conn, author, "delete", "admission_clause", str(old.id), old.as_dict(), None, reason)
                    )
                elif change.action == "update":
                    new = _checked(change.clause)
                    old = current.get(new.id)
                    if old is None:
                        raise EcoZoneError("EZ-T009", id=new.id)
                    new = new.with_changes(created_at=old.created_at or stamp, updated_at=stamp)
                    # Numbers move through a placeholder so that swapping two numbers never collides.
                    if new.text != old.text:  # the wording changed: so may what it proposes
                        new = new.with_changes(proposed_codes=proposed_codes(new.text, new.industry_codes))
                    row = _clause_row(new, f"~{new.id}")
                    conn.execute(
                        "UPDATE admission_clause SET "
                        + ", ".join(f"{c} = ?" for c in row)
                        + ", updated_at = ? WHERE id = ?",
                        *row.values(),
                        stamp,
                        new.id,
                    )
                    staged_numbers.append((new.id, new.clause_no))
                    current[new.id] = new
                    log_ids.append(
                        self._log(
                            conn,
                            author,
                            "update",
                            "admission_clause",
                            str(new.id),
                            old.as_dict(),
                            new.as_dict(),
                            reason,
                        )
                    )
                elif change.action == "add":
                    new = _checked(change.clause)
                    new = new.with_changes(created_at=new.created_at or stamp, updated_at=stamp)
                    if not new.proposed_codes:
                        new = new.with_changes(proposed_codes=proposed_codes(new.text, new.industry_codes))
                    row = {"id": new.id, **_clause_row(new, f"~new{len(staged_numbers)}")}
                    row.update(created_at=new.created_at, updated_at=new.updated_at)
                    conn.execute(
                        f"INSERT INTO admission_clause ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                        *row.values(),
                    )
                    new_id = conn.rows("SELECT last_insert_rowid() AS id")[0]["id"]
                    new = new.with_changes(id=new_id)
                    staged_numbers.append((new_id, new.clause_no))
                    current[new_id] = new
                    log_ids.append(
                        self._log(conn, author, "add", "admission_clause", str(new_id), None, new.as_dict(), reason)
                    )
                else:
                    raise ValueError(f"unknown clause change {change.action!r}")
            for clause_id, clause_no in staged_numbers:
                try:
                    conn.execute("UPDATE admission_clause SET clause_no = ? WHERE id = ?", clause_no, clause_id)
                except StoreWriteError as error:
                    if "UNIQUE" in str(error):
                        clause = current[clause_id]
                        raise EcoZoneError(
                            "EZ-T010",
                            level=clause.level,
                            scope=clause.scope or "-",
                            dimension=clause.dimension,
                            clause_no=clause_no,
                        ) from error
                    raise
        return log_ids

    @staticmethod
    def _put_info(conn: _Connection, values: dict[str, str]) -> None:
        for key, value in values.items():
            conn.execute("DELETE FROM plan_info WHERE key = ?", key)
            conn.execute("INSERT INTO plan_info (key, value) VALUES (?, ?)", key, "" if value is None else str(value))

    @staticmethod
    def _log(conn, author, action, object_type, object_id, old, new, reason) -> int:
        conn.execute(
            "INSERT INTO change_log (ts, author, action, object_type, object_id, old_json, new_json, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            now_utc(),
            author,
            action,
            object_type,
            object_id,
            None if old is None else json.dumps(old, ensure_ascii=False, sort_keys=True),
            None if new is None else json.dumps(new, ensure_ascii=False, sort_keys=True),
            reason or "",
        )
        return conn.rows("SELECT last_insert_rowid() AS id")[0]["id"]


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


def _checked(clause: Clause | None) -> Clause:
    if clause is None:
        raise ValueError("a clause change needs its clause")
    if clause.level not in ("city", "county", "unit"):
        raise EcoZoneError("EZ-T011", level=clause.level)
    if clause.dimension not in (0, 1, 2, 3, 4):  # 0: undivided or common text (dimensions.py)
        raise EcoZoneError("EZ-T012", dimension=clause.dimension)
    if clause.class_filter not in (None, 1, 2, 3):
        raise EcoZoneError("EZ-T013", value=clause.class_filter)
    if clause.level == "city" and clause.scope:
        clause = clause.with_changes(scope="")
    if clause.level != "city" and not clause.scope:
        raise EcoZoneError("EZ-T014", level=clause.level)
    if clause.level == "unit" and clause.class_filter:
        clause = clause.with_changes(class_filter=None)
    if not clause.text.strip():
        raise EcoZoneError("EZ-T015", clause_no=clause.clause_no)
    if not clause.clause_no.strip():
        raise EcoZoneError("EZ-T016")
    text = clause.text.strip()
    if clause.clause_type not in CLAUSE_TYPES or clause.type_inferred:  # read from the wording until confirmed
        clause = clause.with_changes(clause_type=infer_type(text), type_inferred=True)
    return clause.with_changes(text=text, clause_no=clause.clause_no.strip(), element_tag=clause.element_tag.strip())


def _clause_row(clause: Clause, clause_no: str) -> dict:
    """The stored columns of a clause's content, its number given (numbers move through placeholders)."""
    return {
        "level": clause.level,
        "scope": clause.scope,
        "class_filter": clause.class_filter,
        "dimension": clause.dimension,
        "clause_no": clause_no,
        "text": clause.text,
        "industry_codes": clause.industry_codes,
        "element_tag": clause.element_tag,
        "clause_type": clause.clause_type,
        "type_inferred": int(clause.type_inferred),
        "proposed_codes": clause.proposed_codes,
    }


# --- creating a plan -------------------------------------------------------------------------
