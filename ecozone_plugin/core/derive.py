"""Derive the environmental control units from element zones: overlay (叠加法) and fitting (拟合法).

Work is split by cell: one county, or one county and one value of the split field, and each
cell by tiles (see tiles.py). Ground is classed by set algebra on a 1 mm grid: priority = the
union of priority and hard-priority zones; key = the union of key zones less priority;
general = the rest. Units never leave their cell, so the units of a county tile it exactly.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely

from . import fragments, tiles
from . import geometry as geo
from .classes import CLASS_LABELS, GENERAL, KEY, PRIORITY, class_label
from .crs import AreaCalculator
from .dissolve import dissolve_tiles
from .messages import EcoZoneError, Message
from .progress import Progress, SubProgress

OVERLAY, FITTING = "overlay", "fitting"
UID_NAMESPACE = uuid.UUID("6f1c2d1e-3a5b-4c7d-9e8f-0a1b2c3d4e5f")
MIN_ELEMENT_SHARE = 0.01
MIN_ELEMENT_M2 = 10_000.0
PROTECTED_MIN_M2 = fragments.PROTECTED_MIN_M2


@dataclass
class Zone:
    geom: object
    element: str
    zone_class: int
    subtype: str
    zone_code: str = ""
    zone_name: str = ""
    source: str = ""
    fid: object = None
    hard: bool = False


@dataclass
class AdminArea:
    geom: object
    county_code: str
    county_name: str = ""
    split_value: object = None
    fid: object = None


@dataclass
class PreviousUnit:
    geom: object
    unit_code: str
    unit_class: int
    county_code: str
    unit_uid: str = ""


@dataclass
class DeriveOptions:
    profile: dict
    working_epsg: int
    method: str = OVERLAY
    min_area_km2: float = 0.1
    fit_threshold: float = 50.0
    fit_key_threshold: float | None = None
    threads: int = 2
    tile_size: float = tiles.TILE_SIZE


@dataclass(eq=False)
class Unit:
    geom: object
    unit_class: int
    county_code: str
    county_name: str
    group: str
    rule: str
    method: str
    split_value: object = None
    elements: list = field(default_factory=list)
    area_km2: float = 0.0
    unit_code: str = ""
    unit_name: str = ""
    unit_uid: str = ""

    @property
    def elements_text(self) -> str:
        return "; ".join(subtype for _c, _e, subtype in self.elements)


@dataclass
class DeriveResult:
    units: list[Unit]
    messages: list[Message]
    fragments: list[dict]
    class_areas: dict  # (county_code, county_name) -> {class: km2}
    county_areas: dict  # county_code -> km2

    def class_totals(self) -> dict[int, tuple[int, float]]:
        """Per class: number of units and their area in km²."""
        totals = {c: (0, 0.0) for c in CLASS_LABELS}
        for unit in self.units:
            count, area = totals[unit.unit_class]
            totals[unit.unit_class] = (count + 1, area + unit.area_km2)
        return totals


@dataclass
class _Cell:
    county_code: str
    county_name: str
    split_value: object
    geom: object


class DeriveError(EcoZoneError):
    pass


def derive_units(
    admin_areas: list[AdminArea],
    zones: list[Zone],
    options: DeriveOptions,
    base_units: list | None = None,
    previous_units: list[PreviousUnit] | None = None,
    progress: Progress | None = None,
) -> DeriveResult:
    """Control units of every county in admin_areas, coded and named per the profile."""
    progress = progress or Progress()
    if options.method not in (OVERLAY, FITTING):
        raise DeriveError("EZ-D015", method=options.method)
    if not admin_areas:
        raise DeriveError("EZ-D014")
    hard_subtypes = set(options.profile.get("hard_priority_subtypes", ["生态保护红线"]))
    zones = _canonical_zones(zones, hard_subtypes)
    zone_geoms = np.asarray([z.geom for z in zones], dtype=object)
    tree = shapely.STRtree(zone_geoms)
    bases = None
    if options.method == FITTING:
        base_geoms = [g for g in (base_units or []) if g is not None and not g.is_empty]
        if not base_geoms:
            base_geoms = [a.geom for a in admin_areas]
        base_geoms = [base_geoms[i] for i in geo.canonical_order(base_geoms, [()] * len(base_geoms))]
        bases = (base_geoms, shapely.STRtree(base_geoms))
    area_calc = AreaCalculator(options.working_epsg)
    cells = [_CellWork(cell, options, area_calc) for cell in _cells(admin_areas)]

    with ThreadPoolExecutor(max_workers=max(1, options.threads)) as pool:
        tasks = [(w, t) for w in cells for t in range(len(w.boxes))]
        _run(pool, lambda wt: wt[0].compute(wt[1], zones, zone_geoms, tree, bases), tasks, SubProgress(progress, 0, 60))
        for work in cells:
            work.classify()
        _run(pool, lambda wt: wt[0].make_pieces(wt[1]), tasks, SubProgress(progress, 60, 70))
        for work in cells:
            work.all_pieces = [p for tile_pieces in work.pieces for p in tile_pieces]
        label_tasks = [(w, label) for w in cells for label in range(len(w.labels))]
        _run(pool, lambda wl: wl[0].dissolve(wl[1]), label_tasks, SubProgress(progress, 70, 80))
        _run(pool, lambda w: w.merge_fragments(), cells, SubProgress(progress, 80, 88))
        again = [(w, label) for w in cells for label in sorted(w.changed_labels)]
        _run(pool, lambda wl: wl[0].dissolve(wl[1]), again, SubProgress(progress, 88, 95))
        _run(pool, lambda w: w.build_units(), cells, SubProgress(progress, 95, 99))

    units: list[Unit] = []
    messages: list[Message] = []
    fragment_records: list[dict] = []
    class_areas: dict = {}
    county_areas: dict = defaultdict(float)
    for work in cells:
        cell_units = work.result_units
        units.extend(cell_units)
        messages.extend(work.messages())
        fragment_records.extend(work.fragments)
        county_areas[work.cell.county_code] += work.cell_area_km2()
        key = (work.cell.county_code, work.cell.county_name)
        areas = class_areas.setdefault(key, {c: 0.0 for c in CLASS_LABELS})
        for unit in cell_units:
            areas[unit.unit_class] += unit.area_km2
    progress.check()
    messages.extend(_assign_codes(units, previous_units or [], options.profile))
    _assign_names(units, options.profile)
    units.sort(key=lambda u: u.unit_code)
    progress.set_progress(100)
    return DeriveResult(units, messages, fragment_records, class_areas, dict(county_areas))


def _run(pool, func, items, progress: Progress) -> None:
    """Run func over items on the pool, reporting progress and stopping on cancel."""
    if not items:
        return
    futures = [pool.submit(_checked, func, item, progress) for item in items]
    try:
        for done, future in enumerate(futures, start=1):
            future.result()
            progress.set_progress(100.0 * done / len(futures))
    finally:
        for future in futures:
            future.cancel()


def _checked(func, item, progress: Progress):
    progress.check()
    return func(item)


def _canonical_zones(zones: list[Zone], hard_subtypes: set[str]) -> list[Zone]:
    """Usable zones in an order that does not depend on the order they came in."""
    kept = []
    for zone in zones:
        if zone.geom is None or zone.geom.is_empty:
            continue
        zone.hard = zone.element == "protected" or zone.subtype in hard_subtypes
        if zone.hard:
            zone.zone_class = PRIORITY
        kept.append(zone)
    prefixes = [(z.element, z.zone_class, z.subtype, z.zone_code or "", z.zone_name or "") for z in kept]
    order = geo.canonical_order([z.geom for z in kept], prefixes)
    return [kept[i] for i in order]


def _cells(admin_areas: list[AdminArea]) -> list[_Cell]:
    grouped: dict[tuple, list[AdminArea]] = defaultdict(list)
    for area in admin_areas:
        split = "" if area.split_value in (None, "") else str(area.split_value)
        grouped[(area.county_code, split)].append(area)
    cells = []
    for (county_code, split), members in sorted(grouped.items()):
        members = [members[i] for i in geo.canonical_order([a.geom for a in members], [()] * len(members))]
        names = sorted({a.county_name for a in members if a.county_name})
        geom = geo.union([a.geom for a in members])
        if geom.is_empty:
            continue
        cells.append(_Cell(county_code, names[0] if names else county_code, split or None, geom))
    return cells


class _CellWork:
    """Everything derived for one cell, step by step."""

    def __init__(self, cell: _Cell, options: DeriveOptions, area_calc: AreaCalculator):
        self.cell = cell
        self.options = options
        self.area_calc = area_calc
        self.boxes = tiles.tile_boxes(cell.geom, options.tile_size)
        self.grounds: list = [None] * len(self.boxes)
        self.pieces: list = [None] * len(self.boxes)
        self.labels: list[tuple] = []
        self.dev_order: list[str] = []
        self.base_class: dict = {}
        self.fit_priority = False
        self.fragments: list[dict] = []
        self.geoms: dict[int, object] = {}
        self.zone_epsg = area_calc.zone_epsg_of(cell.geom)
        shapely.prepare(cell.geom)

    def compute(self, t, zones, zone_geoms, tree, bases) -> None:
        self.grounds[t] = tiles.compute_tile(self.boxes[t], self.cell.geom, zones, zone_geoms, tree, bases)

    def classify(self) -> None:
        """Order the development groups and, for fitting, class the base polygons."""
        self.dev_order = _development_order(self.grounds)
        if self.options.method == FITTING:
            for j, (area, p_area, k_area) in sorted(tiles.base_shares(self.grounds).items()):
                if area > 0:
                    self.base_class[j] = self._fit_class(area, p_area, k_area)
            self._add_uncovered_ground()
            self.fit_priority = PRIORITY in self.base_class.values()
        split = bool(self.options.profile.get("split_key_by_development", True))
        self.split_order = self.dev_order if split else []
        self.labels = [(PRIORITY, "")] + [(KEY, name) for name in self.split_order] + [(KEY, ""), (GENERAL, "")]
        self.label_index = {label: i for i, label in enumerate(self.labels)}

    def _add_uncovered_ground(self) -> None:
        """Ground of the cell that no base polygon covers is fitted as its own base."""
        next_id = max(self.base_class, default=-1) + 1
        for ground in self.grounds:
            covered = geo.union([g for _j, g in ground.bases])
            rest = geo.difference(ground.ground, covered)
            if rest.is_empty or rest.area <= 1.0:
                continue
            p_area = geo.intersection(rest, ground.priority).area
            k_area = geo.intersection(rest, ground.key).area
            ground.bases.append((next_id, rest))
            self.base_class[next_id] = self._fit_class(rest.area, p_area, k_area)
            next_id += 1

    def _fit_class(self, area: float, p_area: float, k_area: float) -> int:
        """Priority when priority ground covers more than the threshold share, key likewise."""
        threshold = self.options.fit_threshold
        key_threshold = self.options.fit_key_threshold
        if key_threshold is None:
            key_threshold = threshold
        if 100.0 * p_area / area > threshold:
            return PRIORITY
        if 100.0 * k_area / area > key_threshold:
            return KEY
        return GENERAL

    def make_pieces(self, t) -> None:
        ground = self.grounds[t]
        if self.options.method == OVERLAY:
            classed = tiles.overlay_ground(ground, self.split_order)
        else:
            classed = tiles.fitting_ground(ground, self.base_class, self.split_order)
        self.pieces[t] = tiles.tile_pieces(t, ground, classed, self.label_index)

    def merge_fragments(self) -> None:
        """Merge the small parts of the dissolved units; note which labels must dissolve again."""
        self.changed_labels: set[int] = set()
        min_m2 = self.options.min_area_km2 * 1e6
        if min_m2 <= 0:
            return
        part_geoms, part_label = [], []
        for label, geom in sorted(self.geoms.items()):
            for part in geo.parts(geom):
                part_geoms.append(part)
                part_label.append(label)
        if not part_geoms:
            return
        part_of = self._part_of_pieces(part_geoms, part_label)
        part_area = [g.area for g in part_geoms]
        self.fragments, new_label = fragments.merge_fragments(
            self.all_pieces, part_of, part_label, part_area, self.labels, min_m2
        )
        for record in self.fragments:
            record["county_code"] = self.cell.county_code
        changed_tiles = set()
        for i, piece in enumerate(self.all_pieces):
            label = new_label[part_of[i]]
            if label != piece.label:
                self.changed_labels.update((label, piece.label))
                changed_tiles.add(piece.tile)
                piece.label = label
        if changed_tiles:
            self._regroup(changed_tiles)

    def _part_of_pieces(self, part_geoms, part_label) -> list[int]:
        """Index of the dissolved part that holds each tile piece."""
        tree = shapely.STRtree(part_geoms)
        points = shapely.point_on_surface([p.geom for p in self.all_pieces])
        piece_idx, part_idx = tree.query(points, predicate="intersects")
        part_of = [-1] * len(self.all_pieces)
        for i, j in zip(piece_idx, part_idx):
            if part_label[j] == self.all_pieces[i].label:
                part_of[int(i)] = int(j)
        for i in [i for i, p in enumerate(part_of) if p < 0]:
            # A sliver thinner than the grid: take the nearest part of its own label.
            label = self.all_pieces[i].label
            candidates = [j for j, lab in enumerate(part_label) if lab == label]
            part_of[i] = min(candidates, key=lambda j: shapely.distance(part_geoms[j], self.all_pieces[i].geom))
        return part_of

    def _regroup(self, changed_tiles: set[int]) -> None:
        """Within a tile, pieces that now share a label become one union again."""
        kept = [p for p in self.all_pieces if p.tile not in changed_tiles]
        grouped: dict[tuple, list] = defaultdict(list)
        for p in self.all_pieces:
            if p.tile in changed_tiles:
                grouped[(p.tile, p.label)].append(p.geom)
        for (t, label), geoms in sorted(grouped.items()):
            unit_class, group = self.labels[label]
            kept += tiles.tile_pieces(t, self.grounds[t], [(unit_class, group, geo.union(geoms))], self.label_index)
        self.all_pieces = kept

    def dissolve(self, label: int) -> None:
        geoms = [p.geom for p in self.all_pieces if p.label == label]
        if geoms:
            self.geoms[label] = shapely.normalize(geo.as_multipolygon(dissolve_tiles(geoms, self.options.tile_size)))
        else:
            self.geoms.pop(label, None)

    def build_units(self) -> None:
        self.result_units = self._units()

    def _units(self) -> list[Unit]:
        needed = {label: min(MIN_ELEMENT_SHARE * geom.area, MIN_ELEMENT_M2) for label, geom in self.geoms.items()}
        subtypes = tiles.element_subtypes(self.all_pieces, self.grounds, needed)
        hard_by_label: dict[int, float] = defaultdict(float)
        for p in self.all_pieces:
            hard_by_label[p.label] += p.hard_m2
        result = []
        for label, geom in sorted(self.geoms.items()):
            if geom.is_empty or geom.area <= 0:
                continue
            unit_class, group = self.labels[label]
            area_m2 = self.area_calc.area_m2(geom, self.zone_epsg)
            elements = list(dict.fromkeys((k[0], k[2], k[3]) for k in sorted(subtypes[label])))
            result.append(
                Unit(
                    geom=geom,
                    unit_class=unit_class,
                    county_code=self.cell.county_code,
                    county_name=self.cell.county_name,
                    group=group,
                    rule=self._rule(unit_class, hard_by_label[label]),
                    method=self.options.method,
                    split_value=self.cell.split_value,
                    elements=elements,
                    area_km2=area_m2 / 1e6,
                )
            )
        return result

    def _rule(self, unit_class: int, hard_m2: float) -> str:
        if self.options.method == OVERLAY:
            if unit_class == PRIORITY:
                return "hard_priority" if hard_m2 > PROTECTED_MIN_M2 else "priority_zone"
            return "key_zone" if unit_class == KEY else "general_rest"
        if unit_class == PRIORITY:
            return "fit_priority" if self.fit_priority else "hard_priority"
        return "fit_key" if unit_class == KEY else "fit_general"

    def cell_area_km2(self) -> float:
        return self.area_calc.area_m2(self.cell.geom, self.zone_epsg) / 1e6

    def messages(self) -> list[Message]:
        out = []
        for frag in self.fragments:
            params = {
                "county": self.cell.county_name,
                "area_m2": frag["area_m2"],
                "from_class": class_label(frag["from_class"]),
                "x": frag["x"],
                "y": frag["y"],
            }
            if frag["merged"]:
                params.update(to_class=class_label(frag["to_class"]), border_m=frag["border_m"])
                out.append(Message("EZ-D005", params))
            else:
                reason = {"hard": "EZ-D012", "isolated": "EZ-D013"}[frag["reason"]]
                out.append(Message(reason, params))
        return out


def _development_order(grounds) -> list[str]:
    pieces: dict[str, list] = defaultdict(list)
    for ground in grounds:
        for name, geom in ground.development.items():
            pieces[name].append(geom)
    return sorted(pieces, key=lambda name: (name, geo.sort_point(geo.union(pieces[name]))))


# --- codes and names -----------------------------------------------------------------------


def _assign_codes(units: list[Unit], previous: list[PreviousUnit], profile: dict) -> list[Message]:
    template = profile.get("code_template", "ZH{county_code}{unit_class}{seq:04d}")
    messages = []
    groups: dict[tuple, list[Unit]] = defaultdict(list)
    for unit in units:
        groups[(unit.county_code, unit.unit_class)].append(unit)
    prev_groups: dict[tuple, list[PreviousUnit]] = defaultdict(list)
    for prev in previous:
        prev_groups[(prev.county_code, prev.unit_class)].append(prev)
    taken_codes = {p.unit_code for p in previous}
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda u: geo.sort_point(u.geom))
        matched = _match_previous(members, prev_groups.get(key, []))
        for unit, (prev, overlap) in matched.items():
            unit.unit_code = prev.unit_code
            unit.unit_uid = prev.unit_uid or ""
            messages.append(Message("EZ-D010", {"code": prev.unit_code, "overlap_km2": overlap / 1e6}))
        seq = 0
        for unit in members:
            if unit.unit_code:
                continue
            while True:
                seq += 1
                code = template.format(county_code=unit.county_code, unit_class=unit.unit_class, seq=seq)
                if code not in taken_codes:
                    break
            unit.unit_code = code
            taken_codes.add(code)
    for unit in units:
        if not unit.unit_uid:
            x0, y0, x1, y1 = (round(v) for v in unit.geom.bounds)
            digest = f"{round(unit.geom.area)}|{x0}|{y0}|{x1}|{y1}"
            unit.unit_uid = str(uuid.uuid5(UID_NAMESPACE, f"{unit.unit_code}|{unit.method}|{digest}"))
    return messages


def _match_previous(members: list[Unit], previous: list[PreviousUnit]) -> dict:
    """Each previous unit lends its code to the new unit it overlaps most, greedily."""
    if not previous or not members:
        return {}
    pairs = []
    for i, unit in enumerate(members):
        for j, prev in enumerate(previous):
            if prev.geom is None or prev.geom.is_empty or not shapely.intersects(unit.geom, prev.geom):
                continue
            overlap = geo.intersection(unit.geom, prev.geom).area
            if overlap > 0:
                pairs.append((-overlap, prev.unit_code, i, j))
    pairs.sort()
    used_units, used_prev, matched = set(), set(), {}
    for neg_overlap, _code, i, j in pairs:
        if i in used_units or j in used_prev:
            continue
        used_units.add(i)
        used_prev.add(j)
        matched[members[i]] = (previous[j], -neg_overlap)
    return matched


def _assign_names(units: list[Unit], profile: dict) -> None:
    template = profile.get("name_template", "{county_name}{group}{class_label}")
    for unit in units:
        group = unit.group
        if unit.county_name and group.startswith(unit.county_name) and group != unit.county_name:
            group = group[len(unit.county_name) :]
        unit.unit_name = template.format(
            county_name=unit.county_name,
            county_code=unit.county_code,
            group=group,
            class_label=class_label(unit.unit_class),
            split=unit.split_value or "",
        )
    counts: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        counts[unit.unit_name].append(unit)
    for name, same in counts.items():
        if len(same) > 1:
            for n, unit in enumerate(sorted(same, key=lambda u: u.unit_code), start=1):
                unit.unit_name = f"{name}{n}"
