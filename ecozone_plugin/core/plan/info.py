"""The plan's filing information: the plan_info entries an author sets, their names in both
languages, and what a filing lacks."""

from __future__ import annotations

import re

from ..messages import EcoZoneError

# The entries an author sets (the filing dock's form, ecozone:setplaninfo); the others
# (schema_version, profile_json, county_codes, …) are kept by EcoZone itself.
AUTHOR_INFO: dict[str, dict[str, str]] = {
    "province": {"en": "province", "zh": "省份"},
    "city": {"en": "city", "zh": "城市"},
    "city_code": {"en": "city code", "zh": "城市代码"},
    "plan_version": {"en": "plan version", "zh": "方案版本"},
    "compiled_by": {"en": "compiled by", "zh": "编制单位"},
    "compiled_date": {"en": "compiled on", "zh": "编制日期"},
    "contact": {"en": "contact", "zh": "联系方式"},
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def info_label(key: str, lang: str) -> str:
    labels = AUTHOR_INFO.get(key, {"en": key, "zh": key})
    return labels["zh"] if lang.lower().startswith("zh") else labels["en"]


def checked_info(values: dict) -> dict[str, str]:
    """Author entries as text, refused (EZ-T020, EZ-T021) when a key is not one an author sets
    or the date is not YYYY-MM-DD."""
    if not isinstance(values, dict) or not values:
        raise EcoZoneError("EZ-T020", keys=repr(values), known=", ".join(AUTHOR_INFO))
    unknown = [k for k in values if k not in AUTHOR_INFO]
    if unknown:
        raise EcoZoneError("EZ-T020", keys=", ".join(map(str, unknown)), known=", ".join(AUTHOR_INFO))
    texts = {k: "" if v is None else str(v).strip() for k, v in values.items()}
    date = texts.get("compiled_date")
    if date and not _DATE.match(date):
        raise EcoZoneError("EZ-T021", value=date)
    return texts


def missing_info(info: dict[str, str], required: list[str]) -> list[str]:
    """The required entries that are empty, in the profile's order."""
    return [key for key in required if not str(info.get(key, "") or "").strip()]
