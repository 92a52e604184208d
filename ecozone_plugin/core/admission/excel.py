"""The admission list workbook: level sheets (市级, 区县级, 单元级) and the per-unit appendix (附表).

Export writes every level sheet and the appendix with each unit's effective text, ready to
print. Import reads the level sheets (authoritative when present) or, failing those, an
appendix in the layout authors keep, wherever it is, and turns it into clause changes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..classes import CLASS_LABELS
from ..messages import EcoZoneError, Message
from ..plan.store import ClauseChange, PlanStore
from ..profile import plan_profile
from ..progress import Progress
from ..workbook import data_sheet, new_workbook, save_whole
from .clauses import (
    DIMENSION_LABELS,
    LEVEL_LABELS,
    Clause,
    clause_number_key,
    effective_lists,
    strip_item_number,
)
from .dimensions import SECTION, scheme
from .tags import parse, split_number, tag_text

LEVEL_SHEETS = {"city": "市级", "county": "区县级", "unit": "单元级"}
LEVEL_HEADERS = ("层级", "范围编码", "适用类别", "维度", "条款编号", "条款内容", "行业代码")
APPENDIX_SHEET = "附表"
APPENDIX_HEADERS = ("环境管控单元编码", "环境管控单元名称", "管控单元分类", "所属区县") + tuple(
    DIMENSION_LABELS[d]["zh"] for d in (1, 2, 3, 4)
)
LEVEL_WIDTHS = (10, 18, 16, 18, 10, 80, 16)
APPENDIX_WIDTHS = (18, 28, 14, 12, 48, 48, 48, 48)
# The long layout lists are printed in: one row per unit and dimension.
LONG_HEADERS = ("环境管控单元编码", "环境管控单元名称", "管控单元分类", "所属区县", "区县", "管控维度", "管控要求")

_LEVEL_VALUES = {}
for _level, _labels in LEVEL_LABELS.items():
    for _text in (_level, _labels["zh"], _labels["en"], _labels["zh"].rstrip("级")):
        _LEVEL_VALUES[_text.lower()] = _level
_LEVEL_VALUES.update({"区县": "county", "县级": "county", "区级": "county", "单元": "unit"})
_CLASS_VALUES = {"": None}
for _c, _labels in CLASS_LABELS.items():
    for _text in (str(_c), _labels["zh"], _labels["en"], _labels["zh"][:4]):
        _CLASS_VALUES[_text.lower()] = _c
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _normalised(text: str) -> str:
    return re.sub(r"\s+", "", strip_item_number(text)).rstrip("。；;.")


# --- export ----------------------------------------------------------------------------------


def published_text(clause: Clause) -> str:
    """The clause as lists print it: its 【element/type】 tag, then the text."""
    return tag_text(clause.element_tag, clause.clause_type, clause.type_inferred) + clause.text


def _tagged(text: str, **fields) -> Clause:
    """A clause from published text: the tag taken off the text into its own fields."""
    tagged = parse(text, numbered=False)
    return Clause(
        text=tagged.text,
        element_tag=tagged.element_tag,
        clause_type=tagged.clause_type,
        type_inferred=tagged.type_inferred,
        **fields,
    )


def export_workbook(store: PlanStore, path: str | os.PathLike, progress: Progress | None = None) -> dict:
    """Write the workbook; returns counts by sheet. Written under a temporary name, then renamed."""
    progress = progress or Progress()
    dimensions = scheme(plan_profile(store))
    units = store.units()
    code_of = {u.uid: u.code for u in units}
    clauses = store.clauses()
    effective = effective_lists(units, clauses)  # from what was read, not read again
    workbook = new_workbook()
    counts = {}
    for level, title in LEVEL_SHEETS.items():
        rows = []
        chosen = [c for c in clauses if c.level == level]
        chosen.sort(
            key=lambda c: (
                c.scope if level != "unit" else code_of.get(c.scope, c.scope),
                c.class_filter or 0,
                dimensions.shown().index(c.dimension) if c.dimension in dimensions.shown() else 99,
                clause_number_key(c.clause_no),
            )
        )
        for c in chosen:
            scope = code_of.get(c.scope, c.scope) if level == "unit" else c.scope
            rows.append(
                (
                    LEVEL_LABELS[level]["zh"],
                    scope,
                    CLASS_LABELS[c.class_filter]["zh"] if c.class_filter else "",
                    dimensions.label(c.dimension, "zh"),
                    c.clause_no,
                    published_text(c),
                    c.industry_codes,
                )
            )
        data_sheet(workbook, title, LEVEL_HEADERS, rows, LEVEL_WIDTHS)
        counts[title] = len(rows)
        progress.set_progress(10 + 20 * len(counts))
    appendix_rows = []
    columns = list(dimensions.order) + ([SECTION] if any(c.dimension == SECTION for c in clauses) else [])
    for n, unit in enumerate(units):
        if n % 200 == 0:
            progress.check()
            progress.set_progress(70 + 25.0 * n / len(units))
        grouped = effective[unit.uid].by_dimension()
        cells = [
            "\n".join(f"{n}. {published_text(c)}" for n, c in enumerate(grouped.get(d, []), start=1)) for d in columns
        ]
        appendix_rows.append(
            (unit.code, unit.name, CLASS_LABELS.get(unit.unit_class, {}).get("zh", ""), unit.county_name, *cells)
        )
    headers = APPENDIX_HEADERS[:4] + tuple(dimensions.label(d, "zh") for d in columns)
    data_sheet(workbook, APPENDIX_SHEET, headers, appendix_rows, APPENDIX_WIDTHS[:4] + (48,) * len(columns))
    counts[APPENDIX_SHEET] = len(appendix_rows)
    save_whole(workbook, path)
    progress.set_progress(100)
    return counts


# --- import ----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    problems: list[Message] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    layout: str = ""  # "levels" or "appendix"
    applied: bool = False
    log_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    sheet: str
    row: int
    clause: Clause


def _header_row(ws, wanted: tuple[str, ...], required: tuple[str, ...], look: int = 6):
    """(row number, {header: column index}) of the first row among the first few holding the required headers."""
    for number, row in enumerate(ws.iter_rows(min_row=1, max_row=look, values_only=True), start=1):
        names = {_cell_text(v).replace("\n", ""): i for i, v in enumerate(row) if _cell_text(v)}
        if all(h in names for h in required):
            return number, {h: names[h] for h in wanted if h in names}
    return None, {}


def read_workbook_rows(store: PlanStore, path: str | os.PathLike) -> tuple[list[_Row], list[Message], str, set]:
    """Clauses read from the workbook, the problems found row by row, the layout, and the levels it covers."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for files that are not workbooks
        raise EcoZoneError("EZ-X010", path=str(path), error=str(error) or type(error).__name__) from error
    try:
        dimensions = scheme(plan_profile(store))
        units = store.units()
        by_code = {u.code: u for u in units}
        counties = {u.county_code for u in units}
        rows: list[_Row] = []
        problems: list[Message] = []
        levels_covered: set[str] = set()
        level_sheets = []
        appendix_sheets = []
        for ws in workbook.worksheets:
            header, columns = _header_row(ws, LEVEL_HEADERS, ("维度", "条款编号", "条款内容"))
            if header:
                level_sheets.append((ws, header, columns))
                continue
            header, columns = _header_row(ws, LONG_HEADERS, ("环境管控单元编码", "管控维度", "管控要求"))
            if header:
                appendix_sheets.append((ws, header, columns))
                continue
            header, columns = _header_row(ws, APPENDIX_HEADERS, ("环境管控单元编码",))
            if header:
                columns = {**columns, **_dimension_columns(ws, header, dimensions)}
                if any(isinstance(k, int) for k in columns):
                    appendix_sheets.append((ws, header, columns))
        if level_sheets:
            for ws, header, columns in level_sheets:
                sheet_level = next((lv for lv, title in LEVEL_SHEETS.items() if title == ws.title), None)
                rows += _read_level_sheet(
                    ws, header, columns, sheet_level, by_code, counties, problems, levels_covered, dimensions
                )
            layout = "levels"
        elif appendix_sheets:
            plan_wide = [c for c in store.clauses() if c.level != "unit"]
            inherited = {uid: e.clauses for uid, e in effective_lists(units, plan_wide).items()}
            for ws, header, columns in appendix_sheets:
                read = _read_long if "管控维度" in columns else _read_appendix
                rows += read(ws, header, columns, by_code, inherited, problems, dimensions)
            levels_covered.add("unit")
            layout = "appendix"
        else:
            raise EcoZoneError("EZ-X008", path=str(path))
    finally:
        workbook.close()
    seen: dict[tuple, _Row] = {}
    clean = []
    for item in rows:
        first = seen.get(item.clause.key)
        if first is not None:
            problems.append(
                Message(
                    "EZ-X003",
                    {
                        "sheet": item.sheet,
                        "row": item.row,
                        "value": item.clause.clause_no,
                        "first_sheet": first.sheet,
                        "first_row": first.row,
                    },
                )
            )
            continue
        seen[item.clause.key] = item
        clean.append(item)
    problems.sort(key=lambda m: (m.params.get("sheet", ""), m.params.get("row", 0)))
    return clean, problems, layout, levels_covered


def _dimension_columns(ws, header: int, dimensions) -> dict[int, int]:
    """{dimension: column} of an appendix header row: every label or alias of any scheme."""
    row = next(ws.iter_rows(min_row=header, max_row=header, values_only=True))
    found = {}
    for index, value in enumerate(row):
        name = _cell_text(value).replace("\n", "")
        dimension = dimensions.parse(name) if name and not name.isdigit() else None
        if dimension is not None and dimension not in found:
            found[dimension] = index
    return found


def _read_level_sheet(
    ws, header, columns, sheet_level, by_code, counties, problems, levels_covered, dimensions
) -> list[_Row]:
    rows = []
    for number, values in enumerate(ws.iter_rows(min_row=header + 1, values_only=True), start=header + 1):

        def get(name, values=values):
            index = columns.get(name)
            return _cell_text(values[index]) if index is not None and index < len(values) else ""

        if not any(_cell_text(v) for v in values):
            continue
        where = {"sheet": ws.title, "row": number}
        level_text = get("层级")
        level = _LEVEL_VALUES.get(level_text.lower()) if level_text else sheet_level
        if level is None:
            problems.append(Message("EZ-X005", {**where, "value": level_text}))
            continue
        levels_covered.add(level)
        scope = get("范围编码")
        if level == "unit":
            unit = by_code.get(scope)
            if unit is None:
                problems.append(Message("EZ-X001", {**where, "value": scope}))
                continue
            scope = unit.uid
        elif level == "county":
            if scope not in counties:
                problems.append(Message("EZ-X007", {**where, "value": scope}))
                continue
        else:
            scope = ""
        class_text = get("适用类别")
        if class_text.lower() not in _CLASS_VALUES:
            problems.append(Message("EZ-X006", {**where, "value": class_text}))
            continue
        dimension_text = get("维度")
        dimension = dimensions.parse(dimension_text)
        if dimension is None:
            problems.append(Message("EZ-X002", {**where, "value": dimension_text}))
            continue
        number_text = get("条款编号")
        if not number_text:
            problems.append(Message("EZ-X009", where))
            continue
        text = get("条款内容")
        if not text:
            problems.append(Message("EZ-X004", {**where, "value": number_text}))
            continue
        clause = _tagged(
            text,
            level=level,
            scope=scope,
            dimension=dimension,
            clause_no=number_text,
            class_filter=None if level == "unit" else _CLASS_VALUES[class_text.lower()],
            industry_codes=get("行业代码").replace("；", ";"),
        )
        rows.append(_Row(ws.title, number, clause))
    return rows


def _read_appendix(ws, header, columns, by_code, inherited, problems, dimensions) -> list[_Row]:
    rows = []
    seen_units: dict[str, int] = {}
    for number_row, values in enumerate(ws.iter_rows(min_row=header + 1, values_only=True), start=header + 1):
        if not any(_cell_text(v) for v in values):
            continue
        number = number_row
        code_index = columns["环境管控单元编码"]
        code = _cell_text(values[code_index]) if code_index < len(values) else ""
        where = {"sheet": ws.title, "row": number}
        unit = by_code.get(code)
        if unit is None:
            problems.append(Message("EZ-X001", {**where, "value": code}))
            continue
        if code in seen_units:
            problems.append(Message("EZ-X011", {**where, "value": code, "first_row": seen_units[code]}))
            continue
        seen_units[code] = number
        inherited_texts = {(c.dimension, _normalised(c.text)) for c in inherited.get(unit.uid, [])}
        for dimension in dimensions.shown():
            index = columns.get(dimension)
            if index is None or index >= len(values):
                continue
            where = (ws.title, number_row)
            rows += _unit_cell(_cell_text(values[index]), unit, dimension, inherited_texts, where)
    return rows


def _read_long(ws, header, columns, by_code, inherited, problems, dimensions) -> list[_Row]:
    """The long layout: one row per unit and dimension, the dimension named in 管控维度, the clauses
    in 管控要求 one per numbered line (wrapped lines joined)."""
    rows = []
    seen: dict[tuple[str, int], int] = {}
    for number_row, values in enumerate(ws.iter_rows(min_row=header + 1, values_only=True), start=header + 1):

        def get(name, values=values):
            index = columns.get(name)
            return _cell_text(values[index]) if index is not None and index < len(values) else ""

        if not any(_cell_text(v) for v in values):
            continue
        where = {"sheet": ws.title, "row": number_row}
        code = get("环境管控单元编码")
        unit = by_code.get(code)
        if unit is None:
            problems.append(Message("EZ-X001", {**where, "value": code}))
            continue
        dimension_text = get("管控维度")
        dimension = dimensions.parse(dimension_text)
        if dimension is None:
            problems.append(Message("EZ-X002", {**where, "value": dimension_text}))
            continue
        if (code, dimension) in seen:
            problems.append(Message("EZ-X011", {**where, "value": code, "first_row": seen[(code, dimension)]}))
            continue
        seen[(code, dimension)] = number_row
        inherited_texts = {(c.dimension, _normalised(c.text)) for c in inherited.get(unit.uid, [])}
        rows += _unit_cell(get("管控要求"), unit, dimension, inherited_texts, (ws.title, number_row))
    return rows


def _unit_cell(cell: str, unit, dimension: int, inherited_texts: set, where: tuple[str, int]) -> list[_Row]:
    """A unit's own clauses of one dimension from a printed cell: those it inherits are left out,
    numbers kept as published (a bare n becomes d-n)."""
    rows = []
    for n, (number, text) in enumerate(cell_clauses(cell), start=1):
        if (dimension, _normalised(parse(text, numbered=False).text)) in inherited_texts:
            continue
        clause_no = number if "-" in number else f"{dimension}-{number or n}"
        clause = _tagged(text, level="unit", scope=unit.uid, dimension=dimension, clause_no=clause_no)
        rows.append(_Row(where[0], where[1], clause))
    return rows


def _content(clause: Clause) -> tuple:
    return (clause.text, clause.industry_codes, clause.element_tag, clause.clause_type, clause.type_inferred)


def cell_clauses(cell: str) -> list[tuple[str, str]]:
    """The clauses of one printed cell as (number as published, text with its tag). In a numbered
    cell a line that does not start a new number continues the clause before it (lists wrap lines);
    in a cell without numbers every line is a clause."""
    items: list[list[str]] = []
    numbered = False
    for line in _LINE_SPLIT.split(cell or ""):
        if not line.strip():
            continue
        number, rest = split_number(line)
        numbered = numbered or (bool(number) and not items)
        if number or not items or not numbered:
            items.append([number, rest])
        else:
            items[-1][1] += line.strip()
    return [(number, text.strip()) for number, text in items if text.strip()]


def import_workbook(
    store: PlanStore,
    path: str | os.PathLike,
    mode: int = 0,
    replace: bool = False,
    author: str = "",
    progress: Progress | None = None,
) -> ImportReport:
    """Read the workbook and write its clauses in one transaction.

    mode 0: nothing is written unless every row is clean; mode 1: the clean rows are written.
    replace: clauses of the levels the file covers that the file lacks are removed.
    """
    progress = progress or Progress()
    rows, problems, layout, levels = read_workbook_rows(store, path)
    report = ImportReport(problems=problems, layout=layout)
    progress.set_progress(40)
    if problems and mode == 0:
        return report
    existing = {c.key: c for c in store.clauses()}
    changes = []
    wanted_keys = set()
    for item in rows:
        progress.check()
        wanted_keys.add(item.clause.key)
        old = existing.get(item.clause.key)
        if old is None:
            changes.append(ClauseChange("add", item.clause))
            report.added += 1
        elif _content(old) != _content(item.clause):
            new = item.clause
            changes.append(
                ClauseChange(
                    "update",
                    old.with_changes(
                        text=new.text,
                        industry_codes=new.industry_codes,
                        element_tag=new.element_tag,
                        clause_type=new.clause_type,
                        type_inferred=new.type_inferred,
                    ),
                )
            )
            report.updated += 1
        else:
            report.unchanged += 1
    if replace:
        for key, old in existing.items():
            if old.level in levels and key not in wanted_keys:
                changes.append(ClauseChange("delete", clause_id=old.id))
                report.removed += 1
    progress.set_progress(70)
    if changes:
        report.log_ids = store.apply(changes, author, reason=f"import {Path(path).name}")
    report.applied = True
    progress.set_progress(100)
    return report
