"""Two versions of a plan compared (动态更新): the ground whose class or unit changed, piece by piece,
the transition matrix, and every loss of priority-protection ground first (需省级论证说明).

A piece is the intersection of an old unit with a new unit, or ground inside only one version's
units (added, removed). Units are matched by unit_uid where both versions share it, else by the
largest overlap within county and class; ground that stays in its class but moves to a unit other
than its old unit's match is ``unit_changed``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import shapely

from .admission.clauses import UnitInfo
from .classes import PRIORITY, is_hard_zone
from .progress import Progress

CLASS_DOWN, CLASS_UP, CLASS_OTHER, UNIT_CHANGED, ADDED, REMOVED = (
    "class_down",
    "class_up",
    "class_other",
    "unit_changed",
    "added",
    "removed",
)
CHANGE_TYPES = (CLASS_DOWN, CLASS_UP, CLASS_OTHER, UNIT_CHANGED, ADDED, REMOVED)
NONE = 0  # the matrix's class for ground outside a version's units
SLIVER_M2 = 1e-3  # what rounding leaves of ground two versions share; below it nothing is ground


@dataclass
class Piece:
    geometry: object
    old: UnitInfo | None
    new: UnitInfo | None
    change_type: str
    area_km2: float
    county_code: str
    priority_loss: bool = False
    hard_loss: bool = False
    old_zones: str = ""  # the old plan's priority zones under the piece, "subtype zone_name; …"


@dataclass
class UnitChange:
    kind: str  # added, removed, recoded, renamed, reshaped
    old: UnitInfo | None
    new: UnitInfo | None
    detail: str = ""


@dataclass
class Comparison:
    pieces: list[Piece] = field(default_factory=list)
    matrix: dict[tuple[int, int], float] = field(default_factory=dict)  # (old class, new class) -> km²
    by_county: dict[str, dict[str, dict[int, tuple[int, float]]]] = field(default_factory=dict)
    unit_changes: list[UnitChange] = field(default_factory=list)
    small_pieces: int = 0  # pieces under MIN_CHANGE_M2, left out and counted
    matches: dict[str, str] = field(default_factory=dict)  # old uid -> new uid

    @property
    def priority_losses(self) -> list[Piece]:
        return sorted((p for p in self.pieces if p.priority_loss), key=lambda p: -p.area_km2)

    def counts(self) -> dict[str, int]:
        return {kind: sum(p.change_type == kind for p in self.pieces) for kind in CHANGE_TYPES}


def compare(
    old_units: list[tuple[UnitInfo, object]],
    new_units: list[tuple[UnitInfo, object]],
    new_hard: list[tuple[str, object]] = (),
    old_priority_zones: list[tuple[object, object]] = (),
    min_change_m2: float = 1.0,
    progress: Progress | None = None,
) -> Comparison:
    """Compare two versions given as (unit, shapely geometry) in one CRS; ``new_hard`` is the new
    plan's red line and protected ground, ``old_priority_zones`` the old plan's priority zones as
    ((subtype, name) or a label, geometry)."""
    progress = progress or Progress()
    result = Comparison()
    old_geoms = [shapely.make_valid(g) for _u, g in old_units]
    new_geoms = [shapely.make_valid(g) for _u, g in new_units]
    old_array, new_array = np.asarray(old_geoms, dtype=object), np.asarray(new_geoms, dtype=object)
    old_index, new_index = shapely.STRtree(new_array).query(old_array, predicate="intersects")
    progress.set_progress(10)
    # a unit that did not change is taken as it is; of the other candidate pairs, most are
    # neighbours that only share a border: only pairs whose interiors meet are intersected
    old_uids = np.asarray([u.uid for u, _g in old_units], dtype=object)
    new_uids = np.asarray([u.uid for u, _g in new_units], dtype=object)
    same = old_uids[old_index] == new_uids[new_index]
    same[same] = shapely.equals_exact(old_array[old_index[same]], new_array[new_index[same]], 0.0)
    overlaps: dict[tuple[int, int], object] = {
        (int(o), int(w)): old_geoms[int(o)] for o, w in zip(old_index[same], new_index[same])
    }
    old_index, new_index = old_index[~same], new_index[~same]
    inner = _in_parallel(
        lambda a, b: shapely.relate_pattern(a, b, "T********"), old_array[old_index], new_array[new_index]
    )
    old_index, new_index = old_index[inner], new_index[inner]
    progress.check()
    progress.set_progress(35)
    pieces = _in_parallel(shapely.intersection, old_array[old_index], new_array[new_index])
    for o, w, piece in zip(old_index.tolist(), new_index.tolist(), pieces):
        if shapely.area(piece) > 0:
            overlaps[(o, w)] = piece
    progress.set_progress(60)
    result.matches = _match(old_units, new_units, overlaps)
    hard = shapely.union_all([g for _s, g in new_hard]) if new_hard else None
    zone_tree = (
        shapely.STRtree(np.asarray([g for _s, g in old_priority_zones], dtype=object)) if old_priority_zones else None
    )
    matrix: dict[tuple[int, int], float] = defaultdict(float)
    for (o, w), geometry in overlaps.items():
        old, new = old_units[o][0], new_units[w][0]
        area = float(shapely.area(geometry))
        matrix[(old.unit_class, new.unit_class)] += area / 1e6
        kind = _kind(old, new, result.matches.get(old.uid))
        if kind is None:
            continue
        if area < min_change_m2:
            result.small_pieces += 1
            continue
        result.pieces.append(Piece(geometry, old, new, kind, area / 1e6, old.county_code))
    progress.set_progress(70)
    # ground inside one version only: a unit less what the other version's units take of it, found
    # from the areas first, so a geometry is made only where such ground is
    covered_old: dict[int, list[int]] = defaultdict(list)
    covered_new: dict[int, list[int]] = defaultdict(list)
    for o, w in overlaps:
        covered_old[o].append(w)
        covered_new[w].append(o)
    areas = {key: float(shapely.area(g)) for key, g in overlaps.items()}
    for units, geoms, others, covered, kind in (
        (old_units, old_geoms, new_geoms, covered_old, REMOVED),
        (new_units, new_geoms, old_geoms, covered_new, ADDED),
    ):
        for i, ((unit, _g), geometry) in enumerate(zip(units, geoms)):
            taken = covered.get(i, [])
            inside = sum(areas[(i, j) if kind == REMOVED else (j, i)] for j in taken)
            left = float(shapely.area(geometry)) - inside
            if left <= SLIVER_M2:
                continue
            rest = shapely.difference(geometry, shapely.union_all([others[j] for j in taken])) if taken else geometry
            area = float(shapely.area(rest))
            if area <= SLIVER_M2:
                continue
            key = (unit.unit_class, NONE) if kind == REMOVED else (NONE, unit.unit_class)
            matrix[key] += area / 1e6
            if area < min_change_m2:
                result.small_pieces += 1
                continue
            old, new = (unit, None) if kind == REMOVED else (None, unit)
            result.pieces.append(Piece(rest, old, new, kind, area / 1e6, unit.county_code))
    progress.set_progress(85)
    for piece in result.pieces:
        piece.priority_loss = (
            piece.old is not None
            and piece.old.unit_class == PRIORITY
            and (piece.new is None or piece.new.unit_class != PRIORITY)
        )
        if piece.priority_loss:
            if hard is not None:
                piece.hard_loss = float(shapely.area(shapely.intersection(piece.geometry, hard))) >= min_change_m2
            if zone_tree is not None:
                hits = zone_tree.query(piece.geometry, predicate="intersects")
                piece.old_zones = zones_text([old_priority_zones[int(i)][0] for i in hits])
    result.matrix = dict(matrix)
    result.by_county = _by_county(old_units, new_units)
    result.unit_changes = _unit_changes(old_units, new_units, old_geoms, new_geoms, result.matches)
    result.pieces.sort(key=lambda p: (not p.priority_loss, -p.area_km2))
    progress.set_progress(100)
    return result


def _in_parallel(function, a, b, workers: int = 2):
    """A vectorised shapely function over pairs, in halves on two threads (shapely releases the GIL)."""
    if len(a) < 64:
        return function(a, b)
    from concurrent.futures import ThreadPoolExecutor

    middle = len(a) // 2
    with ThreadPoolExecutor(workers) as pool:
        first, second = pool.map(function, (a[:middle], a[middle:]), (b[:middle], b[middle:]))
    return np.concatenate([first, second])


def zones_text(zones) -> str:
    """The zones under a piece, by subtype: up to three names each, else the first two and a count
    (生态保护红线：云雾山、白溪 等 12 处). A zone given as plain text stands as it is."""
    by_subtype: dict[str, list[str]] = defaultdict(list)
    for zone in zones:
        subtype, name = zone if isinstance(zone, tuple) else (str(zone), "")
        if name and name not in by_subtype[subtype]:
            by_subtype[subtype].append(name)
        else:
            by_subtype.setdefault(subtype, [])
    parts = []
    for subtype, names in sorted(by_subtype.items()):
        names = sorted(names)
        if len(names) > 3:
            parts.append(f"{subtype}：{'、'.join(names[:2])} 等 {len(names)} 处")
        else:
            parts.append(f"{subtype}：{'、'.join(names)}" if names else subtype)
    return "；".join(parts)


def _match(old_units, new_units, overlaps) -> dict[str, str]:
    """old uid -> new uid: the same uid where both versions have it, else the new unit of the same
    county and class that holds most of the old unit's ground."""
    new_uids = {u.uid for u, _g in new_units}
    matches = {u.uid: u.uid for u, _g in old_units if u.uid in new_uids}
    best: dict[int, tuple[float, int]] = {}
    for (o, w), geometry in overlaps.items():
        old, new = old_units[o][0], new_units[w][0]
        if old.uid in matches or (old.county_code, old.unit_class) != (new.county_code, new.unit_class):
            continue
        area = float(shapely.area(geometry))
        if o not in best or area > best[o][0]:
            best[o] = (area, w)
    for o, (_area, w) in best.items():
        matches[old_units[o][0].uid] = new_units[w][0].uid
    return matches


def _kind(old: UnitInfo, new: UnitInfo, matched: str | None) -> str | None:
    if old.unit_class == PRIORITY and new.unit_class != PRIORITY:
        return CLASS_DOWN
    if new.unit_class == PRIORITY and old.unit_class != PRIORITY:
        return CLASS_UP
    if old.unit_class != new.unit_class:
        return CLASS_OTHER
    if matched != new.uid:
        return UNIT_CHANGED
    return None


def _by_county(old_units, new_units) -> dict[str, dict[str, dict[int, tuple[int, float]]]]:
    """county -> {"old": {class: (count, km²)}, "new": …}, areas planar from the geometries."""
    out: dict[str, dict[str, dict[int, list]]] = {}
    for version, units in (("old", old_units), ("new", new_units)):
        for unit, geometry in units:
            entry = out.setdefault(unit.county_code, {"old": {}, "new": {}})[version].setdefault(
                unit.unit_class, [0, 0.0]
            )
            entry[0] += 1
            entry[1] += float(shapely.area(geometry)) / 1e6
    return {c: {v: {k: tuple(x) for k, x in d.items()} for v, d in versions.items()} for c, versions in out.items()}


def _unit_changes(old_units, new_units, old_geoms, new_geoms, matches) -> list[UnitChange]:
    new_by_uid = {u.uid: (u, g) for (u, _), g in zip(new_units, new_geoms)}
    matched_new = set(matches.values())
    changes = []
    for (old, _), geometry in zip(old_units, old_geoms):
        uid = matches.get(old.uid)
        if uid is None:
            changes.append(UnitChange("removed", old, None))
            continue
        new, new_geometry = new_by_uid[uid]
        if new.code != old.code:
            changes.append(UnitChange("recoded", old, new, f"{old.code} → {new.code}"))
        if new.name != old.name:
            changes.append(UnitChange("renamed", old, new, f"{old.name} → {new.name}"))
        old_area, new_area = float(shapely.area(geometry)) / 1e6, float(shapely.area(new_geometry)) / 1e6
        if abs(new_area - old_area) > max(0.01, 0.01 * old_area):
            changes.append(UnitChange("reshaped", old, new, f"{old_area:.4f} → {new_area:.4f} km²"))
    for new, _g in new_units:
        if new.uid not in matched_new:
            changes.append(UnitChange("added", None, new))
    return changes


# --- reading a version --------------------------------------------------------------------------


@dataclass
class Version:
    label: str
    units: list[tuple[UnitInfo, object]]
    zones: list[tuple[dict, object]]
    clauses: list
    epsg: int
    profile: dict
    info: dict = field(default_factory=dict)

    def hard(self) -> list[tuple[str, object]]:
        return [
            (a.get("subtype") or a.get("element") or "", g)
            for a, g in self.zones
            if g is not None and is_hard_zone(a, self.profile)
        ]

    def priority_zones(self) -> list[tuple[str, object]]:
        out = []
        for attrs, geometry in self.zones:
            if geometry is not None and str(attrs.get("zone_class") or "") in ("1", "1.0"):
                out.append(((str(attrs.get("subtype") or ""), str(attrs.get("zone_name") or "")), geometry))
        return out


def read_version(path: str, work: str) -> Version:
    """A plan GeoPackage, or a filing package .zip read and verified as importfiling does (into a
    folder under ``work``); refused with the package's own problem when it fails its manifest."""
    from pathlib import Path

    from .messages import EcoZoneError
    from .plan.address import is_database_address, open_store
    from .records import unit_info

    if is_database_address(path):  # a plan in the team store, named by its schema
        store = open_store(path)
        return store_version(store, getattr(store, "schema_name", str(path)))
    source = Path(path)
    if source.suffix.lower() == ".zip":
        from .filing.package import open_package, package_plan_input

        check = open_package(source, Path(work) / source.stem)
        if check.problems:
            raise EcoZoneError(check.problems[0].code, **check.problems[0].params)
        plan, profile = package_plan_input(check.folder, check.manifest)
        units = [(unit_info(a), g) for a, g in plan.units if g is not None]
        info = check.manifest.get("plan_info") or {}
        return Version(source.name, units, plan.zones, plan.clauses or [], plan.epsg, profile, info)
    from .plan.geopackage import GeoPackagePlanStore
    from .profile import load_profile

    try:
        store = GeoPackagePlanStore(source)
    except EcoZoneError as error:
        if error.message.code != "EZ-T002":  # a file without the plan's tables: a control-unit layer
            raise
        units, epsg = _unit_layer(source)
        return Version(source.name, units, [], [], epsg, load_profile("default"))
    return store_version(store, source.name)


def store_version(store, label: str) -> Version:
    """The version a plan store holds now."""
    from .profile import plan_profile
    from .records import unit_info

    units = [(unit_info(a), shapely.from_wkb(w)) for a, w in store.features("control_units") if w is not None]
    zones = [(a, shapely.from_wkb(w)) for a, w in store.features("element_zones") if w is not None]
    epsg = int(store.crs().split(":")[-1]) if store.crs().upper().startswith("EPSG:") else 0
    return Version(label, units, zones, store.clauses(), epsg, plan_profile(store), store.info())


def _unit_layer(path) -> tuple[list[tuple[UnitInfo, object]], int]:
    """The units of a control-unit layer (deriveunits' output, a shapefile): the first layer of the
    file with unit_code and unit_class; refused (EZ-T002) when there is none."""
    from osgeo import ogr

    from .messages import EcoZoneError
    from .records import unit_info

    dataset = ogr.Open(str(path))
    if dataset is None:
        raise EcoZoneError("EZ-T001", path=str(path), error="not a vector file")
    for index in range(dataset.GetLayerCount()):
        layer = dataset.GetLayerByIndex(index)
        definition = layer.GetLayerDefn()
        names = {definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())}
        if {"unit_code", "unit_class"} <= names:
            srs = layer.GetSpatialRef()
            epsg = int(srs.GetAuthorityCode(None) or 0) if srs is not None else 0
            units = []
            for feature in layer:
                geometry = feature.GetGeometryRef()
                if geometry is None:
                    continue
                attrs = feature.items()
                attrs["unit_uid"] = attrs.get("unit_uid") or attrs.get("unit_code")  # a layer may lack uids
                units.append((unit_info(attrs), shapely.from_wkb(bytes(geometry.ExportToIsoWkb()))))
            return units, epsg
    raise EcoZoneError("EZ-T002", path=str(path), tables="control_units")


def reproject(version: Version, epsg: int) -> Version:
    """The version in another EPSG CRS (the NEW plan's), geometries transformed by GDAL."""
    if not epsg or version.epsg == epsg:
        return version
    from osgeo import ogr, osr

    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(version.epsg)
    target.ImportFromEPSG(epsg)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(source, target)

    def moved(geometry):
        ogr_geometry = ogr.CreateGeometryFromWkb(shapely.to_wkb(geometry, output_dimension=2))
        ogr_geometry.Transform(transform)
        return shapely.from_wkb(bytes(ogr_geometry.ExportToIsoWkb()))

    return Version(
        version.label,
        [(u, moved(g)) for u, g in version.units],
        [(a, moved(g)) for a, g in version.zones],
        version.clauses,
        epsg,
        version.profile,
        version.info,
    )


def clause_changes(old: Version, new: Version) -> list[tuple[str, str, str, str, str]]:
    """(unit code, kind, clause number, old text, new text) for the unit clauses added, removed or
    changed, matched by unit_uid and clause number."""
    code_of = {u.uid: u.code for u, _g in new.units} | {u.uid: u.code for u, _g in old.units}
    before = {(c.scope, c.clause_no): c.text for c in old.clauses if c.level == "unit"}
    after = {(c.scope, c.clause_no): c.text for c in new.clauses if c.level == "unit"}
    out = []
    for key in sorted(set(before) | set(after)):
        uid, number = key
        if key not in after:
            out.append((code_of.get(uid, uid), "removed", number, before[key], ""))
        elif key not in before:
            out.append((code_of.get(uid, uid), "added", number, "", after[key]))
        elif before[key] != after[key]:
            out.append((code_of.get(uid, uid), "changed", number, before[key], after[key]))
    return out
