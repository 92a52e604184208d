"""Standardize element zones: map each source value to a class and a subtype."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..classes import CLASSES, default_subtype, is_ambiguous_noise, recognise
from ..messages import EcoZoneError


class MappingError(EcoZoneError):
    pass


def parse_mapping(text: str | None) -> dict[str, tuple[int, str | None]]:
    """JSON text {"source value": [class, "subtype"]} (subtype optional) -> a mapping."""
    if not text or not text.strip():
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise MappingError("EZ-S005", error=str(err)) from err
    if not isinstance(data, dict):
        raise MappingError("EZ-S006")
    return {str(k).strip(): _entry(k, v) for k, v in data.items()}


def read_mapping_file(path: str | Path) -> dict[str, tuple[int, str | None]]:
    """A .json file as parse_mapping, or a .csv with columns value, class[, subtype] (UTF-8)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig", errors="strict") if _is_utf8(raw) else raw.decode("gbk")
    except (OSError, UnicodeDecodeError) as err:
        raise MappingError("EZ-S008", path=str(path), error=str(err)) from err
    if path.suffix.lower() == ".json":
        return parse_mapping(text)
    mapping = {}
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if len(row) < 2 or not row[0].strip() or (n == 1 and not row[1].strip().isdigit()):
            continue
        subtype = row[2].strip() if len(row) > 2 and row[2].strip() else None
        mapping[row[0].strip()] = _entry(row[0], [row[1].strip(), subtype])
    return mapping


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _entry(key, value) -> tuple[int, str | None]:
    if isinstance(value, (list, tuple)) and value:
        zone_class, subtype = value[0], (value[1] if len(value) > 1 else None)
    else:
        zone_class, subtype = value, None
    try:
        zone_class = int(zone_class)
    except (TypeError, ValueError):
        zone_class = 0
    if zone_class not in CLASSES:
        raise MappingError("EZ-S007", key=str(key), value=value)
    return zone_class, (str(subtype).strip() if subtype else None)


def _key(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def classify_values(values, element: str, mapping: dict, noise_class_map: dict, unmapped_class: int | None):
    """Class and subtype per distinct source value; values found nowhere are listed apart.

    The explicit mapping wins, then the common spellings; unknown values take unmapped_class
    (with its default subtype) when one is given, else they are returned as unknown.
    """
    resolved: dict[str, tuple[int, str]] = {}
    unknown: list[str] = []
    defaulted: list[str] = []
    for value in values:
        key = _key(value)
        if key in resolved or key in unknown:
            continue
        if key in mapping:
            zone_class, subtype = mapping[key]
            resolved[key] = (zone_class, subtype or default_subtype(element, zone_class))
            continue
        found = recognise(key, element, noise_class_map)
        if found:
            resolved[key] = found
        elif unmapped_class in CLASSES:
            resolved[key] = (unmapped_class, default_subtype(element, unmapped_class))
            defaulted.append(key)
        else:
            unknown.append(key)
    return resolved, unknown, defaulted


def ambiguous_noise_values(values, mapping: dict) -> list[str]:
    """The noise values written as a bare 1, 2 or 3 that the mapping does not explain."""
    return sorted({key for key in map(_key, values) if is_ambiguous_noise(key) and key not in mapping})


def value_key(value) -> str:
    return _key(value)
