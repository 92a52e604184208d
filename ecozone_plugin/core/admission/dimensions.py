"""The dimensions of an admission list as a province names and orders them.

Clauses store their dimension by meaning, as the national number: 1 空间布局约束, 2 污染物排放管控,
3 环境风险防控, 4 资源利用效率; 0 holds undivided or common text (共性要求, or the one numbered list
priority units are often published with). A profile's ``dimensions`` gives its labels, its order
(Guangdong: 1 区域布局管控, 2 能源资源利用, 3 污染物排放管控, 4 环境风险防控), its own aliases, the
name of section 0 and the classes that must carry all four dimensions. Import recognises every
alias of every scheme; export uses the plan profile's labels and order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DIMENSIONS = (1, 2, 3, 4)
SECTION = 0
NATIONAL = {
    1: {"zh": "空间布局约束", "en": "Spatial layout constraints"},
    2: {"zh": "污染物排放管控", "en": "Pollutant discharge control"},
    3: {"zh": "环境风险防控", "en": "Environmental risk prevention"},
    4: {"zh": "资源利用效率", "en": "Resource-use efficiency"},
    SECTION: {"zh": "共性要求", "en": "Common requirements"},
}
# What published lists call each dimension, whatever their province.
ALIASES = {
    1: (
        "空间布局约束",
        "空间布局",
        "区域布局管控",
        "区域布局",
        "布局管控",
        "空间布局管控",
        "spatial layout constraints",
    ),
    2: ("污染物排放管控", "污染排放管控", "污染物排放", "排放管控", "污染物排放控制", "pollutant discharge control"),
    3: ("环境风险防控", "环境风险管控", "风险防控", "环境风险", "environmental risk prevention"),
    4: ("资源利用效率", "能源资源利用", "资源开发效率", "资源能源利用", "资源利用", "resource-use efficiency"),
    SECTION: ("共性要求", "管控要求", "总体要求", "普适性要求", "通用要求", "common requirements"),
}
_SUFFIX = re.compile(r"(要求|类)$")


def _key(text) -> str:
    return re.sub(r"\s+", "", str(text or "")).lower()


@dataclass
class Scheme:
    order: list[int] = field(default_factory=lambda: list(DIMENSIONS))
    labels: dict[int, dict[str, str]] = field(default_factory=lambda: {d: dict(v) for d, v in NATIONAL.items()})
    aliases: dict[int, tuple[str, ...]] = field(default_factory=dict)
    complete_classes: tuple[int, ...] = (1, 2, 3)

    def label(self, dimension: int, lang: str = "zh") -> str:
        names = self.labels.get(dimension) or NATIONAL.get(dimension) or {"zh": str(dimension), "en": str(dimension)}
        return names["zh" if lang.lower().startswith("zh") else "en"]

    def position(self, dimension: int) -> int:
        """The number the province gives a dimension (Guangdong's 能源资源利用, national 4, is 2); 0 stays 0."""
        return self.order.index(dimension) + 1 if dimension in self.order else dimension

    def shown(self) -> list[int]:
        """The dimensions in the province's order, the section last."""
        return list(self.order) + [SECTION]

    def parse(self, text) -> int | None:
        """The national number of a dimension written as a label or alias of any scheme, or as the
        province's number (1–4 in this scheme's order; 0 for the section); None when unknown."""
        key = _key(text)
        if not key:
            return None
        if key.isdigit():
            number = int(key)
            if number == SECTION:
                return SECTION
            return self.order[number - 1] if 1 <= number <= len(self.order) else None
        for dimension in self.shown():
            names = {_key(n) for n in (*ALIASES.get(dimension, ()), *self.aliases.get(dimension, ()))}
            names |= {_key(v) for v in self.labels.get(dimension, {}).values()}
            if key in names or _SUFFIX.sub("", key) in names:
                return dimension
        return None

    def needs_all(self, unit_class: int) -> bool:
        return unit_class in self.complete_classes


def scheme(profile: dict | None) -> Scheme:
    """The profile's dimension scheme; the national one when it has none."""
    spec = (profile or {}).get("dimensions") or {}
    result = Scheme()
    if spec.get("order"):
        result.order = [int(d) for d in spec["order"]]
    for key, value in (spec.get("labels") or {}).items():
        names = value if isinstance(value, dict) else {"zh": value, "en": NATIONAL[int(key)]["en"]}
        result.labels[int(key)] = {"zh": names.get("zh", ""), "en": names.get("en", names.get("zh", ""))}
    result.aliases = {int(k): tuple(v) for k, v in (spec.get("aliases") or {}).items()}
    if "complete_classes" in spec:
        result.complete_classes = tuple(int(c) for c in spec["complete_classes"])
    return result
