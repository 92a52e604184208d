"""Unit statistics for the plan's text and the filing: by class, by county and class, by element subtype."""

from __future__ import annotations

import html
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..admission.clauses import label
from ..html_page import page
from ..terms import term
from ..workbook import data_sheet, new_workbook, save_whole

CLASS_COLOURS = {1: "3AA655", 2: "E4572E", 3: "F2C14E"}
_TEXT = {
    "by_class": {"zh": "按类别", "en": "By class"},
    "by_county": {"zh": "按区县", "en": "By county"},
    "by_subtype": {"zh": "按要素细类", "en": "By element subtype"},
    "by_subclass": {"zh": "按单元细类", "en": "By unit subclass"},
    "class": {"zh": "管控单元分类", "en": "Unit class"},
    "units": {"zh": "单元数", "en": "Units"},
    "area": {"zh": "面积（平方千米）", "en": "Area (km²)"},
    "share": {"zh": "面积占比（%）", "en": "Share of area (%)"},
    "plan_share": {"zh": "占规划面积比例（%）", "en": "Share of the plan's area (%)"},
    "total": {"zh": "合计", "en": "Total"},
    "county_code": {"zh": "区县代码", "en": "County code"},
    "county_name": {"zh": "区县名称", "en": "County"},
    "count_of": {"zh": "{0}数", "en": "{0}s"},
    "area_of": {"zh": "{0}面积", "en": "{0} area"},
    "element": {"zh": "环境要素", "en": "Element"},
    "subtype": {"zh": "要素细类", "en": "Subtype"},
    "subclass": {"zh": "单元细类", "en": "Unit subclass"},
    "chart": {"zh": "各区县管控单元面积（平方千米）", "en": "Unit area per county (km²)"},
    "km2": {"zh": "平方千米", "en": "km²"},
    "title": {"zh": "环境管控单元统计", "en": "Control unit statistics"},
}


def _t(key: str, lang: str) -> str:
    return label(_TEXT, key, lang)


@dataclass
class Statistics:
    total_km2: float = 0.0
    by_class: dict[int, tuple[int, float]] = field(default_factory=dict)  # class -> (count, km²)
    by_county: dict[tuple[str, str], dict[int, tuple[int, float]]] = field(default_factory=dict)
    by_subtype: list[tuple[str, str, float]] = field(default_factory=list)  # element, subtype, km²
    by_subclass: dict[tuple[int, str], tuple[int, float]] = field(default_factory=dict)  # (class, subclass)

    def share(self, area: float) -> float:
        return 100.0 * area / self.total_km2 if self.total_km2 else 0.0

    def rows(self) -> list[dict]:
        """Flat rows for the statistics table: one per class, per county and class, per subtype."""
        rows = []
        for unit_class, (count, area) in sorted(self.by_class.items()):
            rows.append(_row("class", "", "", unit_class, "", "", count, area, self.share(area)))
        for (code, name), classes in sorted(self.by_county.items()):
            county_total = sum(a for _c, a in classes.values())
            for unit_class, (count, area) in sorted(classes.items()):
                share = 100.0 * area / county_total if county_total else 0.0
                rows.append(_row("county_class", code, name, unit_class, "", "", count, area, share))
        for element, subtype, area in self.by_subtype:
            rows.append(_row("subtype", "", "", None, element, subtype, None, area, self.share(area)))
        for (unit_class, subclass), (count, area) in sorted(self.by_subclass.items()):
            rows.append(_row("subclass", "", "", unit_class, "", subclass, count, area, self.share(area)))
        return rows


def _row(table, county_code, county_name, unit_class, element, subtype, count, area, share) -> dict:
    return {
        "table": table,
        "county_code": county_code,
        "county_name": county_name,
        "unit_class": unit_class,
        "element": element,
        "subtype": subtype,
        "units": count,
        "area_km2": round(area, 6),
        "share_pct": round(share, 4),
    }


def compute(units, unit_zones: list[dict]) -> Statistics:
    """``units`` are UnitInfo records; ``unit_zones`` the plan's provenance rows."""
    stats = Statistics()
    by_class: dict[int, list] = defaultdict(lambda: [0, 0.0])
    by_county: dict[tuple[str, str], dict[int, list]] = defaultdict(lambda: defaultdict(lambda: [0, 0.0]))
    by_subclass: dict[tuple[int, str], list] = defaultdict(lambda: [0, 0.0])
    for unit in units:
        by_subclass[(unit.unit_class, unit.subclass)][0] += 1
        by_subclass[(unit.unit_class, unit.subclass)][1] += unit.area_km2
        by_class[unit.unit_class][0] += 1
        by_class[unit.unit_class][1] += unit.area_km2
        cell = by_county[(unit.county_code, unit.county_name)][unit.unit_class]
        cell[0] += 1
        cell[1] += unit.area_km2
        stats.total_km2 += unit.area_km2
    stats.by_class = {c: (v[0], v[1]) for c, v in by_class.items()}
    stats.by_subclass = {k: (v[0], v[1]) for k, v in by_subclass.items()}
    stats.by_county = {k: {c: (v[0], v[1]) for c, v in classes.items()} for k, classes in by_county.items()}
    subtypes: dict[tuple[str, str], float] = defaultdict(float)
    for row in unit_zones:
        subtypes[(row.get("element") or "", row.get("subtype") or "")] += float(row.get("overlap_km2") or 0.0)
    stats.by_subtype = sorted(((e, s, a) for (e, s), a in subtypes.items()), key=lambda r: (r[0], -r[2], r[1]))
    return stats


def write_xlsx(stats: Statistics, path: str | os.PathLike, title: str = "", lang: str = "zh") -> None:
    """Four sheets and a bar chart of class areas per county; written under a temporary name."""
    from openpyxl.chart import BarChart, Reference

    book = new_workbook()

    data_sheet(
        book,
        _t("by_class", lang),
        [_t(k, lang) for k in ("class", "units", "area", "share")],
        [[term("unit_class", c, lang), n, a, stats.share(a)] for c, (n, a) in sorted(stats.by_class.items())]
        + [
            [
                _t("total", lang),
                sum(n for n, _ in stats.by_class.values()),
                stats.total_km2,
                100.0 if stats.total_km2 else 0.0,
            ]
        ],
        (16, 10, 18, 14),
    )
    counties = sorted(stats.by_county)
    county_rows = []
    for code, name in counties:
        classes = stats.by_county[(code, name)]
        row = [code, name]
        for c in (1, 2, 3):
            row += [classes.get(c, (0, 0.0))[0], classes.get(c, (0, 0.0))[1]]
        county_rows.append(row)
    ws = data_sheet(
        book,
        _t("by_county", lang),
        [_t("county_code", lang), _t("county_name", lang)]
        + [
            _t(key, lang).format(term("unit_class", c, lang))
            for c in (1, 2, 3)
            for key in ("count_of", "area_of")
        ],
        county_rows,
        (12, 14, 14, 14, 14, 14, 14, 14),
    )
    if county_rows:
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = title or _t("chart", lang)
        chart.y_axis.title = _t("km2", lang)
        categories = Reference(ws, min_col=2, min_row=2, max_row=len(county_rows) + 1)
        for n, column in enumerate((4, 6, 8)):
            data = Reference(ws, min_col=column, min_row=1, max_row=len(county_rows) + 1)
            chart.add_data(data, titles_from_data=True)
            chart.series[n].graphicalProperties.solidFill = CLASS_COLOURS[n + 1]
        chart.set_categories(categories)
        chart.width, chart.height = 18, 9
        ws.add_chart(chart, f"A{len(county_rows) + 4}")
    data_sheet(
        book,
        _t("by_subtype", lang),
        [_t(k, lang) for k in ("element", "subtype", "area", "plan_share")],
        [[term("element", e, lang), s, a, stats.share(a)] for e, s, a in stats.by_subtype],
        (12, 30, 18, 20),
    )
    data_sheet(
        book,
        _t("by_subclass", lang),
        [_t(k, lang) for k in ("class", "subclass", "units", "area", "share")],
        [
            [term("unit_class", c, lang), s or "—", n, a, stats.share(a)]
            for (c, s), (n, a) in sorted(stats.by_subclass.items())
        ],
        (16, 24, 10, 18, 14),
    )
    save_whole(book, path)


def write_html(stats: Statistics, path: str | os.PathLike, title: str = "", lang: str = "zh") -> None:
    """A page with the tables and an SVG bar chart of class areas per county."""
    e = html.escape
    counties = sorted(stats.by_county)
    biggest = max((sum(a for _n, a in stats.by_county[k].values()) for k in counties), default=0.0) or 1.0
    bars, x = [], 60
    for code, name in counties:
        y = 260
        for unit_class in (1, 2, 3):
            area = stats.by_county[(code, name)].get(unit_class, (0, 0.0))[1]
            height = 220.0 * area / biggest
            y -= height
            bars.append(
                f"<rect x='{x}' y='{y:.1f}' width='40' height='{height:.1f}' fill='#{CLASS_COLOURS[unit_class]}'>"
                f"<title>{e(name)} {e(term('unit_class', unit_class, lang))} {area:.2f} km²</title></rect>"
            )
        bars.append(f"<text x='{x + 20}' y='278' text-anchor='middle' font-size='12'>{e(name or code)}</text>")
        x += 70
    legend = "".join(
        f"<rect x='{x + 20}' y='{40 + 20 * n}' width='12' height='12' fill='#{CLASS_COLOURS[c]}'/>"
        f"<text x='{x + 38}' y='{51 + 20 * n}' font-size='12'>{e(term('unit_class', c, lang))}</text>"
        for n, c in enumerate((1, 2, 3))
    )
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' width='{x + 160}' height='300'>{''.join(bars)}{legend}</svg>"
    class_rows = "".join(
        f"<tr><td>{e(term('unit_class', c, lang))}</td><td>{n}</td><td>{a:.2f}</td><td>{stats.share(a):.2f}</td></tr>"
        for c, (n, a) in sorted(stats.by_class.items())
    )
    subtype_rows = "".join(
        f"<tr><td>{e(term('element', el, lang))}</td><td>{e(s)}</td><td>{a:.2f}</td><td>{stats.share(a):.2f}</td></tr>"
        for el, s, a in stats.by_subtype
    )
    subclass_rows = "".join(
        f"<tr><td>{e(term('unit_class', c, lang))}</td><td>{e(s or '—')}</td><td>{n}</td><td>{a:.2f}</td>"
        f"<td>{stats.share(a):.2f}</td></tr>"
        for (c, s), (n, a) in sorted(stats.by_subclass.items())
    )
    total_units = sum(n for n, _ in stats.by_class.values())
    t = {key: e(_t(key, lang)) for key in _TEXT}
    head = f"<tr><th>{t['class']}</th><th>{t['units']}</th><th>{t['area']}</th><th>{t['share']}</th></tr>"
    body = f"""<h2>{t['by_class']}</h2><table>{head}
{class_rows}<tr><th>{t['total']}</th><th>{total_units}</th><th>{stats.total_km2:.2f}</th><th>100</th></tr></table>
<h2>{t['chart']}</h2>{svg}
<h2>{t['by_subclass']}</h2><table><tr><th>{t['class']}</th><th>{t['subclass']}</th><th>{t['units']}</th>
<th>{t['area']}</th><th>{t['share']}</th></tr>
{subclass_rows}</table>
<h2>{t['by_subtype']}</h2><table><tr><th>{t['element']}</th><th>{t['subtype']}</th><th>{t['area']}</th>
<th>{t['plan_share']}</th></tr>
{subtype_rows}</table>"""
    Path(path).write_text(page(title or _t("title", lang), body, lang), encoding="utf-8")
