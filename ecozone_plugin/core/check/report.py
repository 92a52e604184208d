"""The validation reports: JSON for machines and the filing package, HTML for people."""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone

from ..admission.clauses import label
from ..html_page import page
from ..messages import ERROR, FINDING_CATEGORIES
from .validation import ValidationResult

LABELS = {
    "title": {"zh": "规划成果检查报告", "en": "Plan validation report"},
    "plan": {"zh": "规划成果库", "en": "Plan"},
    "profile": {"zh": "配置方案", "en": "Profile"},
    "time": {"zh": "检查时间", "en": "Checked at"},
    "units": {"zh": "单元数", "en": "Units"},
    "summary": {"zh": "汇总", "en": "Summary"},
    "category": {"zh": "类别", "en": "Category"},
    "errors": {"zh": "错误", "en": "Errors"},
    "warnings": {"zh": "警告", "en": "Warnings"},
    "findings": {"zh": "问题清单", "en": "Findings"},
    "code": {"zh": "代码", "en": "Code"},
    "severity": {"zh": "级别", "en": "Severity"},
    "unit": {"zh": "单元编码", "en": "Unit"},
    "message": {"zh": "说明与处理", "en": "Message and fix"},
    "parameters": {"zh": "检查参数", "en": "Parameters"},
    "none": {"zh": "未发现问题。", "en": "No findings."},
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
}


def _t(key: str, lang: str) -> str:
    return label(LABELS, key, lang)


def report_dict(result: ValidationResult, plan: str, profile: dict, lang: str = "zh") -> dict:
    return {
        "format": "ecozone-validation",
        "format_version": 1,
        "plan": plan,
        "profile": profile["id"],
        "checked_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "units": result.units,
        "parameters": result.parameters,
        "errors": result.errors,
        "warnings": result.warnings,
        "counts": result.counts(),
        "findings": [f.as_dict(lang) for f in result.findings],
    }


def report_json(result: ValidationResult, plan: str, profile: dict, lang: str = "zh") -> str:
    return json.dumps(report_dict(result, plan, profile, lang), ensure_ascii=False, indent=1, default=str)


def report_html(result: ValidationResult, plan: str, profile: dict, lang: str = "zh") -> str:
    key = "zh" if lang.startswith("zh") else "en"
    e = html.escape
    rows = []
    for category, names in FINDING_CATEGORIES.items():
        counts = result.counts()[category]
        rows.append(
            f"<tr><td>{e(names[key])} (EZ-{category})</td><td class='n'>{counts['error']}</td>"
            f"<td class='n'>{counts['warning']}</td></tr>"
        )
    findings = []
    for f in result.findings:
        css = "err" if f.severity == ERROR else "warn"
        findings.append(
            f"<tr class='{css}'><td>{e(f.code)}</td><td>{e(_t(f.severity, lang))}</td><td>{e(f.unit_code)}</td>"
            f"<td>{e(f.message.text(lang))}</td></tr>"
        )
    parameters = "".join(f"<li>{e(str(k))}: {e(str(v))}</li>" for k, v in result.parameters.items())
    profile_label = profile["label"].get(key, profile["id"])
    body_findings = (
        "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>".format(
            _t("code", lang), _t("severity", lang), _t("unit", lang), _t("message", lang), "".join(findings)
        )
        if findings
        else f"<p>{_t('none', lang)}</p>"
    )
    body = f"""<p>{_t("plan", lang)}: {e(plan)}<br>{_t("profile", lang)}: {e(str(profile_label))}<br>
{_t("units", lang)}: {result.units}<br>
{_t("time", lang)}: {datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}</p>
<h2>{_t("summary", lang)}</h2>
<table><tr><th>{_t("category", lang)}</th><th>{_t("errors", lang)}</th><th>{_t("warnings", lang)}</th></tr>
{"".join(rows)}
<tr><th>Σ</th><th class='n'>{result.errors}</th><th class='n'>{result.warnings}</th></tr></table>
<h2>{_t("findings", lang)}</h2>
{body_findings}
<h2>{_t("parameters", lang)}</h2><ul>{parameters}</ul>"""
    style = "tr.err td:first-child{color:#b00020;font-weight:bold}tr.warn td:first-child{color:#a66300}"
    return page(_t("title", lang), body, lang, style)
