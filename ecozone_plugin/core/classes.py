"""Unit classes, elements, subtypes, and recognition of the ways authors write them."""

from __future__ import annotations

import re

from .terms import TERMS

PRIORITY, KEY, GENERAL = 1, 2, 3
CLASSES = (PRIORITY, KEY, GENERAL)

CLASS_LABELS = TERMS["unit_class"]

ELEMENTS = tuple(TERMS["element"])
ELEMENT_LABELS = {element: names["zh"] for element, names in TERMS["element"].items()}

# Subtype names by element and class; the first of each list is the default.
SUBTYPES: dict[str, dict[int, list[str]]] = {
    "ecology": {PRIORITY: ["生态保护红线", "一般生态空间"], GENERAL: ["生态一般管控区"]},
    "water": {
        PRIORITY: ["水环境优先保护区"],
        KEY: ["水环境工业污染重点管控区", "水环境城镇生活污染重点管控区", "水环境农业污染重点管控区"],
        GENERAL: ["水环境一般管控区"],
    },
    "air": {
        PRIORITY: ["大气环境优先保护区"],
        KEY: [
            "大气环境高排放重点管控区",
            "大气环境布局敏感重点管控区",
            "大气环境弱扩散重点管控区",
            "大气环境受体敏感重点管控区",
        ],
        GENERAL: ["大气环境一般管控区"],
    },
    "soil": {
        PRIORITY: ["农用地优先保护区"],
        KEY: ["农用地污染风险重点管控区", "建设用地污染风险重点管控区"],
        GENERAL: ["土壤环境一般管控区"],
    },
    "noise": {
        PRIORITY: ["声环境0类功能区", "声环境1类功能区"],
        KEY: ["声环境3类功能区", "声环境4a类功能区", "声环境4b类功能区"],
        GENERAL: ["声环境2类功能区"],
    },
    "resource": {
        PRIORITY: ["生态用水补给区"],
        KEY: ["土地资源重点管控区", "高污染燃料禁燃区", "岸线重点管控区"],
        GENERAL: ["资源利用一般管控区"],
    },
    "protected": {
        PRIORITY: [
            "自然保护地",
            "饮用水水源保护区",
            "自然保护区",
            "风景名胜区",
            "森林公园",
            "湿地公园",
            "地质公园",
        ]
    },
    "development": {KEY: ["城镇开发边界", "产业园区"]},
}

# Words that point at one subtype of the element's class, for free-text source values.
_KEY_HINTS = {
    "water": {"工业": 0, "生活": 1, "城镇": 1, "农业": 2},
    "air": {"高排放": 0, "布局敏感": 1, "弱扩散": 2, "受体敏感": 3},
    "soil": {"农用地": 0, "建设用地": 1},
    "resource": {"土地": 0, "燃料": 1, "禁燃": 1, "岸线": 2},
}

_NOISE_RE = re.compile(r"^\s*(?:声环境)?\s*([01234])\s*([ab]?)\s*类?", re.IGNORECASE)
_DIGIT_RE = re.compile(r"^\s*([123])(?:\.0*)?\s*$")


def is_hard_zone(attrs: dict, profile: dict) -> bool:
    """A zone that is hard-priority ground: a protected area, or a subtype the profile names (the red line)."""
    return attrs.get("element") == "protected" or attrs.get("subtype") in set(profile["hard_priority_subtypes"])


def is_ambiguous_noise(text: str) -> bool:
    """A bare 1, 2 or 3 for noise: a functional class (1类) or a control class (1 priority)? Only a mapping says."""
    return bool(_DIGIT_RE.match(text))


def class_label(unit_class: int, lang: str = "zh") -> str:
    return CLASS_LABELS[unit_class]["zh" if lang.startswith("zh") else "en"]


def default_subtype(element: str, zone_class: int) -> str:
    options = SUBTYPES.get(element, {}).get(zone_class)
    if options:
        return options[0]
    return f"{ELEMENT_LABELS.get(element, element)}{CLASS_LABELS[zone_class]['zh'][:4]}区"


def _noise_class(text: str, noise_class_map: dict) -> tuple[int, str] | None:
    match = _NOISE_RE.match(text)
    if not match:
        return None
    key = match.group(1) + match.group(2).lower()
    if key == "4":
        key = "4a"
    if key not in noise_class_map:
        return None
    return int(noise_class_map[key]), f"声环境{key}类功能区"


def recognise(value, element: str, noise_class_map: dict | None = None) -> tuple[int, str] | None:
    """Class and subtype for a source value written the common ways, or None.

    Recognised: 1/2/3; 优先保护…, 重点管控…, 一般管控…; the subtype names of DOMAIN.md; for
    noise the functional classes 0类 … 4b类 (also a bare 0, 4a, 4b) through the profile's map, while
    a bare 1, 2 or 3 is ambiguous there and left to a mapping; every
    `protected` value is priority and every `development` value key.
    """
    text = "" if value is None else str(value).strip()
    if element == "protected":
        subtype = _match_subtype(text, element, PRIORITY) or (text or default_subtype(element, PRIORITY))
        return PRIORITY, subtype
    if element == "development":
        if "园" in text or "工业" in text or "开发区" in text:
            return KEY, "产业园区"
        return KEY, _match_subtype(text, element, KEY) or "城镇开发边界"
    if not text:
        return None
    if element == "noise":
        if is_ambiguous_noise(text):
            return None  # ambiguous: a functional class or a control class; a mapping must say
        found = _noise_class(text, noise_class_map or {})
        if found:
            return found
    digit = _DIGIT_RE.match(text)
    if digit:
        zone_class = int(digit.group(1))
        return zone_class, default_subtype(element, zone_class)
    for zone_class in CLASSES:
        subtype = _match_subtype(text, element, zone_class)
        if subtype:
            return zone_class, subtype
    if "红线" in text and element == "ecology":
        return PRIORITY, "生态保护红线"
    if "生态空间" in text and element == "ecology":
        return PRIORITY, "一般生态空间"
    zone_class = None
    if "优先" in text:
        zone_class = PRIORITY
    elif "重点" in text:
        zone_class = KEY
    elif "一般" in text:
        zone_class = GENERAL
    if zone_class is None:
        return None
    if zone_class == KEY and element in _KEY_HINTS:
        for word, index in _KEY_HINTS[element].items():
            if word in text:
                return KEY, SUBTYPES[element][KEY][index]
    return zone_class, default_subtype(element, zone_class)


def _match_subtype(text: str, element: str, zone_class: int) -> str | None:
    for subtype in SUBTYPES.get(element, {}).get(zone_class, []):
        if subtype in text or (text and text in subtype and len(text) >= 4):
            return subtype
    return None
