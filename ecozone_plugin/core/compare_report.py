"""The change report of two plan versions, in Chinese (the language of the update filing): every
loss of priority-protection ground first, marked 需省级论证说明, then class areas by county, the
transition matrix, unit and clause changes. The same tables go to .html and .xlsx."""

from __future__ import annotations

import html
import os
from pathlib import Path

from .compare import CHANGE_TYPES, NONE, Comparison, Version, clause_changes
from .html_page import page
from .terms import term
from .workbook import data_sheet, new_workbook, save_whole

CHANGE_LABELS = {kind: term("change_type", kind, "zh") for kind in CHANGE_TYPES}
UNIT_CHANGE_LABELS = {
    "added": "新增",
    "removed": "删除",
    "recoded": "编码变化",
    "renamed": "名称变化",
    "reshaped": "范围变化",
}
CLAUSE_CHANGE_LABELS = {"added": "新增", "removed": "删除", "changed": "修改"}
FLAG = "需省级论证说明"


def _class(value: int) -> str:
    return "规划范围外" if value == NONE else term("unit_class", value, "zh")


def tables(result: Comparison, old: Version, new: Version, reasons: dict | None = None) -> list[tuple[str, list, list]]:
    """(title, headers, rows) of every table of the report, in its order."""
    reasons = reasons or {}
    losses = [
        [
            p.county_code,
            p.old.code,
            p.old.name,
            p.old.townships or "",
            p.new.code if p.new else "",
            _class(p.new.unit_class) if p.new else "规划范围外",
            round(p.area_km2, 6),
            p.old_zones,
            "是" if p.hard_loss else "否",
            reasons.get(id(p), "") or "未填写",
            FLAG,
        ]
        for p in result.priority_losses
    ]
    counties = []
    for county, versions in sorted(result.by_county.items()):
        for unit_class in (1, 2, 3):
            old_n, old_a = versions["old"].get(unit_class, (0, 0.0))
            new_n, new_a = versions["new"].get(unit_class, (0, 0.0))
            counties.append(
                [
                    county,
                    _class(unit_class),
                    old_n,
                    round(old_a, 4),
                    new_n,
                    round(new_a, 4),
                    new_n - old_n,
                    round(new_a - old_a, 4),
                ]
            )
    classes = [1, 2, 3, NONE]
    matrix = [
        [_class(o)]
        + [round(result.matrix.get((o, n), 0.0), 6) for n in classes]
        + [round(sum(result.matrix.get((o, n), 0.0) for n in classes), 6)]
        for o in classes
    ]
    units = [
        [
            UNIT_CHANGE_LABELS[c.kind],
            c.old.code if c.old else "",
            c.old.name if c.old else "",
            c.new.code if c.new else "",
            c.new.name if c.new else "",
            c.detail,
        ]
        for c in result.unit_changes
    ]
    clauses = [
        [code, CLAUSE_CHANGE_LABELS[kind], number, before, after]
        for code, kind, number, before, after in clause_changes(old, new)
    ]
    counts = [[CHANGE_LABELS[k], n] for k, n in result.counts().items()] + [
        ["小于最小变化面积而未列出的图斑", result.small_pieces]
    ]
    return [
        (
            f"优先保护空间减少（{FLAG}）",
            [
                "区县代码",
                "原单元编码",
                "原单元名称",
                "涉及乡镇",
                "新单元编码",
                "新类别",
                "面积（平方千米）",
                "原优先保护分区",
                "仍在生态保护红线或保护地内",
                "调整理由",
                "说明",
            ],
            losses,
        ),
        (
            "各区县管控单元数量与面积",
            [
                "区县代码",
                "类别",
                "原单元数",
                "原面积（平方千米）",
                "新单元数",
                "新面积（平方千米）",
                "单元数变化",
                "面积变化（平方千米）",
            ],
            counties,
        ),
        (
            "类别转移矩阵（平方千米，行：原类别，列：新类别）",
            ["原类别"] + [_class(c) for c in classes] + ["合计"],
            matrix,
        ),
        ("单元变化", ["变化", "原单元编码", "原单元名称", "新单元编码", "新单元名称", "说明"], units),
        ("准入条款变化", ["单元编码", "变化", "条款编号", "原条款", "新条款"], clauses),
        ("变化图斑统计", ["变化类型", "图斑数"], counts),
    ]


def write_html(
    path: str | os.PathLike, result: Comparison, old: Version, new: Version, reasons: dict | None = None
) -> None:
    """The report as one HTML page; ``reasons`` by id() of a piece (the update filing's)."""
    e = html.escape
    versions = [f"{e(v.label)}（{e(v.info.get('plan_version', ''))}）" for v in (old, new)]
    parts = [f"<p>原版本：{versions[0]}　新版本：{versions[1]}</p>"]
    for n, (title, headers, rows) in enumerate(tables(result, old, new, reasons)):
        css = " class='loss'" if n == 0 else ""
        parts.append(f"<h2{css}>{e(title)}（{len(rows)}）</h2>")
        if not rows:
            parts.append("<p>无。</p>" if n else "<p>无优先保护空间减少。</p>")
            continue
        head = "".join(f"<th>{e(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row) + "</tr>" for row in rows)
        parts.append(f"<table><tr>{head}</tr>{body}</table>")
    style = "h2.loss{color:#b00020}"
    Path(path).write_text(page("生态环境分区管控动态更新对比报告", "\n".join(parts), "zh", style), encoding="utf-8")


def write_xlsx(
    path: str | os.PathLike, result: Comparison, old: Version, new: Version, reasons: dict | None = None
) -> None:
    book = new_workbook()
    titles = ["优先保护空间减少", "各区县统计", "转移矩阵", "单元变化", "条款变化", "图斑统计"]
    for sheet, (_title, headers, rows) in zip(titles, tables(result, old, new, reasons)):
        data_sheet(book, sheet, headers, rows, tuple(max(10, min(40, len(h) * 2 + 4)) for h in headers))
    save_whole(book, path)
