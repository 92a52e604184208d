"""Profiles: the province- or city-specific settings (codes, names, fields, thresholds)."""

from __future__ import annotations

import json
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


class ProfileError(EcoZoneError):
    pass


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
    base = {}
    if path.stem != "default":
        base = json.loads((profiles_dir() / "default.json").read_text(encoding="utf-8"))
    merged = {**base, **data}
    missing = [k for k in REQUIRED_KEYS if k not in merged]
    if missing:
        raise ProfileError("EZ-P003", path=str(path), keys=", ".join(missing))
    return merged


def profile_info(profile: dict) -> dict[str, str]:
    """The plan_info entries that record a profile: its id and a copy of it (a plan carries its profile)."""
    return {"profile": profile.get("id", ""), "profile_json": json.dumps(profile, ensure_ascii=False, sort_keys=True)}
