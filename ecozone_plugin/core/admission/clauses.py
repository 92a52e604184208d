"""The admission list (生态环境准入清单): clauses, levels, dimensions and a unit's effective list.

Pure functions over plain records; the plan store reads and writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .dimensions import DIMENSIONS, NATIONAL

LEVEL_LABELS = {
    "city": {"zh": "市级", "en": "city"},
    "county": {"zh": "区县级", "en": "county"},
    "unit": {"zh": "单元级", "en": "unit"},
}
# the national dimensions by meaning; a province's names and order: dimensions.py
DIMENSION_LABELS = {d: NATIONAL[d] for d in DIMENSIONS}
CLASS_SHORT_LABELS = {
    1: {"zh": "优先", "en": "priority"},
    2: {"zh": "重点", "en": "key"},
    3: {"zh": "一般", "en": "general"},
}
# Where an inherited clause comes from, in the order a unit's effective list shows them.
SOURCES = ("city", "city_class", "county", "county_class", "unit")
SOURCE_RANK = {source: rank for rank, source in enumerate(SOURCES)}

_NUMBER_PART = re.compile(r"\d+|\D+")


def label(table: dict, key, lang: str = "zh") -> str:
    entry = table.get(key)
    if entry is None:
        return str(key)
    return entry["zh"] if lang.startswith("zh") else entry["en"]


def clause_number_key(clause_no: str) -> tuple:
    """Sort key that reads the numbers in a clause number: "1-9" < "1-10" < "2-1"."""
    parts = []
    for part in _NUMBER_PART.findall(clause_no or ""):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(parts)


def next_clause_no(dimension: int, existing: list[str]) -> str:
    """The next free "d-n" for a dimension, after the highest n already used; undivided or common
    text (0) is numbered 1, 2, … as lists print it."""
    if dimension == 0:
        return str(max([int(n) for n in existing if n.isdigit()], default=0) + 1)
    highest = 0
    prefix = f"{dimension}-"
    for number in existing:
        if number.startswith(prefix) and number[len(prefix) :].isdigit():
            highest = max(highest, int(number[len(prefix) :]))
    return f"{dimension}-{highest + 1}"


@dataclass(frozen=True)
class Clause:
    level: str
    scope: str
    dimension: int
    clause_no: str
    text: str
    class_filter: int | None = None
    industry_codes: str = ""
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    element_tag: str = ""
    clause_type: str = ""  # tags.CLAUSE_TYPES; "" until the store infers it from the wording
    type_inferred: bool = True
    proposed_codes: str = ""  # industry codes the wording proposes, not yet confirmed
    row_version: int = 0  # as read from the plan (0: not read from one, so not checked)

    @property
    def key(self) -> tuple:
        """What makes a clause unique in a plan."""
        return (self.level, self.scope, self.class_filter, self.dimension, self.clause_no)

    @property
    def source(self) -> str:
        if self.level == "unit":
            return "unit"
        return f"{self.level}_class" if self.class_filter else self.level

    def with_changes(self, **changes) -> Clause:
        return replace(self, **changes)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "level": self.level,
            "scope": self.scope,
            "class_filter": self.class_filter,
            "dimension": self.dimension,
            "clause_no": self.clause_no,
            "text": self.text,
            "industry_codes": self.industry_codes,
            "element_tag": self.element_tag,
            "clause_type": self.clause_type,
            "type_inferred": int(self.type_inferred),
            "proposed_codes": self.proposed_codes,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Clause:
        return cls(
            level=data["level"],
            scope=data.get("scope") or "",
            dimension=int(data["dimension"]),
            clause_no=data["clause_no"],
            text=data["text"],
            class_filter=int(data["class_filter"]) if data.get("class_filter") else None,
            industry_codes=data.get("industry_codes") or "",
            id=data.get("id"),
            created_at=data.get("created_at") or "",
            updated_at=data.get("updated_at") or "",
            element_tag=data.get("element_tag") or "",
            clause_type=data.get("clause_type") or "",
            type_inferred=bool(data.get("type_inferred", 1) if data.get("type_inferred") is not None else 1),
            proposed_codes=data.get("proposed_codes") or "",
            row_version=int(data.get("row_version") or 0),
        )


@dataclass(frozen=True)
class UnitInfo:
    uid: str
    code: str
    name: str
    unit_class: int
    county_code: str
    county_name: str
    elements: str
    area_km2: float
    subclass: str = ""
    townships: str = ""


@dataclass
class EffectiveList:
    unit: UnitInfo
    clauses: list[Clause] = field(default_factory=list)

    def by_dimension(self) -> dict[int, list[Clause]]:
        grouped: dict[int, list[Clause]] = {d: [] for d in DIMENSIONS}
        for clause in self.clauses:
            grouped.setdefault(clause.dimension, []).append(clause)
        return grouped

    def missing_dimensions(self, dimensions=None) -> list[int]:
        """The dimensions without a clause. Under a scheme (dimensions.py) that does not want all four
        for the unit's class, one clause of any dimension (an undivided list, 0) completes it."""
        present = {c.dimension for c in self.clauses if c.text.strip()}
        if dimensions is not None and not dimensions.needs_all(self.unit.unit_class) and present:
            return []
        return [d for d in DIMENSIONS if d not in present]


def applies_to(clause: Clause, unit: UnitInfo) -> bool:
    if clause.class_filter and clause.class_filter != unit.unit_class:
        return False
    if clause.level == "city":
        return True
    if clause.level == "county":
        return clause.scope == unit.county_code
    return clause.scope == unit.uid


def effective_clauses(unit: UnitInfo, clauses: list[Clause]) -> list[Clause]:
    """City, city-for-class, county, county-for-class and the unit's own clauses that apply to it.

    Ordered by dimension, then by where they come from (in that order), then by clause
    number read numerically.
    """
    chosen = [c for c in clauses if applies_to(c, unit)]
    chosen.sort(key=lambda c: (c.dimension, SOURCE_RANK[c.source], clause_number_key(c.clause_no), c.id or 0))
    return chosen


def effective_lists(units: list[UnitInfo], clauses: list[Clause]) -> dict[str, EffectiveList]:
    """Every unit's effective list, with clauses indexed by level and scope first."""
    general = [c for c in clauses if c.level == "city"]
    by_county: dict[str, list[Clause]] = {}
    by_unit: dict[str, list[Clause]] = {}
    for clause in clauses:
        if clause.level == "county":
            by_county.setdefault(clause.scope, []).append(clause)
        elif clause.level == "unit":
            by_unit.setdefault(clause.scope, []).append(clause)
    result = {}
    for unit in units:
        candidates = general + by_county.get(unit.county_code, []) + by_unit.get(unit.uid, [])
        result[unit.uid] = EffectiveList(unit, effective_clauses(unit, candidates))
    return result


def renumbered(clauses: list[Clause]) -> list[Clause]:
    """The clauses of one dimension numbered d-1, d-2, … in the order given."""
    return [c.with_changes(clause_no=f"{c.dimension}-{n}") for n, c in enumerate(clauses, start=1)]


_LEADING_NUMBER = re.compile(r"^\s*(?:[(（]\s*\d+\s*[)）]|\d+\s*[.、．)）])\s*")


def strip_item_number(line: str) -> str:
    """The text of an appendix line without its "1." / "1、" / "(1)" item number."""
    return _LEADING_NUMBER.sub("", line, count=1).strip()
