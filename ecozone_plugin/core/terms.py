"""The one bilingual table of what the plan's stored values mean: classes, elements, rules, methods,
severities, and every field's name as a person reads it.

Stored values never change with the language (unit_class 1, rule "hard_priority", element "water");
reports, workbooks, maps, layer value maps and aliases, and the dialogs show them through this table.
"""

from __future__ import annotations

from . import schema
from .messages import FINDING_CATEGORIES


def _pair(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


TERMS: dict[str, dict] = {
    "unit_class": {
        1: _pair("优先保护单元", "priority protection unit"),
        2: _pair("重点管控单元", "key control unit"),
        3: _pair("一般管控单元", "general control unit"),
    },
    "zone_class": {
        1: _pair("优先保护区", "priority protection zone"),
        2: _pair("重点管控区", "key control zone"),
        3: _pair("一般管控区", "general control zone"),
    },
    "element": {
        "ecology": _pair("生态", "ecology"),
        "water": _pair("水环境", "water"),
        "air": _pair("大气环境", "air"),
        "soil": _pair("土壤环境", "soil"),
        "noise": _pair("声环境", "noise"),
        "resource": _pair("资源利用", "resource use"),
        "protected": _pair("保护地", "protected areas"),
        "development": _pair("开发边界与园区", "development boundary and parks"),
    },
    # the title of an element's map and of its layer in a project
    "element_title": {
        "ecology": _pair("生态空间", "Ecological space"),
        "water": _pair("水环境管控分区", "Water environment zones"),
        "air": _pair("大气环境管控分区", "Air environment zones"),
        "soil": _pair("土壤环境风险管控分区", "Soil pollution risk zones"),
        "noise": _pair("声环境功能区", "Noise function zones"),
        "resource": _pair("资源利用上线管控分区", "Resource-use ceiling zones"),
        "protected": _pair("自然保护地与饮用水水源保护区", "Protected areas and drinking water sources"),
        "development": _pair("城镇开发边界与产业园区", "Urban development boundary and industrial parks"),
    },
    "rule": {
        "hard_priority": _pair("红线与保护地刚性保护", "red line and protected areas"),
        "priority_zone": _pair("优先保护区叠加", "priority zones overlaid"),
        "key_zone": _pair("重点管控区叠加", "key zones overlaid"),
        "general_rest": _pair("其余区域", "the remaining ground"),
        "fit_priority": _pair("拟合：优先保护", "fitted: priority"),
        "fit_key": _pair("拟合：重点管控", "fitted: key"),
        "fit_general": _pair("拟合：一般管控", "fitted: general"),
    },
    "method": {"overlay": _pair("叠加法", "overlay"), "fitting": _pair("拟合法", "fitting")},
    "severity": {"error": _pair("错误", "error"), "warning": _pair("警告", "warning")},
    "category": FINDING_CATEGORIES,
    "change_type": {
        "class_down": _pair("优先保护调出", "out of priority protection"),
        "class_up": _pair("调入优先保护", "into priority protection"),
        "class_other": _pair("其他类别调整", "other class change"),
        "unit_changed": _pair("所属单元调整", "moved to another unit"),
        "added": _pair("新增范围", "ground added"),
        "removed": _pair("减少范围", "ground removed"),
    },
    "yes_no": {1: _pair("是", "yes"), 0: _pair("否", "no")},
}

# The name a person reads for each field, by table (schema.py's field lists).
FIELD_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "units": {
        "unit_uid": _pair("单元标识", "Unit identifier"),
        "unit_code": _pair("环境管控单元编码", "Unit code"),
        "unit_name": _pair("环境管控单元名称", "Unit name"),
        "unit_class": _pair("管控单元分类", "Unit class"),
        "county_code": _pair("区县代码", "County code"),
        "county_name": _pair("所属区县", "County"),
        "elements": _pair("要素属性", "Element subtypes"),
        "rule": _pair("划定规则", "Rule"),
        "area_km2": _pair("面积（平方千米）", "Area (km²)"),
        "method": _pair("划定方法", "Method"),
        "unit_subclass": _pair("单元细类", "Unit subclass"),
        "townships": _pair("涉及乡镇", "Townships"),
    },
    "zones": {
        "element": _pair("环境要素", "Element"),
        "zone_class": _pair("管控类别", "Zone class"),
        "subtype": _pair("要素细类", "Subtype"),
        "zone_code": _pair("分区编码", "Zone code"),
        "zone_name": _pair("分区名称", "Zone name"),
        "source_layer": _pair("来源图层", "Source layer"),
        "source_value": _pair("来源取值", "Source value"),
    },
    "boundary": {
        "county_code": _pair("区县代码", "County code"),
        "county_name": _pair("区县名称", "County"),
        "town_code": _pair("乡镇街道代码", "Township code"),
        "town_name": _pair("乡镇街道名称", "Township"),
    },
    "findings": {
        "code": _pair("问题代码", "Code"),
        "category": _pair("类别", "Category"),
        "severity": _pair("级别", "Severity"),
        "unit_code": _pair("环境管控单元编码", "Unit code"),
        "message": _pair("说明与处理", "Message and fix"),
    },
    "changes": {
        "old_unit_code": _pair("原单元编码", "Earlier unit code"),
        "new_unit_code": _pair("新单元编码", "New unit code"),
        "old_class": _pair("原类别", "Earlier class"),
        "new_class": _pair("新类别", "New class"),
        "change_type": _pair("变化类型", "Change type"),
        "area_km2": _pair("面积（平方千米）", "Area (km²)"),
        "county_code": _pair("区县代码", "County code"),
        "priority_loss": _pair("优先保护减少", "Priority loss"),
        "hard_loss": _pair("仍在红线或保护地内", "Still under red line or protected area"),
        "old_zones": _pair("原优先保护分区", "Earlier priority zones"),
        "reason": _pair("调整理由", "Reason"),
        "old_unit_uid": _pair("原单元标识", "Earlier unit identifier"),
        "new_unit_uid": _pair("新单元标识", "New unit identifier"),
    },
    "unit_zone": {
        "unit_uid": _pair("单元标识", "Unit identifier"),
        "element": _pair("环境要素", "Element"),
        "subtype": _pair("要素细类", "Subtype"),
        "zone_code": _pair("分区编码", "Zone code"),
        "zone_name": _pair("分区名称", "Zone name"),
        "overlap_km2": _pair("重叠面积（平方千米）", "Overlap (km²)"),
    },
}
TABLE_FIELDS = {
    "units": schema.UNITS,
    "zones": schema.STANDARDIZED_ZONES,
    "boundary": schema.BOUNDARY,
    "findings": schema.FINDINGS,
    "unit_zone": schema.UNIT_ZONE,
    "changes": schema.CHANGES + schema.CHANGE_IDS,
}
# Which fields hold a coded value, and the TERMS entry that names its values.
CODED_FIELDS: dict[str, dict[str, str]] = {
    "units": {"unit_class": "unit_class", "rule": "rule", "method": "method"},
    "zones": {"element": "element", "zone_class": "zone_class"},
    "findings": {"severity": "severity", "category": "category"},
    "unit_zone": {"element": "element"},
    "boundary": {},
    "changes": {
        "change_type": "change_type",
        "old_class": "unit_class",
        "new_class": "unit_class",
        "priority_loss": "yes_no",
        "hard_loss": "yes_no",
    },
}


def _lang(lang: str) -> str:
    return "zh" if (lang or "").lower().startswith("zh") else "en"


def term(kind: str, value, lang: str = "zh") -> str:
    """The name of a stored value (e.g. term("rule", "key_zone", "zh") == "重点管控区叠加"); the value
    itself when the table does not know it."""
    entry = TERMS[kind].get(value)
    if entry is None and isinstance(value, str) and value.strip().lstrip("-").isdigit():
        entry = TERMS[kind].get(int(value))
    return entry[_lang(lang)] if entry else ("" if value is None else str(value))


def terms(kind: str, lang: str = "zh") -> dict:
    """Every value of a kind with its name, in the table's order."""
    return {value: names[_lang(lang)] for value, names in TERMS[kind].items()}


def field_name(table: str, field: str, lang: str = "zh") -> str:
    entry = FIELD_NAMES[table].get(field)
    return entry[_lang(lang)] if entry else field

