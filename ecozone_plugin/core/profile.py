"""Profiles: the province- or city-specific settings (codes, names, fields, thresholds)."""

from __future__ import annotations

import json
import string
from pathlib import Path

from .messages import EcoZoneError
from .plan.info import AUTHOR_INFO

REQUIRED_KEYS = (
    "code_template",
    "name_template",
    "field_map",
    "hard_priority_subtypes",
    "noise_class_map",
    "split_key_by_development",
    "min_area_km2",
    "grouping",
    "min_unit_km2",
    "split_all_classes",
    "subclass_labels",
    "place_elements",
    "required_info",
    "element_min_share",
)

# How the ground of a class becomes units (DESIGN.md, profiles): the last rule groups whatever
# the rules before it left; "development" may only come first.
GROUPING_RULES = ("region", "split", "county")
DEVELOPMENT = "development"


# The placeholders each template may use (DESIGN.md, profiles); the values are filled in by derive.
TEMPLATE_FIELDS = {
    "code_template": ("county_code", "unit_class", "seq"),
    "name_template": (
        "county_name",
        "county_code",
        "place",
        "class_label",
        "subclass_label",
        "n",
        "group",
        "split",
    ),
}
SAMPLE_VALUES = {
    "county_code": "500101",
    "unit_class": 1,
    "seq": 1,
    "county_name": "甲区",
    "place": "云雾山",
    "class_label": "优先保护单元",
    "subclass_label": "生态保护红线",
    "n": 1,
    "group": "",
    "split": "",
}
CLASS_KEYS = ("1", "2", "3")
MERGED_KEYS = ("grouping", "name_template", "subclass_labels")


class ProfileError(EcoZoneError):
    pass


def check_profile(profile: dict, source: str) -> dict:
    """Refuse what would make derivation fail later or run for ever: templates, and keys no longer read."""
    missing = [k for k in REQUIRED_KEYS if k not in profile]
    if missing:
        raise ProfileError("EZ-P003", path=source, keys=", ".join(missing))
    for key, allowed in TEMPLATE_FIELDS.items():
        templates = profile[key]
        if key == "name_template" and isinstance(templates, dict):
            for class_key, template in sorted(templates.items()):
                _check_template(template, f"{key}.{class_key}", allowed, source)
            if sorted(templates) != list(CLASS_KEYS):
                raise ProfileError("EZ-P003", path=source, keys=", ".join(f"{key}.{c}" for c in CLASS_KEYS))
        else:
            _check_template(templates, key, allowed, source)
    if "seq" not in [n for _l, n, _s, _c in string.Formatter().parse(profile["code_template"])]:
        raise ProfileError("EZ-P004", path=source, template=profile["code_template"])
    if profile.get("multipart", True) is not True:
        raise ProfileError("EZ-P007", path=source)
    for key in ("min_area_km2", "min_unit_km2", "fit_carve_priority_km2", "element_min_share"):
        value = profile.get(key)
        if value is None and key == "fit_carve_priority_km2":
            continue
        try:
            if isinstance(value, bool) or float(value) < 0 or (key == "element_min_share" and float(value) > 1):
                raise ValueError
        except (TypeError, ValueError) as err:
            raise ProfileError("EZ-P008", path=source, key=key, value=repr(value)) from err
    grouping = profile["grouping"]
    if not isinstance(grouping, dict) or sorted(grouping) != list(CLASS_KEYS):
        raise ProfileError("EZ-P009", path=source, key="grouping", value=_json(grouping))
    for class_key, rules in sorted(grouping.items()):
        if not _valid_rules(rules):
            raise ProfileError("EZ-P009", path=source, key=f"grouping.{class_key}", value=_json(rules))
    if not isinstance(profile["subclass_labels"], dict) or not all(
        isinstance(v, str) for v in profile["subclass_labels"].values()
    ):
        raise ProfileError("EZ-P010", path=source, key="subclass_labels", value=_json(profile["subclass_labels"]))
    required = profile["required_info"]
    if not isinstance(required, list) or not all(isinstance(k, str) and k in AUTHOR_INFO for k in required):
        raise ProfileError("EZ-P011", path=source, value=_json(required), known=", ".join(AUTHOR_INFO))
    if not isinstance(profile["place_elements"], list) or not all(
        isinstance(v, str) for v in profile["place_elements"]
    ):
        raise ProfileError("EZ-P010", path=source, key="place_elements", value=_json(profile["place_elements"]))
    _check_dimensions(profile.get("dimensions"), source)
    return profile


def _check_dimensions(spec, source: str) -> None:
    if spec is None:
        return
    try:
        order = [int(d) for d in spec.get("order", [1, 2, 3, 4])]
        labels = {int(k) for k in (spec.get("labels") or {})}
        classes = {int(c) for c in spec.get("complete_classes", [1, 2, 3])}
        if sorted(order) != [1, 2, 3, 4] or not labels <= {0, 1, 2, 3, 4} or not classes <= {1, 2, 3}:
            raise ValueError
    except (AttributeError, TypeError, ValueError) as err:
        raise ProfileError("EZ-P012", path=source, value=_json(spec)) from err


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _valid_rules(rules) -> bool:
    rules = [rules] if isinstance(rules, str) else rules
    if not isinstance(rules, list) or not 1 <= len(rules) <= 2 or not all(isinstance(r, str) for r in rules):
        return False
    if len(rules) == 2 and rules[0] != DEVELOPMENT:
        return False
    return rules[-1] in GROUPING_RULES


def grouping_rules(profile: dict, unit_class: int, has_split: bool) -> tuple[bool, str]:
    """(development first, then the rule for the rest) of one class.

    split_key_by_development false turns development off for key ground; split with no split
    field groups by region instead (what the rest would be without townships to cut by).
    """
    rules = profile["grouping"][str(unit_class)]
    rules = [rules] if isinstance(rules, str) else list(rules)
    development = rules[0] == DEVELOPMENT and (unit_class != 2 or bool(profile["split_key_by_development"]))
    rest = rules[-1]
    if rest == "split" and not has_split:
        rest = "region"
    return development, rest


def name_template(profile: dict, unit_class: int) -> str:
    templates = profile["name_template"]
    return templates[str(unit_class)] if isinstance(templates, dict) else templates


def _check_template(template, key: str, allowed: tuple, source: str) -> None:
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


def profiles_dir() -> Path:
    from ..paths import resource

    return resource("profiles")


def available_profiles() -> list[str]:
    return sorted(p.stem for p in profiles_dir().glob("*.json"))


def profile_name(profile_id: str, lang: str) -> str:
    """A bundled profile's name in the language (e.g. 全国默认 for default); the id when it has none."""
    try:
        label = load_profile(profile_id).get("label") or {}
    except ProfileError:
        return profile_id
    text = label.get("zh" if lang.lower().startswith("zh") else "en") if isinstance(label, dict) else None
    return text or profile_id


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
    merged = {**defaults, **data}
    for key in MERGED_KEYS:  # a province names only the classes or subtypes it changes
        if isinstance(defaults.get(key), dict) and isinstance(data.get(key), dict):
            merged[key] = {**defaults[key], **data[key]}
    return check_profile(merged, source)


def profile_info(profile: dict) -> dict[str, str]:
    """The plan_info entries that record a profile: its id and a copy of it (a plan carries its profile)."""
    return {"profile": profile["id"], "profile_json": json.dumps(profile, ensure_ascii=False, sort_keys=True)}


def plan_profile(store, requested: str = "") -> dict:
    """The profile asked for, else the one copied into the plan, else the default."""
    if requested:
        return load_profile(requested)
    text = store.info().get("profile_json", "")
    return complete_profile(json.loads(text), store.path) if text else load_profile("default")
