"""Checks a plan before filing: geometry, coverage, codes, attributes, rules, admission list.

Every finding has a stable code (EZ-G… geometry, EZ-C… coverage, EZ-K… codes, EZ-A… attributes,
EZ-R… rules, EZ-L… admission list), a severity the profile may change, a catalogue message with
its fix, the unit it concerns and, where it has a place, a geometry: the gap or overlap itself,
or a small square around a point. Spatial checks use STRtree indexes and per-county unions, so
a province (thousands of units, millions of vertices) is checked without pairwise loops.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import box

from .. import schema
from ..admission.clauses import effective_lists
from ..admission.dimensions import scheme
from ..classes import is_hard_zone
from ..messages import ERROR, FINDING_CATEGORIES, WARNING, Message, default_severity
from ..plan.info import info_label, missing_info
from ..profile import load_profile, plan_profile  # noqa: F401 - plan_profile is used from here too
from ..progress import Progress, SubProgress
from ..records import unit_info
from ..zones.crs import AreaCalculator, gk3_epsg_for_longitude, is_cgcs2000_gk

REQUIRED_FIELDS = ("unit_uid", "unit_code", "unit_name", "unit_class", "county_code", "county_name", "area_km2")
SHAPEFILE_TEXT_BYTES = 254  # what a .dbf text field holds
POINT_SQUARE_M = 20.0  # half-size of the square drawn around a point-like finding
GRID = 0.001


@dataclass
class Finding:
    code: str
    severity: str
    message: Message
    unit_code: str = ""
    geometry: object = None  # shapely polygon in the plan's CRS, or None

    @property
    def category(self) -> str:
        return self.code[3]

    def as_dict(self, lang: str = "zh") -> dict:
        return {
            "code": self.code,
            "category": self.category,
            "severity": self.severity,
            "unit_code": self.unit_code,
            "message": self.message.text(lang),
            "message_en": self.message.text("en"),
            "params": {k: v for k, v in self.message.params.items()},
            "has_geometry": self.geometry is not None,
        }


@dataclass
class ValidationResult:
    findings: list[Finding] = field(default_factory=list)
    parameters: dict = field(default_factory=dict)
    units: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    def counts(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {c: {ERROR: 0, WARNING: 0} for c in FINDING_CATEGORIES}
        for finding in self.findings:
            table[finding.category][finding.severity] += 1
        return table

    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})


@dataclass
class PlanInput:
    """What validation reads: units and boundary as (attributes, shapely geometry), zones, clauses."""

    units: list[tuple[dict, object]]
    boundary: list[tuple[dict, object]] = field(default_factory=list)
    zones: list[tuple[dict, object]] = field(default_factory=list)
    clauses: list | None = None  # admission clauses; None: the admission list is not checked
    epsg: int | None = None
    info: dict | None = None  # plan_info; None: what a filing needs is not checked


def code_pattern(template: str) -> re.Pattern:
    """A regular expression for codes made by a profile's code template."""
    parts = ["^"]
    for literal, name, spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name == "county_code":
            parts.append(r"(?P<county_code>\d{6})")
        elif name == "unit_class":
            parts.append(r"(?P<unit_class>[1-3])")
        elif name == "seq":
            width = re.match(r"0?(\d+)d", spec or "")
            parts.append(rf"(?P<seq>\d{{{width.group(1)}}})" if width else r"(?P<seq>\d+)")
        else:
            parts.append(rf"(?P<{name}>.+?)")
    parts.append("$")
    return re.compile("".join(parts))


def square_at(x: float, y: float, half: float = POINT_SQUARE_M):
    return box(x - half, y - half, x + half, y + half)


def _severity(code: str, profile: dict) -> str:
    return profile["severity"].get(code, default_severity(code))


class _Collector:
    def __init__(self, profile: dict):
        self.profile = profile
        self.findings: list[Finding] = []

    def add(self, code: str, unit_code: str = "", geometry=None, **params) -> None:
        severity = _severity(code, self.profile)
        if severity not in (ERROR, WARNING):
            return  # a profile may switch a check off with "ignore"
        self.findings.append(Finding(code, severity, Message(code, {"unit": unit_code, **params}), unit_code, geometry))


def validate_plan(
    plan: PlanInput, profile: dict, min_area_km2: float | None = None, progress: Progress | None = None
) -> ValidationResult:
    progress = progress or Progress()
    out = _Collector(profile)
    gap_min = float(profile["gap_min_m2"])
    overlap_min = float(profile["overlap_min_m2"])
    min_area = float(profile["min_area_km2"] if min_area_km2 is None else min_area_km2)
    units = plan.units
    geoms = _check_geometry(units, out, gap_min, SubProgress(progress, 0, 25))
    _check_attributes(units, geoms, plan.boundary, plan.epsg, out, profile)
    progress.set_progress(35)
    _check_coverage(units, geoms, plan.boundary, out, gap_min, overlap_min, SubProgress(progress, 35, 75))
    rules_progress = SubProgress(progress, 75, 92)
    _check_rules(units, geoms, plan.zones, plan.boundary, out, profile, gap_min, min_area, rules_progress)
    if plan.clauses is not None:
        _check_admission(units, plan.clauses, out, profile)
    if plan.info is not None:
        _check_info(plan.info, profile, out)
    progress.set_progress(100)
    order = {ERROR: 0, WARNING: 1}
    out.findings.sort(key=lambda f: (order[f.severity], f.code, f.unit_code))
    parameters = {
        "gap_min_m2": gap_min,
        "overlap_min_m2": overlap_min,
        "min_area_km2": min_area,
        "profile": profile["id"],
        "admission_list": plan.clauses is not None,
        "zones": len(plan.zones),
    }
    return ValidationResult(out.findings, parameters, len(units))


# --- geometry --------------------------------------------------------------------------------

_REASON_POINT = re.compile(r"\[\s*([-\d.eE+]+)\s+([-\d.eE+]+)")


def _check_geometry(units, out: _Collector, tiny_ring_m2: float, progress: Progress) -> list:
    """Usable geometries per unit (None where the geometry is unusable)."""
    usable = []
    for n, (attrs, geom) in enumerate(units):
        if n % 50 == 0:
            progress.check()
            progress.set_progress(100.0 * n / max(len(units), 1))
        code = str(attrs.get("unit_code") or "")
        if geom is None or geom.is_empty:
            out.add("EZ-G002", code)
            usable.append(None)
            continue
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            out.add("EZ-G003", code, kind=geom.geom_type)
            usable.append(None)
            continue
        if not shapely.is_valid(geom):
            reason = shapely.is_valid_reason(geom)
            where = _REASON_POINT.search(reason)
            place = square_at(float(where.group(1)), float(where.group(2))) if where else None
            out.add("EZ-G001", code, place, reason=reason)
            geom = shapely.make_valid(geom)
            geom = shapely.union_all([g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")])
        _check_rings(geom, code, out, tiny_ring_m2)
        usable.append(geom)
    return usable


def _check_rings(geom, code: str, out: _Collector, tiny_ring_m2: float) -> None:
    for polygon in shapely.get_parts(geom):
        rings = [polygon.exterior, *polygon.interiors]
        for ring in rings:
            coords = np.asarray(ring.coords)
            repeated = np.nonzero(np.all(coords[1:] == coords[:-1], axis=1))[0]
            if len(repeated):
                x, y = coords[repeated[0]]
                out.add("EZ-G004", code, square_at(x, y), count=int(len(repeated)), x=float(x), y=float(y))
            area = abs(shapely.area(shapely.Polygon(ring)))
            if area < tiny_ring_m2:
                point = shapely.Polygon(ring).representative_point() if area > 0 else shapely.Point(coords[0])
                out.add("EZ-G005", code, square_at(point.x, point.y), area_m2=area, x=point.x, y=point.y)


# --- attributes and codes --------------------------------------------------------------------


def _check_attributes(units, geoms, boundary, epsg, out: _Collector, profile: dict) -> None:
    pattern = code_pattern(profile["code_template"])
    codes: dict[str, int] = defaultdict(int)
    names: dict[str, int] = defaultdict(int)
    for attrs, _geom in units:
        codes[str(attrs.get("unit_code") or "")] += 1
        names[str(attrs.get("unit_name") or "")] += 1
    area_calc = AreaCalculator(epsg) if is_cgcs2000_gk(epsg) else None
    zone_of_county = _county_zones(boundary, units, geoms, area_calc)
    for (attrs, _geom), geom in zip(units, geoms):
        code = str(attrs.get("unit_code") or "")
        missing = [f for f in REQUIRED_FIELDS if attrs.get(f) in (None, "")]
        if missing:
            out.add("EZ-A001", code or "?", fields=", ".join(missing))
        unit_class = attrs.get("unit_class")
        if unit_class not in (None, "") and unit_class not in (1, 2, 3):
            out.add("EZ-A002", code, value=unit_class)
            unit_class = None
        if code:
            match = pattern.match(code)
            if not match:
                out.add("EZ-K001", code, template=profile["code_template"])
            else:
                county = str(attrs.get("county_code") or "")
                coded = match.groupdict().get("county_code")
                if coded and county and coded != schema.county_of(county):
                    out.add("EZ-K003", code, county=county)
                if "unit_class" in match.groupdict() and unit_class and int(match.group("unit_class")) != unit_class:
                    out.add("EZ-K004", code, unit_class=unit_class)
            if codes[code] > 1:
                out.add("EZ-K002", code, count=codes[code])
        name = str(attrs.get("unit_name") or "")
        if name and names[name] > 1:
            out.add("EZ-K005", code, name=name, count=names[name])
        area = attrs.get("area_km2")
        if geom is not None and area_calc is not None and isinstance(area, (int, float)):
            zone = zone_of_county.get(str(attrs.get("county_code") or ""), epsg)
            measured = area_calc.area_m2(geom, zone) / 1e6
            if abs(measured - area) > max(1e-4 * measured, 0.0005):
                out.add("EZ-A003", code, recorded=float(area), measured=measured)
        _check_text_lengths(attrs, code, out, profile)


def _check_text_lengths(attrs: dict, code: str, out: _Collector, profile: dict) -> None:
    """Texts longer than a shapefile's text field holds (in the package's encoding): the filing
    package's shapefile gets them shortened, so the author learns of it before filing."""
    encoding = profile["shp_encoding"]
    for name, value in attrs.items():
        if not isinstance(value, str):
            continue
        length = len(value.encode(encoding, errors="replace"))
        if length > SHAPEFILE_TEXT_BYTES:
            delivered = profile["field_map"].get(name, name)
            out.add("EZ-A005", code, field=delivered, length=length, limit=SHAPEFILE_TEXT_BYTES, encoding=encoding)


def _county_zones(boundary, units, geoms, area_calc) -> dict[str, int]:
    """The GK zone of each county (from its boundary, else its units), as derivation measured areas."""
    if area_calc is None:
        return {}
    shapes: dict[str, list] = defaultdict(list)
    for attrs, geom in boundary:
        if geom is not None and not geom.is_empty:
            shapes[schema.county_of(attrs.get("county_code"))].append(geom)
    if not shapes:
        for (attrs, _g), geom in zip(units, geoms):
            if geom is not None:
                shapes[str(attrs.get("county_code") or "")].append(geom)
    zones = {}
    for county, parts in shapes.items():
        point = shapely.union_all(parts, grid_size=GRID).representative_point()
        zones[county] = gk3_epsg_for_longitude(area_calc.to_longitude(point.x, point.y))
    return zones


# --- coverage --------------------------------------------------------------------------------


def _check_coverage(
    units, geoms, boundary, out: _Collector, gap_min: float, overlap_min: float, progress: Progress, threads: int = 2
) -> None:
    """Overlaps between units, gaps in each county, units outside the plan or reaching into another county,
    and shared borders that do not match vertex for vertex.

    Gaps are found without uniting a county's units wherever none can exist: the units cover at
    least the sum of their areas inside the county less the sum of their pairwise overlaps
    (Bonferroni), so when the county's area exceeds that by no more than gap_min, no gap can
    be larger than gap_min. Only the other counties are united and differenced, exactly.
    """
    present = [i for i, g in enumerate(geoms) if g is not None]
    if not present:
        return
    shapes = np.array([geoms[i] for i in present], dtype=object)
    county_of = np.array([schema.county_of(units[i][0].get("county_code")) for i in present], dtype=object)
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    # neighbours that only share a border are dropped before any overlay is computed
    inner = _in_parallel(lambda a, b: shapely.relate_pattern(a, b, "T********"), shapes[left], shapes[right], threads)
    left, right = left[inner], right[inner]
    overlap_m2 = _in_parallel(_overlap_areas, shapes[left], shapes[right], threads)
    progress.set_progress(30)
    overlapping_counties = set()
    for a, b, area in zip(left, right, overlap_m2):
        if area <= overlap_min:
            continue
        i, j = present[a], present[b]
        for part in _polygons(shapely.intersection(geoms[i], geoms[j], grid_size=GRID)):
            if part.area > overlap_min:
                overlapping_counties.update((county_of[a], county_of[b]))
                out.add(
                    "EZ-C002",
                    str(units[i][0].get("unit_code") or ""),
                    part,
                    other=str(units[j][0].get("unit_code") or ""),
                    area_m2=part.area,
                )
    progress.set_progress(40)
    if not boundary:
        return
    counties: dict[str, list] = defaultdict(list)
    for attrs, geom in boundary:
        if geom is not None and not geom.is_empty:
            counties[schema.county_of(attrs.get("county_code"))].append(geom)
    county_shapes = {c: shapely.union_all(parts) for c, parts in counties.items()}
    members_of: dict[str, list[int]] = defaultdict(list)
    for k, county in enumerate(county_of):
        members_of[county].append(k)
    same_county = county_of[left] == county_of[right]
    pair_overlap: dict[str, float] = defaultdict(float)
    for county, area in zip(county_of[left][same_county], overlap_m2[same_county]):
        pair_overlap[county] += float(area)
    # units whose interiors meet by no more than overlap_min: borders that cross instead of matching
    crossing = set(county_of[left][same_county & (overlap_m2 <= overlap_min)])

    def check_county(county: str) -> tuple[list, bool]:
        """The county's gaps, and whether its units' shared borders match vertex for vertex."""
        shape = county_shapes[county]
        members = shapes[members_of.get(county, [])]
        matched = county not in crossing and _is_coverage(members)
        shapely.prepare(shape)
        inside = float(np.sum(shapely.area(members)))
        outside = ~shapely.covers(shape, members) if len(members) else np.zeros(0, dtype=bool)
        if outside.any():
            inside -= float(np.sum(shapely.area(shapely.difference(members[outside], shape))))
        if shape.area - inside + pair_overlap.get(county, 0.0) <= gap_min:
            return [], matched  # no gap larger than gap_min can exist
        covered = _covered(list(members), matched)
        return [part for part in _polygons(shapely.difference(shape, covered)) if part.area > gap_min], matched

    ordered = sorted(county_shapes)
    with ThreadPoolExecutor(max_workers=threads) as pool:  # GEOS releases the GIL: counties run side by side
        for n, (county, (gaps, matched)) in enumerate(zip(ordered, pool.map(check_county, ordered))):
            progress.check()
            progress.set_progress(40 + 40.0 * n / max(len(ordered), 1))
            for part in gaps:
                out.add("EZ-C001", "", part, county=county, area_m2=part.area)
            if not matched and county not in overlapping_counties:  # overlaps explain themselves
                out.add("EZ-C005", "", None, county=county)
    _check_placement(units, geoms, present, county_shapes, out, gap_min, overlap_min)
    progress.set_progress(100)


def _check_placement(units, geoms, present, county_shapes: dict, out: _Collector, gap_min, overlap_min) -> None:
    """Units reaching outside the plan's counties (EZ-C003) or into another county (EZ-C004)."""
    all_counties = shapely.union_all(list(county_shapes.values()))
    shapely.prepare(all_counties)
    county_codes = sorted(county_shapes)
    county_array = np.array([county_shapes[c] for c in county_codes], dtype=object)
    county_tree = shapely.STRtree(county_array)
    for i in present:
        code = str(units[i][0].get("unit_code") or "")
        own = schema.county_of(units[i][0].get("county_code"))
        if not all_counties.covers(geoms[i]):
            for part in _polygons(shapely.difference(geoms[i], all_counties, grid_size=GRID)):
                if part.area > gap_min:
                    out.add("EZ-C003", code, part, area_m2=part.area)
        candidates = [k for k in county_tree.query(geoms[i], predicate="intersects") if county_codes[k] != own]
        for k in candidates:
            if not shapely.relate_pattern(geoms[i], county_array[k], "T********"):
                continue
            for part in _polygons(shapely.intersection(geoms[i], county_array[k], grid_size=GRID)):
                if part.area > overlap_min:
                    out.add("EZ-C004", code, part, county=own, other=county_codes[k], area_m2=part.area)


def _in_parallel(func, a: np.ndarray, b: np.ndarray, threads: int) -> np.ndarray:
    """func(a, b) over pairs of geometry arrays, in chunks on the threads (vectorised GEOS calls release the GIL)."""
    if len(a) < 2 * threads or threads < 2:
        return np.asarray(func(a, b))
    chunks = np.array_split(np.arange(len(a)), threads)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return np.concatenate(list(pool.map(lambda c: np.asarray(func(a[c], b[c])), chunks)))


def _overlap_areas(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The area each pair shares; a pair whose floating overlay fails is measured on the 1 mm grid."""
    try:
        return shapely.area(shapely.intersection(a, b))
    except shapely.errors.GEOSException:
        return np.asarray([shapely.intersection(x, y, grid_size=GRID).area for x, y in zip(a, b)])


def _is_coverage(members: np.ndarray, chunk: int = 4096) -> bool:
    """Whether units that do not overlap share their borders vertex for vertex.

    Every ring segment is counted: a segment two units share appears twice, once from each. A
    segment that appears once lies on the outline of the units (the county's boundary, a gap);
    one that runs along another unit's border instead means the two borders do not match (a
    vertex on one side only). Worked in numpy rather than with GEOS's coverage validator, which
    crashes where QGIS's older GEOS is loaded in the same process.
    """
    if len(members) < 2:
        return True
    parts, part_of = shapely.get_parts(members, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    owner = part_of[ring_part]
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    same_ring = ring_of[:-1] == ring_of[1:]
    start, end = coords[:-1][same_ring], coords[1:][same_ring]
    seg_owner = owner[ring_of[:-1][same_ring]]
    swap = (start[:, 0] > end[:, 0]) | ((start[:, 0] == end[:, 0]) & (start[:, 1] > end[:, 1]))
    low, high = np.where(swap[:, None], end, start), np.where(swap[:, None], start, end)
    keys = np.ascontiguousarray(np.column_stack([low, high])).view(np.dtype((np.void, 32))).ravel()
    _keys, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    if (counts > 2).any():
        return False
    once = np.flatnonzero(counts[inverse.ravel()] == 1)
    if len(once) == 0:
        return True
    borders = shapely.STRtree(shapely.boundary(members))
    for first in range(0, len(once), chunk):
        pick = once[first : first + chunk]
        points = shapely.points((low[pick] + high[pick]) / 2.0)
        near, unit = borders.query(points, predicate="dwithin", distance=1e-6)
        if (unit != seg_owner[pick][near]).any():
            return False
    return True


def _covered(members: list, matched: bool):
    """The union of a county's units: in linear time when they form an exact coverage, else robustly."""
    if not members:
        return shapely.Polygon()
    if matched:
        try:
            covered = shapely.coverage_union_all(members)
            if shapely.is_valid(covered):
                return covered
        except shapely.errors.GEOSException:
            pass
    return shapely.union_all(members)


def _polygons(geom) -> list:
    """The polygons of an overlay result; the lines and points where shapes only touch are left out."""
    if geom is None or geom.is_empty:
        return []
    parts = shapely.get_parts(geom)
    kinds = shapely.get_type_id(parts)
    found = list(parts[kinds == 3])
    for collection in parts[kinds == 7]:
        found += _polygons(collection)
    for multi in parts[kinds == 6]:
        found += list(shapely.get_parts(multi))
    return found


# --- rules -----------------------------------------------------------------------------------


def _check_rules(
    units, geoms, zones, boundary, out: _Collector, profile: dict, gap_min: float, min_area_km2: float, progress
) -> None:
    hard = [g for attrs, g in zones if g is not None and not g.is_empty and is_hard_zone(attrs, profile)]
    priority = [g for (attrs, _), g in zip(units, geoms) if g is not None and attrs.get("unit_class") == 1]
    if hard:
        priority_shape = shapely.union_all(priority, grid_size=GRID) if priority else shapely.Polygon()
        hard_attrs = [attrs for attrs, g in zones if g is not None and not g.is_empty and is_hard_zone(attrs, profile)]
        # a plan keeps its zones unclipped: only the part inside the plan's counties must be priority
        area = [g for _a, g in boundary if g is not None and not g.is_empty]
        plan_area = shapely.union_all(area) if area else None
        if plan_area is not None:
            shapely.prepare(plan_area)
        for n, (attrs, geom) in enumerate(zip(hard_attrs, hard)):
            if n % 100 == 0:
                progress.check()
                progress.set_progress(60.0 * n / len(hard))
            geom = shapely.make_valid(geom)
            if plan_area is not None and not plan_area.contains(geom):
                geom = shapely.intersection(geom, plan_area, grid_size=GRID)
            outside = shapely.difference(geom, priority_shape, grid_size=GRID)
            for part in _polygons(outside):
                if part.area > gap_min:
                    out.add(
                        "EZ-R001",
                        "",
                        part,
                        subtype=attrs.get("subtype") or attrs.get("element"),
                        zone=attrs.get("zone_name") or attrs.get("zone_code") or "",
                        area_m2=part.area,
                    )
    if min_area_km2 <= 0:
        return
    hard_tree = shapely.STRtree(hard) if hard else None
    for (attrs, _), geom in zip(units, geoms):
        if geom is None:
            continue
        for part in shapely.get_parts(geom):
            if part.area / 1e6 >= min_area_km2:
                continue
            if hard_tree is not None and len(hard_tree.query(part, predicate="intersects")):
                continue  # kept on purpose: it holds red line or protected ground
            point = part.representative_point()
            out.add(
                "EZ-R002",
                str(attrs.get("unit_code") or ""),
                part,
                area_km2=part.area / 1e6,
                min_area_km2=min_area_km2,
                x=point.x,
                y=point.y,
            )
    progress.set_progress(100)


# --- admission list --------------------------------------------------------------------------


def _check_admission(units, clauses, out: _Collector, profile: dict | None = None) -> None:
    """EZ-L001: a unit of a class the profile's scheme wants complete lacks a dimension; a unit of
    another class (an undivided priority list, where the profile allows it) needs one clause."""
    dimensions = scheme(profile)
    infos = [unit_info(attrs) for attrs, _g in units]
    for effective in effective_lists(infos, clauses).values():
        missing = effective.missing_dimensions(dimensions)
        if missing:
            out.add(
                "EZ-L001",
                effective.unit.code,
                dimensions="、".join(dimensions.label(d, "zh") for d in missing),
                dimensions_en=", ".join(dimensions.label(d, "en") for d in missing),
            )


def _check_info(info: dict, profile: dict, out: _Collector) -> None:
    missing = missing_info(info, profile["required_info"])
    if missing:
        out.add(
            "EZ-A004",
            items=", ".join(info_label(k, "en") for k in missing),
            items_zh="、".join(info_label(k, "zh") for k in missing),
            missing=missing,
        )


def plan_input(store, check_admission: bool = True) -> PlanInput:
    """What validation needs, read from a plan store."""

    def shapes(table):
        return [(attrs, shapely.from_wkb(wkb) if wkb else None) for attrs, wkb in store.features(table)]

    crs = store.crs()
    epsg = int(crs.split(":", 1)[1]) if crs.upper().startswith("EPSG:") else None
    return PlanInput(
        units=shapes("control_units"),
        boundary=shapes("admin_boundary"),
        zones=shapes("element_zones"),
        clauses=store.clauses() if check_admission else None,
        epsg=epsg,
        info=store.info(),
    )


def plan_min_area(store) -> float | None:
    """The MIN_AREA the plan was derived with, as createplan recorded it; None when unknown."""
    try:
        return float(store.info().get("min_area_km2", ""))
    except ValueError:
        return None


def validate_store(store, profile: dict, progress: Progress | None = None) -> ValidationResult:
    """Validate a plan store with its own fragment minimum and its admission list."""
    return validate_plan(plan_input(store), profile, plan_min_area(store), progress)
