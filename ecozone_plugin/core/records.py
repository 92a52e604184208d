"""Attributes read from layers and tables become core records (Zone, AdminArea, UnitInfo), with
the checks that keep a wrong value from turning into a plausible wrong plan: an element outside
the schema, a class that is not a whole number, a layer from which nothing usable comes."""

from __future__ import annotations

from collections import defaultdict

from . import schema
from .admission.clauses import UnitInfo
from .classes import CLASSES, ELEMENTS
from .derive.units import AdminArea, Zone
from .messages import EcoZoneError, Message

SHOWN_FIDS = 5


class RecordError(EcoZoneError):
    pass


def _fids(fids: list) -> str:
    shown = ", ".join(str(f) for f in fids[:SHOWN_FIDS])
    return shown + (f" … (+{len(fids) - SHOWN_FIDS})" if len(fids) > SHOWN_FIDS else "")


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text == "NULL" else text


def zone_class_of(value) -> tuple[int | None, bool]:
    """(class, is a number that is not whole): 2, 2.0 and "2" are class 2; "1.7" is refused, "x" unknown."""
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return value, False
    text = _text(value)
    try:
        number = float(text)
    except ValueError:
        return None, False
    if not number.is_integer():
        return None, True
    return int(number), False


def zones_from_rows(rows: list[tuple], layer: str) -> tuple[list[Zone], list[Message]]:
    """Zones of one standard-schema layer from (fid, geometry, attributes) rows.

    Refused (RecordError), naming the layer and the features: an element outside the schema
    (a misspelt ``protected`` would silently lose hard-priority status), a class that is a number
    but not a whole one, and a layer that contributes nothing. Classes outside 1-3 are skipped
    with a message, as long as something else of the layer is used.
    """
    if not rows:
        raise RecordError("EZ-D017", layer=layer)
    bad_elements: dict[str, list] = defaultdict(list)
    fractional: list = []
    unknown_classes: dict[str, list] = defaultdict(list)
    zones: list[Zone] = []
    messages: list[Message] = []
    for fid, geom, attrs in rows:
        element = _text(attrs.get("element"))
        if element not in ELEMENTS:
            bad_elements[element].append(fid)
            continue
        zone_class, not_whole = zone_class_of(attrs.get("zone_class"))
        if not_whole:
            fractional.append((fid, _text(attrs.get("zone_class"))))
            continue
        if zone_class not in CLASSES:
            unknown_classes[_text(attrs.get("zone_class"))].append(fid)
            messages.append(Message("EZ-D008", {"layer": layer, "fid": fid, "value": _text(attrs.get("zone_class"))}))
            continue
        zones.append(
            Zone(
                geom=geom,
                element=element,
                zone_class=zone_class,
                subtype=_text(attrs.get("subtype")),
                zone_code=_text(attrs.get("zone_code")),
                zone_name=_text(attrs.get("zone_name")),
                source=layer,
                fid=fid,
            )
        )
    if bad_elements:
        value, fids = sorted(bad_elements.items(), key=lambda item: str(item[1][0]))[0]
        raise RecordError(
            "EZ-D019", layer=layer, value=value, fids=_fids(fids), count=len(fids), allowed=", ".join(ELEMENTS)
        )
    if fractional:
        fids = _fids([fid for fid, _value in fractional])
        raise RecordError("EZ-D020", layer=layer, value=fractional[0][1], fids=fids, count=len(fractional))
    if not zones:
        seen = ", ".join(repr(v) for v in sorted(unknown_classes)[:10])
        raise RecordError("EZ-D018", layer=layer, count=len(rows), values=seen)
    return zones, messages


GEOMETRY_KINDS = {"point": ("点", "points"), "line": ("线", "lines"), "none": ("无几何", "no geometry")}
OVERLAP_MIN_M2 = 1.0


def kind_params(kind: str) -> dict:
    """A geometry kind (point, line, none) worded in both languages, for EZ-D016 / EZ-D022."""
    zh, en = GEOMETRY_KINDS.get(kind, (kind, kind))
    return {"kind": zh, "kind_en": en}


def check_boundary(admin_areas: list, layer: str) -> None:
    """Refuse boundary features of different counties that overlap (they would put ground in two counties)."""
    import numpy as np
    import shapely

    geoms = np.asarray([a.geom for a in admin_areas], dtype=object)
    if len(geoms) < 2:
        return
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    codes = np.asarray([a.county_code for a in admin_areas], dtype=object)
    keep = (left < right) & (codes[left] != codes[right])
    left, right = left[keep], right[keep]
    inner = shapely.relate_pattern(geoms[left], geoms[right], "T********") if len(left) else np.empty(0, dtype=bool)
    for i, j in zip(left[inner], right[inner]):
        overlap = shapely.intersection(geoms[i], geoms[j])
        if overlap.area > OVERLAP_MIN_M2:
            point = overlap.representative_point()
            a, b = admin_areas[i], admin_areas[j]
            raise RecordError(
                "EZ-D023",
                layer=layer,
                fid=a.fid,
                county=a.county_code,
                other_fid=b.fid,
                other=b.county_code,
                area_m2=overlap.area,
                x=point.x,
                y=point.y,
            )


def admin_area(
    geom,
    attrs: dict,
    code_field: str,
    name_field: str = "",
    split_field: str = "",
    fid=None,
    split_name_field: str = "",
):
    """A boundary feature as an AdminArea (None without a county code): the code cut to its county's digits."""
    code = _text(attrs.get(code_field))
    if not code:
        return None
    return AdminArea(
        geom=geom,
        county_code=schema.county_of(code),
        county_name=_text(attrs.get(name_field)) if name_field else "",
        split_value=_text(attrs.get(split_field)) if split_field else None,
        split_name=_text(attrs.get(split_name_field)) if split_name_field else "",
        fid=fid,
    )


def unit_info(attrs: dict) -> UnitInfo:
    """A control unit's attributes (the plan's table, a layer, a package) as the admission list knows it."""
    unit_class, _not_whole = zone_class_of(attrs.get("unit_class"))
    try:
        area = float(attrs.get("area_km2") or 0.0)
    except (TypeError, ValueError):
        area = 0.0
    return UnitInfo(
        uid=_text(attrs.get("unit_uid")),
        code=_text(attrs.get("unit_code")),
        name=_text(attrs.get("unit_name")),
        unit_class=unit_class or 0,
        county_code=_text(attrs.get("county_code")),
        county_name=_text(attrs.get("county_name")),
        elements=_text(attrs.get("elements")),
        area_km2=area,
        subclass=_text(attrs.get("unit_subclass")),
        townships=_text(attrs.get("townships")),
    )
