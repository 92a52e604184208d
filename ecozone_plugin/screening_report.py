"""The one-page screening report (A4, Chinese): the site over the units, the verdict and its reasons,
the units it touches, and their clauses by dimension with the deciding ones marked.

Print layouts render on the GUI thread: the dock calls this there, and screensite, which writes one
report per site, is flagged not to run in a background thread.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QFont

from .core.admission.clauses import LEVEL_LABELS
from .core.admission.dimensions import scheme
from .core.admission.tags import TYPE_LABELS
from .core.screening import SiteResult, verdict_text
from .core.terms import term
from .core.zones.geometry import to_wkb
from .filing_maps import fitted, map_font_family, round_scale
from .paths import resource
from .styles import style_layer

MM = QgsUnitTypes.LayoutMillimeters
MIN_EXTENT_M = 2000.0  # a point site is shown with at least 2 km around it


def plan_units(store) -> QgsVectorLayer:
    """The plan's units as the reports draw them: a styled copy in memory, made once for a batch."""
    source = QgsVectorLayer(f"{store.path}|layername=control_units", "环境管控单元", "ogr")
    units = source.materialize(QgsFeatureRequest())  # drawn without holding the plan's file open
    del source
    units.setName("环境管控单元")
    style_layer(units, "control_units", "zh")
    return units


def site_report(store, result: SiteResult, profile: dict, path: Path, units: QgsVectorLayer | None = None) -> Path:
    """Write the report of one site to ``path`` (PDF); ``units`` from plan_units() when writing many."""
    font = map_font_family()
    project = QgsProject()
    units = (units if units is not None else plan_units(store)).clone()  # the project owns what it is given
    site = _site_layer(result, units.crs().authid())
    project.addMapLayers([units, site])
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize("A4", page.Portrait)
    info = store.info()
    _label(layout, "建设项目生态环境准入研判报告", 10, 8, 190, 10, QFont(font, 16, QFont.Weight.Bold))
    plan = f"{info.get('county_names', '').replace(';', '、')}生态环境分区管控方案 {info.get('plan_version', '')}"
    industry = (
        f"{result.industry_code} {result.industry_name}" if result.industry_code else (result.site.industry or "未提供")
    )
    head = (
        f"规划成果：{html.escape(plan)}　编制单位：{html.escape(info.get('compiled_by', '') or '—')}<br>"
        f"项目：{html.escape(result.site.name or f'选址 {result.site.fid}')}　行业：{html.escape(industry)}"
        f"　研判日期：{date.today():%Y年%m月%d日}"
    )
    _label(layout, head, 10, 19, 190, 10, QFont(font, 9), html_mode=True)
    map_item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(map_item)
    map_item.attemptMove(QgsLayoutPoint(10, 31, MM))
    map_item.attemptResize(QgsLayoutSize(190, 105, MM))
    map_item.setFrameEnabled(True)
    map_item.setCrs(units.crs())
    map_item.setLayers([site, units])
    map_item.setKeepLayerSet(True)
    extent = QgsRectangle(site.extent())
    grow = (
        max(MIN_EXTENT_M - extent.width(), MIN_EXTENT_M - extent.height(), 0.0) / 2
        + max(extent.width(), extent.height()) * 0.3
    )
    extent.grow(grow)
    map_item.setExtent(fitted(extent, 190 / 105, margin=0.0))
    map_item.setScale(round_scale(map_item.scale()))
    bar = QgsLayoutItemScaleBar(layout)
    bar.setLinkedMap(map_item)
    bar.setStyle("Single Box")
    kilometres = map_item.scale() > 20000
    bar.setUnits(QgsUnitTypes.DistanceKilometers if kilometres else QgsUnitTypes.DistanceMeters)
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers if kilometres else QgsUnitTypes.DistanceMeters)
    bar.setUnitLabel("千米" if kilometres else "米")
    text = bar.textFormat()
    text.setFont(QFont(font, 8))
    bar.setTextFormat(text)
    bar.attemptMove(QgsLayoutPoint(12, 124, MM))
    layout.addLayoutItem(bar)
    bar.update()
    north = QgsLayoutItemPicture(layout)
    north.setPicturePath(str(resource("icons", "north_arrow.svg")))
    north.attemptMove(QgsLayoutPoint(188, 33, MM))
    north.attemptResize(QgsLayoutSize(10, 14, MM))
    layout.addLayoutItem(north)
    _label(layout, f"比例尺 1:{round(map_item.scale()):,}", 150, 130, 48, 5, QFont(font, 8))
    _label(layout, _body(result, profile), 10, 139, 190, 150, QFont(font, 8), html_mode=True, font_family=font)
    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 150
    path.parent.mkdir(parents=True, exist_ok=True)
    outcome = exporter.exportToPdf(str(path), settings)
    project.clear()
    if outcome != QgsLayoutExporter.Success:
        raise RuntimeError(f"PDF export failed ({outcome}): {exporter.errorMessage()}")
    return path


def _site_layer(result: SiteResult, authid: str) -> QgsVectorLayer:
    import shapely

    dimension = shapely.get_dimensions(result.site.geometry)
    kind = {0: "MultiPoint", 1: "MultiLineString"}.get(dimension, "MultiPolygon")
    layer = QgsVectorLayer(f"{kind}?crs={authid}", "项目选址", "memory")
    feature = QgsFeature(layer.fields())
    geometry = QgsGeometry()
    geometry.fromWkb(to_wkb(result.site.geometry))
    geometry.convertToMultiType()
    feature.setGeometry(geometry)
    layer.dataProvider().addFeatures([feature])
    if dimension == 0:
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "star", "color": "255,0,0,255", "size": "6", "outline_color": "white"}
        )
    elif dimension == 1:
        symbol = QgsLineSymbol.createSimple({"line_color": "255,0,0,255", "line_width": "1.2"})
    else:
        symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": "255,0,0,255", "outline_width": "1.2"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def _label(layout, text, x, y, w, h, font, html_mode=False, font_family=""):
    label = QgsLayoutItemLabel(layout)
    label.setText(text.replace("{font}", font_family) if html_mode else text)
    label.setFont(font)
    if html_mode:
        label.setMode(QgsLayoutItemLabel.ModeHtml)
    label.attemptMove(QgsLayoutPoint(x, y, MM))
    label.attemptResize(QgsLayoutSize(w, h, MM))
    layout.addLayoutItem(label)
    return label


def _body(result: SiteResult, profile: dict) -> str:
    e = html.escape
    colours = {"fail": "#b00020", "restricted": "#a66300", "incomplete": "#555555", "pass": "#1b7f3a"}
    reasons = "".join(f"<li>{e(r)}</li>" for r in result.reasons) or "<li>所涉单元的准入条款未涉及该行业。</li>"
    rows = []
    for h in result.hits:
        rows.append(
            f"<tr><td>{e(h.unit.code)}</td><td>{e(h.unit.name)}</td><td>{e(term('unit_class', h.unit.unit_class))}</td>"
            f"<td align='right'>{h.overlap:.4f}</td><td>{e(verdict_text(h.verdict, profile))}</td></tr>"
        )
    units = "".join(rows) or "<tr><td colspan='5'>项目位于规划范围外</td></tr>"
    deciding = {id(d.clause) for h in result.hits for d in h.decisions}
    dimensions = scheme(profile)
    clauses = []
    for hit in result.hits[:3]:
        clauses.append(f"<p style='margin:4px 0 0 0'><b>{e(hit.unit.code)} {e(hit.unit.name)}</b></p>")
        by_dimension: dict[int, list] = {}
        for clause in hit.applicable:
            by_dimension.setdefault(clause.dimension, []).append(clause)
        order = dimensions.shown()
        for dimension, items in sorted(
            by_dimension.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 9
        ):
            title = dimensions.label(dimension, "zh")
            lines = []
            for clause in items:
                kind = f"{LEVEL_LABELS[clause.level]['zh']}·{TYPE_LABELS.get(clause.clause_type, '')}"
                text = f"{e(clause.clause_no)}（{kind}）{e(clause.text)}"
                lines.append(f"<b style='color:#b00020'>{text}</b>" if id(clause) in deciding else text)
            clauses.append(f"<p style='margin:0'>【{e(title)}】{'；'.join(lines)}</p>")
    return (
        "<div style=\"font-family:'{font}'; font-size:8pt\">"
        f"<p style='font-size:13pt; margin:0'><b>研判结果：<span style='color:{colours[result.verdict]}'>"
        f"{e(verdict_text(result.verdict, profile))}</span></b></p>"
        f"<p style='margin:4px 0 0 0'><b>理由</b></p><ul style='margin-top:0'>{reasons}</ul>"
        "<p style='margin:0'><b>涉及环境管控单元</b></p>"
        "<table border='1' cellspacing='0' cellpadding='2' style='border-collapse:collapse; font-size:8pt'>"
        "<tr><th>单元编码</th><th>单元名称</th><th>类别</th><th>重叠（km²/km）</th><th>结果</th></tr>"
        f"{units}</table><p style='margin:4px 0 0 0'><b>生效的准入要求（红字为决定性条款）</b></p>"
        f"{''.join(clauses)}</div>"
    )
