"""The plan store's interface: everything a plan holds, whatever keeps it.

Callers (algorithms, docks, tests) use :class:`PlanStore` only; SQL and file details stay in
the store behind it (``geopackage.py``; a team backend implements the same interface). Every
write is one transaction that also leaves its rows in ``change_log``.
"""

from __future__ import annotations

import getpass
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..admission.clauses import Clause, EffectiveList, UnitInfo, effective_clauses, effective_lists, renumbered
from ..messages import EcoZoneError
from ..profile import load_profile, profile_info


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


@dataclass(frozen=True)
class ChangeReason:
    """The author's reason for one piece of changed ground of an update (change_reason): the earlier
    version it is compared with (``previous``: its package's manifest SHA-256) and the piece's place."""

    previous: str
    old_unit_uid: str
    new_unit_uid: str
    change_type: str
    reason: str = ""
    old_unit_code: str = ""
    new_unit_code: str = ""
    area_km2: float = 0.0
    plan_version: str = ""
    author: str = ""
    updated_at: str = ""

    @property
    def key(self) -> str:
        return piece_key(self.old_unit_uid, self.new_unit_uid, self.change_type)

    def row(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_row(cls, row: dict) -> ChangeReason:
        values = {name: row.get(name) for name in cls.__dataclass_fields__}
        texts = {k: "" if v is None else str(v) for k, v in values.items() if k != "area_km2"}
        return cls(**texts, area_km2=float(values.get("area_km2") or 0.0))


def piece_key(old_unit_uid: str, new_unit_uid: str, change_type: str) -> str:
    """Where a changed piece lies, as two comparisons of the same versions name it alike."""
    return f"{old_unit_uid or ''}|{new_unit_uid or ''}|{change_type}"


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

    @abstractmethod
    def change_reasons(self, previous: str) -> dict[str, ChangeReason]:
        """The reasons given for the changes against the earlier version ``previous``, by piece key."""

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

    def incomplete_units(self, dimensions=None) -> dict[str, list[int]]:
        """unit_uid -> the dimensions without any effective clause, for the units that lack some
        (under the plan profile's dimension scheme when given)."""
        result = {}
        for uid, effective in self.effective_lists().items():
            missing = effective.missing_dimensions(dimensions)
            if missing:
                result[uid] = missing
        return result

    # --- writing: each call is one transaction ---------------------------------------------
    @abstractmethod
    def apply(self, changes: Iterable[ClauseChange], author: str = "", reason: str = "") -> list[int]:
        """Apply a batch of clause changes; returns the ids of its change_log rows."""

    @abstractmethod
    def set_change_reasons(self, reasons: Iterable[ChangeReason], author: str = "") -> list[int]:
        """Keep these reasons (an empty reason removes one); each change is logged with its text."""

    @abstractmethod
    def set_info(
        self, values: dict[str, str], author: str = "", reason: str = "", expected: dict[str, int] | None = None
    ) -> list[int]: ...

    @abstractmethod
    def info_versions(self) -> dict[str, int]:
        """The row version of every plan_info entry, as ``set_info``'s ``expected`` takes them."""

    def update_info(
        self, values: dict[str, str], author: str = "", reason: str = "", read: dict[str, int] | None = None
    ) -> list[int]:
        """Write the values that differ from the plan's; a new profile id brings its profile's copy along.
        ``read``: the row versions the author's copy was read at (:meth:`info_versions`); an entry
        written by someone else since is refused (EZ-T031) and nothing is written."""
        info = self.info()
        changed = {k: v for k, v in values.items() if info.get(k, "") != v}
        if not changed:
            return []
        expected = {k: read.get(k, 0) for k in changed} if read is not None else None
        if "profile" in changed:
            changed.update(profile_info(load_profile(changed["profile"])))
        return self.set_info(changed, author, reason, expected)

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
