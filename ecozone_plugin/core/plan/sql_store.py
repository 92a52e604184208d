"""The plan store's reading and writing in SQL, shared by the GeoPackage and the PostGIS store.

Each backend gives a connection with ``execute(sql, *params)``, ``rows(sql, *params)``,
``transaction()`` and ``insert(table, row)`` (giving the new row's id). SQL texts are written
with ``?`` placeholders and hold no value of the author's: every value is a bound parameter.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

from ..admission.clauses import Clause, UnitInfo
from ..admission.tags import CLAUSE_TYPES, infer_type
from ..industry import proposed_codes
from ..messages import EcoZoneError
from ..records import unit_info
from .info import info_label
from .schema import CLAUSE_COLUMNS, REASON_FIELDS
from .store import ChangeReason, ClauseChange, LogEntry, PlanStore, default_author, now_utc


class StoreWriteError(RuntimeError):
    """The database refused a statement (full disk, locked file, broken constraint)."""


class StoreReadOnlyError(StoreWriteError):
    """The database user may read the plan but not change it."""


class StoreUniqueError(StoreWriteError):
    """A write would repeat what a unique index allows once (a clause number, a plan_info key)."""


def _reported(method):
    """Turn what SQLite refused into the catalogue message that names the plan."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except StoreWriteError as error:
            if isinstance(error, StoreReadOnlyError):
                raise EcoZoneError("EZ-T027", path=self.path, error=str(error).strip()) from error
            raise EcoZoneError("EZ-T017", path=self.path, error=str(error).strip()) from error

    return wrapper


ATTRIBUTE_TABLES = ("unit_zone", "admission_clause", "plan_info", "change_log", "change_reason")


class SqlPlanStore(PlanStore):
    """What a plan store does in SQL; a backend adds ``_open(update)``, ``features`` and ``crs``."""

    path: str

    def _author(self, author: str) -> str:
        """Who a write is logged under: the name given (the QGIS user), else the system user."""
        return author or default_author()

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

    def table_rows(self, table: str) -> list[dict]:
        """Every row of one of the plan's attribute tables, with its id, as stored (a copy takes them so)."""
        if table not in ATTRIBUTE_TABLES:
            raise ValueError(f"not an attribute table of a plan: {table}")
        with self._open(update=False) as conn:
            return conn.rows(f"SELECT * FROM {table} ORDER BY id")

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
        author = self._author(author)
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
    def set_info(
        self, values: dict[str, str], author: str = "", reason: str = "", expected: dict[str, int] | None = None
    ) -> list[int]:
        """Write plan_info entries in one logged transaction. ``expected`` gives, for the entries the
        author edited, the row versions they read (:meth:`info_versions`): an entry written by
        someone else since is refused (EZ-T031) and nothing is written."""
        if "schema_version" in values:
            raise EcoZoneError("EZ-T008")
        with self._open() as conn, conn.transaction():
            rows = conn.rows("SELECT key, value, row_version FROM plan_info")
            old = {r["key"]: r["value"] or "" for r in rows}
            versions = {r["key"]: r["row_version"] or 0 for r in rows}
            for key, version in (expected or {}).items():
                if versions.get(key, 0) != version:
                    self._refuse_stale_info(conn, key)
            self._put_info(conn, values)
            changed_old = {k: old.get(k) for k in values}
            return [
                self._log(
                    conn,
                    self._author(author),
                    "update",
                    "plan_info",
                    ",".join(sorted(values)),
                    changed_old,
                    dict(values),
                    reason,
                )
            ]

    def info_versions(self) -> dict[str, int]:
        """The row version of every plan_info entry: what :meth:`set_info` checks a write against."""
        with self._open(update=False) as conn:
            return {r["key"]: r["row_version"] or 0 for r in conn.rows("SELECT key, row_version FROM plan_info")}

    @staticmethod
    def _refuse_stale_info(conn, key: str) -> None:
        last = conn.rows(  # a plan_info write logs its keys joined by commas
            "SELECT author, ts FROM change_log WHERE object_type = 'plan_info' "
            "AND ',' || object_id || ',' LIKE ? ORDER BY id DESC LIMIT 1",
            f"%,{key},%",
        )
        who, when = (last[0]["author"], last[0]["ts"]) if last else ("?", "?")
        raise EcoZoneError(
            "EZ-T031", key=key, label_en=info_label(key, "en"), label_zh=info_label(key, "zh"), author=who, ts=when
        )

    @_reported
    def apply(self, changes: Iterable[ClauseChange], author: str = "", reason: str = "") -> list[int]:
        author = self._author(author)
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
            read = {clause_id: c.row_version for clause_id, c in current.items()}  # as the batch began
            staged_numbers = []
            for change in changes:
                if change.action == "delete":
                    old = current.pop(change.clause_id, None)
                    if old is None:
                        raise EcoZoneError("EZ-T009", id=change.clause_id)
                    self._check_version(conn, old, change.clause.row_version if change.clause else 0, read)
                    deleted = conn.execute(
                        "DELETE FROM admission_clause WHERE id = ? AND row_version IS NOT DISTINCT FROM ?",
                        old.id,
                        old.row_version or None,
                    )
                    if deleted.rowcount != 1:
                        self._refuse_stale(conn, old)
                    log_ids.append(
                        self._log(conn, author, "delete", "admission_clause", str(old.id), old.as_dict(), None, reason)
                    )
                elif change.action == "update":
                    new = _checked(change.clause)
                    old = current.get(new.id)
                    if old is None:
                        raise EcoZoneError("EZ-T009", id=new.id)
                    self._check_version(conn, old, new.row_version, read)
                    version = (old.row_version or 0) + 1
                    new = new.with_changes(created_at=old.created_at or stamp, updated_at=stamp, row_version=version)
                    # Numbers move through a placeholder so that swapping two numbers never collides.
                    if new.text != old.text:  # the wording changed: so may what it proposes
                        new = new.with_changes(proposed_codes=proposed_codes(new.text, new.industry_codes))
                    row = _clause_row(new, f"~{new.id}")
                    updated = conn.execute(
                        "UPDATE admission_clause SET "
                        + ", ".join(f"{c} = ?" for c in row)
                        + ", updated_at = ?, row_version = ? WHERE id = ? AND row_version IS NOT DISTINCT FROM ?",
                        *row.values(),
                        stamp,
                        version,
                        new.id,
                        old.row_version or None,
                    )
                    if updated.rowcount != 1:  # another author's write committed since this batch began
                        self._refuse_stale(conn, old)
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
                    row = ({"id": new.id} if new.id is not None else {}) | _clause_row(
                        new, f"~new{len(staged_numbers)}"
                    )
                    row.update(created_at=new.created_at, updated_at=new.updated_at, row_version=1)
                    new_id = conn.insert("admission_clause", row)
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
                except StoreUniqueError as error:
                    clause = current[clause_id]
                    raise EcoZoneError(
                        "EZ-T010",
                        level=clause.level,
                        scope=clause.scope or "-",
                        dimension=clause.dimension,
                        clause_no=clause_no,
                    ) from error
        return log_ids

    def _check_version(self, conn, old: Clause, expected: int, read: dict) -> None:
        """Refuse a change made to a copy of the clause older than the plan's (EZ-T026)."""
        if expected and old.id in read and expected != read[old.id]:
            self._refuse_stale(conn, old)

    @staticmethod
    def _refuse_stale(conn, old: Clause) -> None:
        last = conn.rows(
            "SELECT author, ts FROM change_log WHERE object_type = 'admission_clause' AND object_id = ? "
            "ORDER BY id DESC LIMIT 1",
            str(old.id),
        )
        who, when = (last[0]["author"], last[0]["ts"]) if last else ("?", "?")
        raise EcoZoneError(
            "EZ-T026", clause_no=old.clause_no, level=old.level, scope=old.scope or "-", author=who, ts=when
        )

    @staticmethod
    def _put_info(conn, values: dict[str, str]) -> None:
        """Set entries; each write raises the entry's row version by one (a new entry starts at 1)."""
        for key, value in values.items():
            text = "" if value is None else str(value)
            updated = conn.execute(
                "UPDATE plan_info SET value = ?, row_version = COALESCE(row_version, 0) + 1 WHERE key = ?", text, key
            )
            if updated.rowcount == 0:
                conn.execute("INSERT INTO plan_info (key, value, row_version) VALUES (?, ?, 1)", key, text)

    @staticmethod
    def _log(conn, author, action, object_type, object_id, old, new, reason) -> int:
        row = {
            "ts": now_utc(),
            "author": author,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "old_json": None if old is None else json.dumps(old, ensure_ascii=False, sort_keys=True),
            "new_json": None if new is None else json.dumps(new, ensure_ascii=False, sort_keys=True),
            "reason": reason or "",
        }
        return conn.insert("change_log", row)


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
