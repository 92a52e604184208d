"""The derivation report (HTML): parameters, repairs, merged fragments, class areas."""

from __future__ import annotations

import html
from datetime import datetime, timezone

from ..admission.clauses import label
from ..classes import CLASSES, class_label
from ..html_page import page
from ..messages import Message
from ..terms import term

_TEXT = {
    "title": {"en": "EcoZone: control unit derivation report", "zh": "EcoZone 环境管控单元划定报告"},
    "generated": {"en": "Generated", "zh": "生成时间"},
    "parameters": {"en": "Parameters", "zh": "参数"},
    "areas": {"en": "Class areas per county (km²)", "zh": "各区县管控单元面积（平方千米）"},
    "county": {"en": "County", "zh": "区县"},
    "total": {"en": "Total", "zh": "合计"},
    "units": {"en": "Units", "zh": "管控单元"},
    "code": {"en": "Code", "zh": "编码"},
    "name": {"en": "Name", "zh": "名称"},
    "class": {"en": "Class", "zh": "类别"},
    "rule": {"en": "Rule", "zh": "规则"},
    "area": {"en": "Area (km²)", "zh": "面积（平方千米）"},
    "elements": {"en": "Element subtypes", "zh": "要素属性"},
    "fragments": {"en": "Fragments", "zh": "碎片处理"},
    "repairs": {"en": "Repairs and warnings", "zh": "几何修复与提示"},
    "none": {"en": "None.", "zh": "无。"},
}


def _t(key: str, lang: str) -> str:
    return label(_TEXT, key, lang)


def derivation_report(result, parameters: dict, input_messages: list[Message], lang: str = "zh") -> str:
    esc = html.escape
    out = [
        f"<p>{esc(_t('generated', lang))}: {datetime.now(timezone.utc).isoformat(timespec='seconds')}</p>",
        f"<h2>{esc(_t('parameters', lang))}</h2><table>",
    ]
    for key, value in parameters.items():
        out.append(f"<tr><th>{esc(str(key))}</th><td>{esc(str(value))}</td></tr>")
    out.append("</table>")

    out.append(f"<h2>{esc(_t('areas', lang))}</h2><table><tr><th>{esc(_t('county', lang))}</th>")
    out += [f"<th>{esc(class_label(c, lang))}</th>" for c in CLASSES]
    out.append(f"<th>{esc(_t('total', lang))}</th></tr>")
    for (code, name), areas in sorted(result.class_areas.items()):
        cells = "".join(f'<td class="n">{areas.get(c, 0.0):.4f}</td>' for c in CLASSES)
        total = sum(areas.values())
        out.append(f'<tr><td>{esc(name)} ({esc(code)})</td>{cells}<td class="n">{total:.4f}</td></tr>')
    out.append("</table>")

    out.append(f"<h2>{esc(_t('units', lang))}</h2><table><tr>")
    for key in ("code", "name", "class", "rule", "area", "elements"):
        out.append(f"<th>{esc(_t(key, lang))}</th>")
    out.append("</tr>")
    for unit in result.units:
        out.append(
            f"<tr><td>{esc(unit.unit_code)}</td><td>{esc(unit.unit_name)}</td>"
            f"<td>{esc(class_label(unit.unit_class, lang))}</td><td>{esc(term('rule', unit.rule, lang))}</td>"
            f'<td class="n">{unit.area_km2:.4f}</td><td>{esc(unit.elements_text)}</td></tr>'
        )
    out.append("</table>")

    fragment_messages = [m for m in result.messages if m.code in ("EZ-D005", "EZ-D012", "EZ-D013", "EZ-D024")]
    other = list(input_messages) + [m for m in result.messages if m not in fragment_messages]
    for title, messages in (("fragments", fragment_messages), ("repairs", other)):
        out.append(f"<h2>{esc(_t(title, lang))} ({len(messages)})</h2>")
        if not messages:
            out.append(f"<p>{esc(_t('none', lang))}</p>")
            continue
        out.append("<ul>")
        out += [f"<li>{esc(m.code)} {esc(m.text(lang))}</li>" for m in messages]
        out.append("</ul>")
    return page(_t("title", lang), "\n".join(out), lang)
