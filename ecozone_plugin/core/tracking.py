"""Tracking statistics (跟踪评估): several versions of a plan side by side, ordered by plan date.

For each version and county: units and areas by class and by class and subclass, and the change
from the version before; between consecutive versions the transition matrix (compare.py). Versions
whose county sets differ are reported, never mixed silently.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

import shapely

from .compare import NONE, Version, compare, reproject
from .html_page import page
from .terms import term
from .workbook import data_sheet, new_workbook, save_whole


@dataclass
class Tracking:
    versions: list[Version]
    rows: list[dict] = field(default_factory=list)  # one per version, county, class and subclass
    matrices: list[tuple[str, str, dict]] = field(default_factory=list)  # (from, to, matrix)
    county_notes: list[str] = field(default_factory=list)


def version_key(version: Version) -> tuple:
    """Plans by their date (compiled_date), then their version text, then their file name."""
    info = version.info or {}
    return (info.get("compiled_date") or "9999", info.get("plan_version") or "", version.label)


def track(versions: list[Version]) -> Tracking:
    ordered = sorted(versions, key=version_key)
    if ordered:
        epsg = ordered[-1].epsg
        ordered = [reproject(v, epsg) for v in ordered]
    result = Tracking(ordered)
    previous: dict[tuple, tuple[int, float]] = {}
    previous_counties: set[str] | None = None
    for version in ordered:
        name = _name(version)
        totals: dict[tuple, list] = {}
        for unit, geometry in version.units:
            area = float(shapely.area(geometry)) / 1e6
            for key in (
                (unit.county_code, unit.unit_class, ""),
                (unit.county_code, unit.unit_class, unit.subclass or "—"),
            ):
                entry = totals.setdefault(key, [0, 0.0])
                entry[0] += 1
                entry[1] += area
        counties = {u.county_code for u, _g in version.units}
        if previous_counties is not None and counties != previous_counties:
            added, removed = sorted(counties - previous_counties), sorted(previous_counties - counties)
            result.county_notes.append(
                f"{name}：县域范围与上一版本不同（新增 {'、'.join(added) or '无'}；减少 {'、'.join(removed) or '无'}）"
            )
        for key in sorted(set(totals) | set(previous)):
            if key not in totals and key[0] not in counties:
                continue
            count, area = totals.get(key, (0, 0.0))
            before = previous.get(key)
            result.rows.append(
                {
                    "version": name,
                    "date": version.info.get("compiled_date", ""),
                    "county_code": key[0],
                    "unit_class": key[1],
                    "subclass": key[2],
                    "units": count,
                    "area_km2": round(area, 6),
                    "units_change": None if before is None else count - before[0],
                    "area_change_km2": None if before is None else round(area - before[1], 6),
                }
            )
        previous = {k: (v[0], v[1]) for k, v in totals.items()}
        previous_counties = counties
    for old, new in zip(ordered, ordered[1:]):
        result.matrices.append((_name(old), _name(new), compare(old.units, new.units, min_change_m2=0.0).matrix))
    return result


def _name(version: Version) -> str:
    return version.info.get("plan_version") or version.label


def _class(value: int) -> str:
    return "规划范围外" if value == NONE else term("unit_class", value, "zh")


CLASS_HEADERS = [
    "版本",
    "编制日期",
    "区县代码",
    "类别",
    "单元细类",
    "单元数",
    "面积（平方千米）",
    "单元数变化",
    "面积变化（平方千米）",
]


def _class_rows(tracking: Tracking, subclasses: bool) -> list[list]:
    return [
        [
            r["version"],
            r["date"],
            r["county_code"],
            _class(r["unit_class"]),
            r["subclass"],
            r["units"],
            r["area_km2"],
            "" if r["units_change"] is None else r["units_change"],
            "" if r["area_change_km2"] is None else r["area_change_km2"],
        ]
        for r in tracking.rows
        if bool(r["subclass"]) == subclasses
    ]


def _matrix_rows(matrix: dict) -> list[list]:
    classes = [1, 2, 3, NONE]
    return [[_class(o)] + [round(matrix.get((o, n), 0.0), 6) for n in classes] for o in classes]


def write_xlsx(tracking: Tracking, path: str | os.PathLike) -> None:
    from openpyxl.chart import BarChart, Reference

    book = new_workbook()
    sheet = data_sheet(
        book, "按类别", CLASS_HEADERS, _class_rows(tracking, False), (12, 12, 12, 14, 10, 10, 16, 12, 18)
    )
    data_sheet(book, "按单元细类", CLASS_HEADERS, _class_rows(tracking, True), (12, 12, 12, 14, 16, 10, 16, 12, 18))
    rows = _class_rows(tracking, False)
    if rows:
        chart = BarChart()
        chart.title = "各版本各类管控单元面积（平方千米）"
        chart.add_data(Reference(sheet, min_col=7, min_row=1, max_row=len(rows) + 1), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, max_col=4, min_row=2, max_row=len(rows) + 1))
        chart.width, chart.height = 22, 10
        sheet.add_chart(chart, "K2")
    headers = ["原类别"] + [_class(c) for c in (1, 2, 3, NONE)]
    for n, (old, new, matrix) in enumerate(tracking.matrices, start=1):
        data_sheet(book, f"转移矩阵{n}", [f"{old} → {new}"] + headers[1:], _matrix_rows(matrix), (16, 14, 14, 14, 14))
    if tracking.county_notes:
        data_sheet(book, "说明", ["说明"], [[note] for note in tracking.county_notes], (80,))
    save_whole(book, path)


def write_html(tracking: Tracking, path: str | os.PathLike) -> None:
    e = html.escape
    parts = []
    for note in tracking.county_notes:
        parts.append(f"<p class='note'>{e(note)}</p>")
    rows = _class_rows(tracking, False)
    biggest = max((r[6] for r in rows), default=0.0) or 1.0
    bars, x = [], 10
    for r in rows:
        height = 200.0 * r[6] / biggest
        colour = {"优先保护单元": "#3AA655", "重点管控单元": "#E4572E", "一般管控单元": "#F2C14E"}.get(r[3], "#999")
        bars.append(
            f"<rect x='{x}' y='{220 - height:.1f}' width='14' height='{height:.1f}' fill='{colour}'>"
            f"<title>{e(r[0])} {e(r[2])} {e(r[3])} {r[6]:.2f} km²</title></rect>"
        )
        x += 18
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' width='{x + 10}' height='230'>{''.join(bars)}</svg>"
    parts.append(f"<h2>各版本各类管控单元面积</h2>{svg}")
    for title, subclasses in (("按类别", False), ("按单元细类", True)):
        head = "".join(f"<th>{e(h)}</th>" for h in CLASS_HEADERS)
        body = "".join(
            "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>"
            for row in _class_rows(tracking, subclasses)
        )
        parts.append(f"<h2>{title}</h2><table><tr>{head}</tr>{body}</table>")
    for old, new, matrix in tracking.matrices:
        head = "".join(f"<th>{e(h)}</th>" for h in ["原类别"] + [_class(c) for c in (1, 2, 3, NONE)])
        body = "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>" for row in _matrix_rows(matrix))
        parts.append(f"<h2>类别转移矩阵 {e(old)} → {e(new)}（平方千米）</h2><table><tr>{head}</tr>{body}</table>")
    Path(path).write_text(
        page("生态环境分区管控跟踪评估统计", "\n".join(parts), "zh", "p.note{color:#a66300}"), encoding="utf-8"
    )
