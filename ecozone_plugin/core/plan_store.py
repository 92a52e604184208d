"""The plan store: one interface for everything a plan holds, a GeoPackage behind it.

Callers (algorithms, docks, tests) use :class:`PlanStore` only; SQL and file details stay in
:class:`GeoPackagePlanStore`. A team backend will implement the same interface later.

Every write is one transaction that also leaves its rows in ``change_log``; a failed or
interrupted write leaves the last committed state. Spatial tables are written through OGR,
whose SQLite connection carries the functions GeoPackage's R-tree triggers need.
"""

from __future__ import annotations

import functools
import getpass
import json
import os
import shutil
import sqlite3
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from osgeo import gdal, ogr, osr

from .admission import (
    Clause,
    EffectiveList,
    UnitInfo,
    effective_clauses,
    effective_lists,
    renumbered,
)
from .gdal_errors import quiet_gdal
from .messages import EcoZoneError
from .profile import load_profile, profile_info
from .progress import Progress, SubProgress

SCHEMA_VERSION = 2
# Schema 1 (the draft layout) had no admission_clause.industry_codes and no change_log.reason.
CLAUSE_KEY_INDEX = "admission_clause_key"

UNIT_FIELDS = (
    ("unit_uid", ogr.OFTString),
    ("unit_code", ogr.OFTString),
    ("unit_name", ogr.OFTString),
    ("unit_class", ogr.OFTInteger),
    ("county_code", ogr.OFTString),
    ("county_name", ogr.OFTString),
    ("elements", ogr.OFTString),
    ("rule", ogr.OFTString),
    ("area_km2", ogr.OFTReal),
    ("method", ogr.OFTString),
    ("unit_subclass", ogr.OFTString),
)
BOUNDARY_FIELDS = (
    ("county_code", ogr.OFTString),
    ("county_name", ogr.OFTString),
    ("town_code", ogr.OFTString),
    ("town_name", ogr.OFTString),
)
ZONE_FIELDS = (
    ("element", ogr.OFTString),
    ("zone_class", ogr.OFTInteger),
    ("subtype", ogr.OFTString),
    ("zone_code", ogr.OFTString),
    ("zone_name", ogr.OFTString),
    ("source_layer", ogr.OFTString),
)
UNIT_ZONE_FIELDS = (
    ("unit_uid", ogr.OFTString),
    ("element", ogr.OFTString),
    ("subtype", ogr.OFTString),
    ("zone_code", ogr.OFTString),
    ("zone_name", ogr.OFTString),
    ("overlap_km2", ogr.OFTReal),
)
CLAUSE_FIELDS = (
    ("level", ogr.OFTString),
    ("scope", ogr.OFTString),
    ("class_filter", ogr.OFTInteger),
    ("dimension", ogr.OFTInteger),
    ("clause_no", ogr.OFTString),
    ("text", ogr.OFTString),
    ("industry_codes", ogr.OFTString),
    ("created_at", ogr.OFTString),
    ("updated_at", ogr.OFTString),
)
INFO_FIELDS = (("key", ogr.OFTString), ("value", ogr.OFTString))
LOG_FIELDS = (
    ("ts", ogr.OFTString),
    ("author", ogr.OFTString),
    ("action", ogr.OFTString),
    ("object_type", ogr.OFTString),
    ("object_id", ogr.OFTString),
    ("old_json", ogr.OFTString),
    ("new_json", ogr.OFTString),
    ("reason", ogr.OFTString),
)
SPATIAL_TABLES = ("control_units", "admin_boundary", "element_zones")
CLAUSE_COLUMNS = ("id",) + tuple(name for name, _ in CLAUSE_FIELDS)


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in containers without a passwd entry
        return ""


@dataclass(frozen=True)
class ClauseChange:
    """One change of a batch: ``add`` (a Clause), ``update`` (a Clause with its id) or ``delete`` (an id)."""

    action: str
    clause: Clause | None = None
    clause_id: int | None = None


@dataclass(frozen=True)
class LogEntry:
    id: int
    ts: str
    author: str
    action: str
    object_type: str
    object_id: str
    old: dict | None
    new: dict | None
    reason: str


@dataclass
class PlanData:
    """What a new plan is made of; geometries are WKB in ``crs`` (an EPSG code or WKT)."""

    crs: str
    units: list[tuple[dict, bytes]]
    boundary: list[tuple[dict, bytes]]
    zones: list[tuple[dict, bytes]] = field(default_factory=list)
    unit_zone: list[dict] = field(default_factory=list)
    info: dict = field(default_factory=dict)


class PlanStore(ABC):
    """What the docks, the algorithms and the tests may ask of a plan."""

    # --- reading -------------------------------------------------------------------------
    @abstractmethod
    def info(self) -> dict[str, str]: ...

    @abstractmethod
    def units(self) -> list[UnitInfo]: ...

    @abstractmethod
    def clauses(self, level: str | None = None, scope: str | None = None) -> list[Clause]: ...

    @abstractmethod
    def history(self, limit: int = 100) -> list[LogEntry]: ...

    @abstractmethod
    def features(self, table: str) -> list[tuple[dict, bytes | None]]:
        """(attributes, WKB) of every row of a spatial table: control_units, admin_boundary, element_zones."""

    @abstractmethod
    def crs(self) -> str:
        """The plan's CRS: "EPSG:n" when it has one, else WKT."""

    @abstractmethod
    def unit_zones(self) -> list[dict]:
        """The unit_zone provenance rows."""

    def unit(self, uid: str) -> UnitInfo | None:
        return next((u for u in self.units() if u.uid == uid), None)

    def counties(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for unit in self.units():
            seen.setdefault(unit.county_code, unit.county_name)
        return sorted(seen.items())

    def effective_list(self, uid: str) -> EffectiveList:
        unit = self.unit(uid)
        if unit is None:
            raise EcoZoneError("EZ-T004", uid=uid)
        candidates = self.clauses("city") + self.clauses("county", unit.county_code) + self.clauses("unit", uid)
        return EffectiveList(unit, effective_clauses(unit, candidates))

    def effective_lists(self) -> dict[str, EffectiveList]:
        return effective_lists(self.units(), self.clauses())

    def incomplete_units(self) -> dict[str, list[int]]:
        """unit_uid -> the dimensions without any effective clause, for the units that lack some."""
        result = {}
        for uid, effective in self.effective_lists().items():
            missing = effective.missing_dimensions()
            if missing:
                result[uid] = missing
        return result

    # --- writing: each call is one transaction ---------------------------------------------
    @abstractmethod
    def apply(self, changes: Iterable[ClauseChange], author: str = "", reason: str = "") -> list[int]:
        """Apply a batch of clause changes; returns the ids of its change_log rows."""

    @abstractmethod
    def set_info(self, values: dict[str, str], author: str = "", reason: str = "") -> list[int]: ...

    def update_info(self, values: dict[str, str], author: str = "", reason: str = "") -> list[int]:
        """Write the values that differ from the plan's; a new profile id brings its profile's copy along."""
        info = self.info()
        changed = {k: v for k, v in values.items() if info.get(k, "") != v}
        if "profile" in changed:
            changed.update(profile_info(load_profile(changed["profile"])))
        return self.set_info(changed, author, reason) if changed else []

    def reorder(self, clause_ids: list[int], author: str = "", reason: str = "") -> list[int]:
        """Put the clauses of one group (level, scope, class, dimension) in this order, renumbering them d-1…d-n."""
        by_id = {c.id: c for c in self.clauses()}
        ordered = [by_id[i] for i in clause_ids if i in by_id]
        groups = {(c.level, c.scope, c.class_filter, c.dimension) for c in ordered}
        if len(groups) > 1 or len(ordered) != len(clause_ids):
            raise EcoZoneError("EZ-T005")
        if not ordered:
            return []
        group = next(iter(groups))
        rest = sorted(
            (
                c
                for c in by_id.values()
                if (c.level, c.scope, c.class_filter, c.dimension) == group and c.id not in clause_ids
            ),
            key=lambda c: c.id,
        )
        changes = [
            ClauseChange("update", new)
            for old, new in zip(ordered + rest, renumbered(ordered + rest))
            if old.clause_no != new.clause_no
        ]
        return self.apply(changes, author, reason or "reorder")

    def revert(self, log_ids: list[int], author: str = "") -> list[int]:
        """Undo the clause changes logged under these ids (newest first), as one new write."""
        entries = {e.id: e for e in self.history(limit=0)}
        changes = []
        for log_id in sorted(log_ids, reverse=True):
            entry = entries.get(log_id)
            if entry is None or entry.object_type != "admission_clause":
                raise EcoZoneError("EZ-T006", change=log_id)
            if entry.action == "add":
                changes.append(ClauseChange("delete", clause_id=int(entry.object_id)))
            elif entry.action == "delete":
                changes.append(ClauseChange("add", Clause.from_dict(entry.old)))
            elif entry.action == "update":
                changes.append(ClauseChange("update", Clause.from_dict(entry.old)))
        return self.apply(changes, author, reason="undo " + ",".join(str(i) for i in sorted(log_ids)))


class UndoHistory:
    """The undo steps of one plan store; steps made on any other store are refused.

    A dock opens plans one after another and runs writes as background tasks: a task of plan A
    may finish after plan B was opened. Its log ids name rows of A's change_log, and reverting
    them in B would undo unrelated changes there, so a step is only taken from the store it was
    made on, and opening another plan starts an empty history.
    """

    def __init__(self, store: PlanStore | None = None):
        self.store = store
        self._steps: list[list[int]] = []

    def bind(self, store: PlanStore | None) -> None:
        self.store = store
        self._steps = []

    def push(self, store: PlanStore, log_ids: list[int]) -> bool:
        """Remember one write made on ``store``; False (nothing kept) when that is not this history's store."""
        if store is not self.store or self.store is None:
            return False
        if log_ids:
            self._steps.append(list(log_ids))
        return True

    def __len__(self) -> int:
        return len(self._steps)

    def undo(self, author: str = "") -> list[int]:
        """Revert the newest step in its store; the log ids of the revert ([] when there is nothing to undo)."""
        if not self._steps or self.store is None:
            return []
        step = self._steps[-1]
        written = self.store.revert(step, author)
        self._steps.pop()
        return written


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
                "SELECT unit_uid, unit_code, unit_name, unit_class, county_code, county_name, elements, area_km2 "
                f"FROM control_units {where} ORDER BY unit_code",
                *params,
            )
        return [
            UnitInfo(
                uid=r["unit_uid"] or "",
                code=r["unit_code"] or "",
                name=r["unit_name"] or "",
                unit_class=int(r["unit_class"] or 0),
                county_code=r["county_code"] or "",
                county_name=r["county_name"] or "",
                elements=r["elements"] or "",
                area_km2=float(r["area_km2"] or 0.0),
            )
            for r in rows
        ]

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

    # --- writing ----------------------------------------------------------------------------
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
                    conn.execute(
                        "UPDATE admission_clause SET level = ?, scope = ?, class_filter = ?, dimension = ?, "
                        "clause_no = ?, text = ?, industry_codes = ?, updated_at = ? WHERE id = ?",
                        new.level,
                        new.scope,
                        new.class_filter,
                        new.dimension,
                        f"~{new.id}",
                        new.text,
                        new.industry_codes,
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
                    conn.execute(
                        "INSERT INTO admission_clause (id, level, scope, class_filter, dimension, clause_no, text, "
                        "industry_codes, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        new.id,
                        new.level,
                        new.scope,
                        new.class_filter,
                        new.dimension,
                        f"~new{len(staged_numbers)}",
                        new.text,
                        new.industry_codes,
                        new.created_at,
                        new.updated_at,
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
            conn.execute(
                "INSERT INTO plan_info (key, value) VALUES (?, ?)", key, "" if value is None else str(value)
            )

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


def _checked(clause: Clause | None) -> Clause:
    if clause is None:
        raise ValueError("a clause change needs its clause")
    if clause.level not in ("city", "county", "unit"):
        raise EcoZoneError("EZ-T011", level=clause.level)
    if clause.dimension not in (1, 2, 3, 4):
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
    return clause.with_changes(text=clause.text.strip(), clause_no=clause.clause_no.strip())


# --- creating a plan -------------------------------------------------------------------------


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
    path: str | os.PathLike, data: PlanData, progress: Progress | None = None, author: str = ""
) -> GeoPackagePlanStore:
    """Write a new plan GeoPackage; built under a temporary name and renamed when complete."""
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
            for sql in (
                f"CREATE UNIQUE INDEX {CLAUSE_KEY_INDEX} ON admission_clause "
                "(level, scope, IFNULL(class_filter, 0), dimension, clause_no)",
                "CREATE UNIQUE INDEX plan_info_key ON plan_info (key)",
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
                info = {"schema_version": str(SCHEMA_VERSION), "created_at": now_utc(), **data.info}
                GeoPackagePlanStore._put_info(conn, info)
                GeoPackagePlanStore._log(
                    conn,
                    author or default_author(),
                    "create",
                    "plan",
                    target.name,
                    None,
                    {"units": len(data.units), "zones": len(data.zones)},
                    "",
                )
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
