"""The admission list as an author edits it, without Qt: the dock is its wiring.

An editor works on one plan store and one target at a time: a unit (its uid), a county (its
code) or the city, and for county and city clauses all units or one class. It knows which
clauses are the target's own (editable) and which are inherited, numbers new clauses, writes
every change as one transaction and keeps the undo history of that store only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..plan.store import ClauseChange, PlanStore, UndoHistory
from .clauses import Clause, clause_number_key, next_clause_no
from .library import Template, template_clauses


@dataclass(frozen=True)
class Target:
    level: str = "unit"  # unit, county or city
    scope: str = ""  # the unit's uid, the county's code; empty for the city
    class_filter: int | None = None  # county and city clauses: all units (None) or one class

    @property
    def writable(self) -> bool:
        return bool(self.scope) or self.level == "city"


class ClauseEditor:
    def __init__(self, store: PlanStore, author: str = "", position=None):
        """``position`` gives the number a province puts before a dimension's clauses (dimensions.py:
        Guangdong numbers 能源资源利用 clauses 2-n); the national number by default."""
        self.store = store
        self.author = author
        self.position = position or (lambda dimension: dimension)
        self.target = Target()
        self.history = UndoHistory(store)

    def set_target(self, level: str, scope: str = "", class_filter: int | None = None) -> None:
        self.target = Target(level, scope or "", None if level == "unit" else class_filter)

    # --- reading ---------------------------------------------------------------------------
    def shown(self) -> list[Clause]:
        """What the target shows: a unit's effective list (inherited clauses included), else the level's clauses."""
        target = self.target
        if target.level == "unit":
            return self.store.effective_list(target.scope).clauses if target.scope else []
        return self.store.clauses(target.level, target.scope)

    def is_own(self, clause: Clause) -> bool:
        return (clause.level, clause.scope) == (self.target.level, self.target.scope)

    def own(self, clause_id: int | None) -> Clause | None:
        """The target's own clause with this id (None for an inherited one or an id that is gone)."""
        if clause_id is None:
            return None
        found = next((c for c in self.store.clauses(self.target.level, self.target.scope) if c.id == clause_id), None)
        return found if found is not None and self.is_own(found) else None

    def next_number(self, dimension: int) -> str:
        """The next clause number of a dimension for the target's class."""
        numbers = [
            c.clause_no
            for c in self.store.clauses(self.target.level, self.target.scope)
            if c.dimension == dimension and c.class_filter == self.target.class_filter
        ]
        return next_clause_no(self.position(dimension), numbers)

    # --- writing (each returns what it wrote; errors come as EcoZoneError) ------------------------
    def _write(self, changes: list[ClauseChange], reason: str = "") -> list[int]:
        log_ids = self.store.apply(changes, self.author, reason) if changes else []
        self.history.push(self.store, log_ids)
        return log_ids

    def _by_key(self, key) -> Clause | None:
        return next((c for c in self.store.clauses(key[0], key[1]) if c.key == key), None)

    def add(
        self, text: str, dimension: int, industry_codes: str = "", element_tag: str = "", clause_type: str = ""
    ) -> Clause | None:
        """A new own clause, numbered after the dimension's others; None when there is nothing to add.
        An empty ``clause_type`` leaves the type to be read from the wording."""
        text = text.strip()
        if not text or not self.target.writable:
            return None
        clause = Clause(
            level=self.target.level,
            scope=self.target.scope,
            dimension=dimension,
            clause_no=self.next_number(dimension),
            text=text,
            class_filter=self.target.class_filter,
            industry_codes=_codes(industry_codes),
            element_tag=element_tag.strip(),
            clause_type=clause_type,
            type_inferred=not clause_type,
        )
        self._write([ClauseChange("add", clause)])
        return self._by_key(clause.key)

    def update(
        self,
        clause: Clause,
        text: str,
        dimension: int,
        industry_codes: str = "",
        element_tag: str | None = None,
        clause_type: str | None = None,
        proposed_codes: str | None = None,
    ) -> Clause | None:
        """The clause with a new text, codes, tag, type or dimension (renumbered there); None when nothing
        changed. ``clause_type`` "" returns the type to the wording, a type confirms it, None keeps it;
        ``proposed_codes`` "" sets the wording's proposals aside (a confirmed code leaves them anyway)."""
        codes = _codes(industry_codes)
        confirmed = set(codes.split(";")) if codes else set()
        still = clause.proposed_codes if proposed_codes is None else proposed_codes
        proposed = ";".join(c for c in still.split(";") if c and c not in confirmed)
        changed = clause.with_changes(text=text.strip(), industry_codes=codes, proposed_codes=proposed)
        if element_tag is not None:
            changed = changed.with_changes(element_tag=element_tag.strip())
        if clause_type is not None:
            changed = changed.with_changes(clause_type=clause_type, type_inferred=not clause_type)
        if dimension != clause.dimension:
            changed = changed.with_changes(dimension=dimension, clause_no=self.next_number(dimension))

        def content(c: Clause) -> tuple:
            inferred_type = "" if c.type_inferred else c.clause_type
            return (c.text, c.industry_codes, c.dimension, c.element_tag, inferred_type, c.proposed_codes)

        if content(changed) == content(clause):
            return None
        self._write([ClauseChange("update", changed)])
        return self._by_key(changed.key)

    def delete(self, clause_id: int) -> bool:
        if self.own(clause_id) is None:
            return False
        return bool(self._write([ClauseChange("delete", clause_id=clause_id)]))

    def move(self, clause_id: int, step: int) -> bool:
        """Move an own clause up (-1) or down (+1) in its dimension; the dimension is renumbered."""
        clause = self.own(clause_id)
        if clause is None:
            return False
        group = sorted(
            (
                c
                for c in self.store.clauses(clause.level, clause.scope)
                if (c.class_filter, c.dimension) == (clause.class_filter, clause.dimension)
            ),
            key=lambda c: clause_number_key(c.clause_no),
        )
        index = next(i for i, c in enumerate(group) if c.id == clause.id)
        target = index + step
        if not 0 <= target < len(group):
            return False
        group[index], group[target] = group[target], group[index]
        log_ids = self.store.reorder([c.id for c in group], self.author)
        self.history.push(self.store, log_ids)
        return True

    def insert(self, templates: list[Template]) -> list[int]:
        """Library templates as the target's own clauses (those it does not hold yet)."""
        if not self.target.writable:
            return []
        target = self.target
        existing = [c for c in self.store.clauses(target.level, target.scope) if c.class_filter == target.class_filter]
        clauses = template_clauses(target.level, target.scope, target.class_filter, templates, existing)
        return self._write([ClauseChange("add", c) for c in clauses], "library")

    def can_undo(self) -> bool:
        return len(self.history) > 0

    def undo(self) -> bool:
        return bool(self.history.undo(self.author))


def unit_insertions(store: PlanStore, templates: list[Template], uids: list[str], progress=None) -> list[ClauseChange]:
    """The clauses that library templates add to each of several units (those a unit does not hold yet)."""
    clauses = store.clauses("unit")
    changes: list[ClauseChange] = []
    for n, uid in enumerate(uids):
        if progress is not None:
            progress.check()
            progress.set_progress(100.0 * n / max(len(uids), 1))
        existing = [c for c in clauses if c.scope == uid]
        changes += [ClauseChange("add", c) for c in template_clauses("unit", uid, None, templates, existing)]
    return changes


def _codes(text: str) -> str:
    """Industry codes as typed, with full-width semicolons read as ';'."""
    return (text or "").strip().replace("；", ";")
