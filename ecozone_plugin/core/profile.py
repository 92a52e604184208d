"""Profiles: the province- or city-specific settings (codes, names, fields, thresholds)."""

from __future__ import annotations

import json
import string
from pathlib import Path

from .messages import EcoZoneError

REQUIRED_KEYS = (
    "code_template",
    "name_template",
    "field_map",
    "hard_priority_subtypes",
    "noise_class_map",
    "split_key_by_development",
    "min_area_km2",
)


# The placeholders each template may use (DESIGN.md, profiles); the values are filled in by derive.
TEMPLATE_FIELDS = {
    "code_template": ("county_code", "unit_class", "seq"),
    "name_template": ("county_name", "county_code", "group", "class_label", "split"),
}
SAMPLE_VALUES = {
    "county_code": "500101",
    "unit_class": 1,
    "seq": 1,
    "county_name": "甲区",
    "group": "",
    "class_label": "优先保护单元",
    "split": "",
}


class ProfileError(EcoZoneError):
    pass


def check_profile(profile: dict, source: str) -> dict:
    """Refuse what would make derivation fail later or run for ever: templates, and keys no longer read."""
    missing = [k for k in REQUIRED_KEYS if k not in profile]
    if missing:
        raise ProfileError("EZ-P003", path=source, keys=", ".join(missing))
    for key, allowed in TEMPLATE_FIELDS.items():
        template = profile[key]
        if not isinstance(template, str):
            raise ProfileError("EZ-P006", path=source, key=key, template=repr(template), error="not a text")
        try:
            names = [name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name is not None]
        except ValueError as err:
            raise ProfileError("EZ-P006", path=source, key=key, template=template, error=str(err)) from err
        unknown = [name for name in names if name not in allowed]
        if unknown:
            raise ProfileError(
                "EZ-P005", path=source, key=key, template=template, name=unknown[0], allowed=", ".join(allowed)
            )
        try:
            template.format(**SAMPLE_VALUES)
        except (ValueError, TypeError, IndexError) as err:
            raise ProfileError("EZ-P006", path=source, key=key, template=template, error=str(err)) from err
    if "seq" not in [n for _l, n, _s, _c in string.Formatter().parse(profile["code_template"])]:
        raise ProfileError("EZ-P004", path=source, template=profile["code_template"])
    if profile.get("multipart", True) is not True:
        raise ProfileError("EZ-P007", path=source)
    try:
        if float(profile["min_area_km2"]) < 0:
            raise ValueError
    except (TypeError, ValueError) as err:
        raise ProfileError("EZ-P008", path=source, value=repr(profile["min_area_km2"])) from err
    return profile


def profiles_dir() -> Path:
    from ..paths import resource

    return resource("profiles")


def available_profiles() -> list[str]:
    return sorted(p.stem for p in profiles_dir().glob("*.json"))


def load_profile(name_or_path: str | None) -> dict:
    """Load a bundled profile by id, or a .json file by path; missing keys come from default."""
    key = (name_or_path or "default").strip() or "default"
    path = Path(key)
    if not (key.lower().endswith(".json") and path.exists()):
        path = profiles_dir() / f"{key}.json"
    if not path.exists():
        raise ProfileError("EZ-P001", profile=key, available=", ".join(available_profiles()))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ProfileError("EZ-P002", path=str(path), error=str(err)) from err
    if not isinstance(data, dict):
        raise ProfileError("EZ-P002", path=str(path), error="an object was expected")
    return complete_profile(data, str(path))


def complete_profile(data: dict, source: str) -> dict:
    """A profile with every key: what it says over the national default (the one place defaults live), checked.

    Profiles come from files, from plans (a plan carries the profile it was made with) and from
    filing packages; all of them pass here, so code reads profile[key] without fallbacks of its own.
    """
    defaults = json.loads((profiles_dir() / "default.json").read_text(encoding="utf-8"))
    return check_profile({**defaults, **data}, source)


def profile_info(profile: dict) -> dict[str, str]:
    """The plan_info entries that record a profile: its id and a copy of it (a plan carries its profile)."""
    return {"profile": profile["id"], "profile_json": json.dumps(profile, ensure_ascii=False, sort_keys=True)}
