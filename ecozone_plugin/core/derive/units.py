"""Derive the environmental control units from element zones: overlay (叠加法) and fitting (拟合法).

Work is split by cell: one county, or one county and one value of the split field. Each cell
is cut into faces that no zone boundary crosses (see arrangement.py), and every face is
classed by the zones that hold it: priority where a priority or hard-priority zone holds it,
key where a key zone does, general elsewhere. Units are the faces of one class (and
development group) joined; they never leave their cell, so the units of a county tile it
exactly.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict, deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import numpy as np
import shapely

from ..classes import CLASS_LABELS, ELEMENTS, GENERAL, KEY, PRIORITY, class_label
from ..messages import EcoZoneError, Message
from ..progress import Progress
from ..zones import geometry as geo
from ..zones.crs import AreaCalculator
from . import arrangement, fragments

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
    tile_size: float = arrangement.TILE_SIZE


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
    hard_subtypes = set(options.profile["hard_priority_subtypes"])
    zones = _canonical_zones(zones, hard_subtypes)
    table = _ZoneTable(zones)
    zone_geoms = np.asarray([z.geom for z in zones], dtype=object)
    zone_index = (zone_geoms, shapely.STRtree(zone_geoms))
    bases = None
    if options.method == FITTING:
        base_geoms = [g for g in (base_units or []) if g is not None and not g.is_empty]
        if not base_geoms:
            base_geoms = [a.geom for a in admin_areas]
        base_geoms = [base_geoms[i] for i in geo.canonical_order(base_geoms, [()] * len(base_geoms))]
        base_array = np.asarray(base_geoms, dtype=object)
        bases = (base_array, shapely.STRtree(base_array))
    area_calc = AreaCalculator(options.working_epsg)
    cells = [_CellWork(cell, options, area_calc) for cell in _cells(admin_areas)]

    steps = {
        "block": lambda work, b: work.compute(b, zone_index, bases),
        "labels": lambda work, _n: work.label_faces(table),
        "dissolve": lambda work, label: work.dissolve(label),
        "units": lambda work, _n: work.build_units(table),
    }
    with ThreadPoolExecutor(max_workers=max(1, options.threads)) as pool:
        _schedule(pool, cells, steps, max(1, options.threads), progress)

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


def _schedule(pool, cells: list, steps: dict, threads: int, progress: Progress) -> None:
    """Run every cell's steps on the pool: its blocks, then (once they are all done) labelling
    and fragments, the dissolve of each label, and the units.

    A cell's later steps go ahead of blocks still waiting, so the interpreter-bound work of one
    cell runs beside the noding of the next instead of after all of it. Progress counts blocks
    and the three later steps of each cell; a cancel stops at the next step.
    """
    waiting = deque((work, b) for work in cells for b in range(len(work.blocks)))
    ready: deque = deque(("labels", work, 0) for work in cells if not work.blocks)
    blocks_left = {work: len(work.blocks) for work in cells}
    labels_left: dict = {}
    running: dict = {}
    total, done = len(waiting) + 3 * len(cells), 0
    try:
        while waiting or ready or running:
            while len(running) <= threads and (ready or waiting):
                step = ready.popleft() if ready else ("block", *waiting.popleft())
                running[pool.submit(_checked, steps[step[0]], step[1], step[2], progress)] = step
            finished, _pending = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                kind, work, _n = running.pop(future)
                future.result()
                done += kind != "dissolve"
                if kind == "block":
                    blocks_left[work] -= 1
                    if blocks_left[work] == 0:
                        ready.append(("labels", work, 0))
                elif kind == "labels":
                    labels_left[work] = len(work.labels)
                    ready.extend(("dissolve", work, label) for label in range(len(work.labels)))
                elif kind == "dissolve":
                    labels_left[work] -= 1
                    if labels_left[work] == 0:
                        done += 1
                        ready.append(("units", work, 0))
                progress.set_progress(100.0 * done / total)
    finally:
        for future in running:
            future.cancel()


def _checked(func, work, n, progress: Progress):
    progress.check()
    return func(work, n)


def _canonical_zones(zones: list[Zone], hard_subtypes: set[str]) -> list[Zone]:
    """Usable zones in an order that does not depend on the order they came in."""
    empty = shapely.is_empty(np.asarray([z.geom for z in zones], dtype=object)) if zones else []
    kept = []
    for zone, is_empty in zip(zones, empty):
        if zone.geom is None or is_empty:
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


class _ZoneTable:
    """Per zone, as arrays: class, hard flag, subtype key and development group."""

    def __init__(self, zones: list[Zone]):
        zone_keys = [_subtype_key(z) for z in zones]
        self.keys = sorted(set(zone_keys))
        key_id = {k: i for i, k in enumerate(self.keys)}
        self.zone_class = np.asarray([z.zone_class for z in zones], dtype=np.int64)
        self.hard = np.asarray([z.hard for z in zones], dtype=bool)
        self.key = np.asarray([key_id[k] for k in zone_keys], dtype=np.int64)
        self.group = [z.zone_name or z.zone_code or z.subtype if z.element == "development" else None for z in zones]


def _subtype_key(zone: Zone) -> tuple:
    rank = ELEMENTS.index(zone.element) if zone.element in ELEMENTS else len(ELEMENTS)
    return (zone.zone_class, rank, zone.element, zone.subtype)


@dataclass
class _Faces:
    """A cell's faces with what is known of each, and the edges between them."""

    faces: np.ndarray
    area: np.ndarray
    zone_face: np.ndarray  # (zone_face[i], zone_of[i]): zone zone_of[i] holds face zone_face[i]
    zone_of: np.ndarray
    edges: arrangement.Edges
    inner: np.ndarray  # edges with a face on both sides
    tree: shapely.STRtree
    hard: np.ndarray = None  # hard-priority ground
    label: np.ndarray = None  # index into the cell's labels
    label_a: np.ndarray = None  # label on each side of every edge (-1: outside the cell)
    label_b: np.ndarray = None


class _CellWork:
    """Everything derived for one cell, step by step, on the faces of its arrangement."""

    def __init__(self, cell: _Cell, options: DeriveOptions, area_calc: AreaCalculator):
        self.cell = cell
        self.options = options
        self.area_calc = area_calc
        self.blocks = arrangement.tile_blocks(cell.geom, options.tile_size)
        self.worked: list = [None] * len(self.blocks)  # BlockFaces of each block
        self.labels: list[tuple] = []
        self.arr: _Faces | None = None  # the cell's faces and edges, until its units are built
        self.fit_priority = False
        self.fragments: list[dict] = []
        self.geoms: dict[int, object] = {}
        self.zone_epsg = area_calc.zone_epsg_of(cell.geom)
        self._local = threading.local()

    def compute(self, b, zones, bases) -> None:
        cell_geom = self.own_cell_geom()
        self.worked[b] = arrangement.block_faces(self.blocks[b], cell_geom, self.options.tile_size, zones, bases)

    def own_cell_geom(self):
        """This thread's prepared copy of the cell: GEOS prepared geometries are not thread-safe, and the
        blocks of one cell run on both threads."""
        geom = getattr(self._local, "geom", None)
        if geom is None:
            geom = shapely.from_wkb(geo.to_wkb(self.cell.geom))
            shapely.prepare(geom)
            self._local.geom = geom
        return geom

    def assemble(self, table: _ZoneTable) -> None:
        """Join the blocks' faces and edges, and label every face."""
        blocks = [b for b in self.worked if b is not None]
        self.worked = []
        offsets = np.concatenate([[0], np.cumsum([len(b.faces) for b in blocks])]).astype(np.int64)
        zone_face, zone_of = _pairs([b.zone_pairs for b in blocks], offsets)
        base_face, base_of = _pairs([b.base_pairs for b in blocks], offsets)
        edges = arrangement.cell_edges(blocks, offsets)
        faces = np.concatenate([b.faces for b in blocks]) if blocks else np.empty(0, dtype=object)
        self.arr = _Faces(
            faces=faces,
            area=np.concatenate([b.area for b in blocks]) if blocks else np.empty(0),
            zone_face=zone_face,
            zone_of=zone_of,
            edges=edges,
            inner=edges.b >= 0,
            tree=shapely.STRtree(faces),
        )
        n = len(faces)

        zone_class = np.full(n, GENERAL, dtype=np.int64)
        np.minimum.at(zone_class, zone_face, table.zone_class[zone_of])
        self.arr.hard = np.zeros(n, dtype=bool)
        self.arr.hard[zone_face[table.hard[zone_of]]] = True
        if self.options.method == FITTING:
            face_class = self._fitted_classes(zone_class, base_face, base_of)
        else:
            face_class = zone_class
        face_class[self.arr.hard] = PRIORITY

        dev = np.asarray([table.group[z] is not None for z in self.arr.zone_of], dtype=bool)
        dev_order = sorted({table.group[z] for z in self.arr.zone_of[dev]})
        split = bool(self.options.profile["split_key_by_development"])
        self.split_order = dev_order if split else []
        self.labels = [(PRIORITY, "")] + [(KEY, name) for name in self.split_order] + [(KEY, ""), (GENERAL, "")]
        first_group = np.full(n, len(self.split_order), dtype=np.int64)
        if self.split_order:
            rank = {name: i for i, name in enumerate(self.split_order)}
            group_rank = np.asarray([rank[table.group[z]] for z in self.arr.zone_of[dev]], dtype=np.int64)
            np.minimum.at(first_group, self.arr.zone_face[dev], group_rank)
        self.arr.label = np.where(
            face_class == PRIORITY, 0, np.where(face_class == KEY, 1 + first_group, len(self.labels) - 1)
        ).astype(np.int64)

    def _fitted_classes(self, zone_class, base_face, base_of) -> np.ndarray:
        """Class every base polygon by its share of priority and key ground; ground no base
        covers is fitted by its connected pieces."""
        n = len(self.arr.faces)
        covered = np.zeros(n, dtype=bool)
        covered[base_face] = True
        if not covered.all():
            rest = np.flatnonzero(~covered)
            inner = self.arr.inner & ~covered[self.arr.edges.a] & ~covered[np.maximum(self.arr.edges.b, 0)]
            piece = arrangement.components(n, self.arr.edges.a[inner], self.arr.edges.b[inner])
            next_id = int(base_of.max()) + 1 if len(base_of) else 0
            _ids, dense = np.unique(piece[rest], return_inverse=True)
            base_face = np.concatenate([base_face, rest])
            base_of = np.concatenate([base_of, next_id + dense.reshape(-1)])
        bases, which = np.unique(base_of, return_inverse=True)
        which = which.reshape(-1)
        area = self.arr.area[base_face]
        total = np.bincount(which, weights=area, minlength=len(bases))
        p_area = np.bincount(which, weights=area * (zone_class[base_face] == PRIORITY), minlength=len(bases))
        k_area = np.bincount(which, weights=area * (zone_class[base_face] == KEY), minlength=len(bases))
        fitted = np.asarray([self._fit_class(*v) for v in zip(total, p_area, k_area)], dtype=np.int64)
        self.fit_priority = bool((fitted == PRIORITY).any())
        face_class = np.full(n, GENERAL, dtype=np.int64)
        np.minimum.at(face_class, base_face, fitted[which])
        return face_class

    def _fit_class(self, area: float, p_area: float, k_area: float) -> int:
        """Priority when priority ground covers more than the threshold share, key likewise."""
        threshold = self.options.fit_threshold
        key_threshold = self.options.fit_key_threshold
        if key_threshold is None:
            key_threshold = threshold
        if area <= 0:
            return GENERAL
        if 100.0 * p_area / area > threshold:
            return PRIORITY
        if 100.0 * k_area / area > key_threshold:
            return KEY
        return GENERAL

    def label_faces(self, table: _ZoneTable) -> None:
        """Faces joined and labelled, fragments merged, and each edge's labels noted."""
        self.assemble(table)
        self.merge_fragments()
        self.outline()

    def merge_fragments(self) -> None:
        """Parts (faces of one label joined by edges) below the minimum area join a neighbour."""
        min_m2 = self.options.min_area_km2 * 1e6
        if min_m2 <= 0 or len(self.arr.faces) == 0:
            return
        a, b = self.arr.edges.a[self.arr.inner], self.arr.edges.b[self.arr.inner]
        length = self.arr.edges.lengths()[self.arr.inner]
        same = self.arr.label[a] == self.arr.label[b]
        part = arrangement.components(len(self.arr.faces), a[same], b[same])
        n_parts = int(part.max()) + 1
        part_area = np.bincount(part, weights=self.arr.area, minlength=n_parts)
        small = part_area < min_m2
        if not small.any():
            return
        part_label = np.zeros(n_parts, dtype=np.int64)
        part_label[part] = self.arr.label
        hard_m2 = np.bincount(part, weights=self.arr.area * self.arr.hard, minlength=n_parts)
        pa, pb, length = part[a[~same]], part[b[~same]], length[~same]
        wanted = small[pa] | small[pb]
        pa, pb, length = pa[wanted], pb[wanted], length[wanted]
        borders_of: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for p, q, m in zip(pa.tolist(), pb.tolist(), length.tolist()):
            if small[p]:
                borders_of[p][q] += m
            if small[q]:
                borders_of[q][p] += m
        order = np.lexsort((-self.arr.area, part))
        biggest = order[np.r_[True, part[order][1:] != part[order][:-1]]]
        positions: dict[int, tuple] = {}

        def position(p: int) -> tuple:
            if p not in positions:
                positions[p] = geo.sort_point(self.arr.faces[biggest[p]])
            return positions[p]

        self.fragments, new_label = fragments.merge_fragments(
            part_area.tolist(),
            part_label.tolist(),
            (hard_m2 > PROTECTED_MIN_M2).tolist(),
            borders_of,
            position,
            self.labels,
            min_m2,
        )
        for record in self.fragments:
            record["county_code"] = self.cell.county_code
        self.arr.label = np.asarray(new_label, dtype=np.int64)[part]

    def outline(self) -> None:
        """The label on each side of every edge, once the labels are final."""
        self.arr.label_a = self.arr.label[self.arr.edges.a]
        self.arr.label_b = np.where(self.arr.inner, self.arr.label[np.maximum(self.arr.edges.b, 0)], -1)

    def dissolve(self, label: int) -> None:
        """A unit's polygons from the edges that part its faces from other ground."""
        if not (self.arr.label == label).any():
            self.geoms.pop(label, None)
            return
        border = (self.arr.label_a == label) != (self.arr.label_b == label)

        def inside(points):
            where, face = self.arr.tree.query(points, predicate="intersects")
            hit = np.zeros(len(points), dtype=bool)
            hit[where[self.arr.label[face] == label]] = True
            return hit

        seg = self.arr.edges.seg[border]
        theirs = self.arr.label_a[border] != label  # the segment is directed for the face across
        seg[theirs] = seg[theirs][:, [2, 3, 0, 1]]
        geom = arrangement.polygons_from_edges(seg, inside)
        self.geoms[label] = shapely.normalize(geom)

    def build_units(self, table: _ZoneTable) -> None:
        self.result_units = self._units(table)
        self.arr = None  # done with: let the faces go before the next county's are made

    def _units(self, table: _ZoneTable) -> list[Unit]:
        arr, n_labels = self.arr, len(self.labels)
        hard_by_label = np.bincount(arr.label, weights=arr.area * arr.hard, minlength=n_labels)
        n_keys = max(len(table.keys), 1)
        face_key = np.unique(arr.zone_face * n_keys + table.key[arr.zone_of])
        face, key = face_key // n_keys, face_key % n_keys
        sums = np.bincount(arr.label[face] * n_keys + key, weights=arr.area[face], minlength=n_labels * n_keys)
        sums = sums.reshape(n_labels, n_keys)
        result = []
        for label, geom in sorted(self.geoms.items()):
            if geom.is_empty or geom.area <= 0:
                continue
            unit_class, group = self.labels[label]
            needed = min(MIN_ELEMENT_SHARE * geom.area, MIN_ELEMENT_M2)
            keys = [table.keys[k] for k in np.flatnonzero(sums[label] >= needed)]
            elements = list(dict.fromkeys((k[0], k[2], k[3]) for k in keys))
            area_m2 = self.area_calc.area_m2(geom, self.zone_epsg)
            result.append(
                Unit(
                    geom=geom,
                    unit_class=unit_class,
                    county_code=self.cell.county_code,
                    county_name=self.cell.county_name,
                    group=group,
                    rule=self._rule(unit_class, float(hard_by_label[label])),
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


def _pairs(parts: list[tuple], offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not parts:
        none = np.empty(0, dtype=np.int64)
        return none, none.copy()
    faces = np.concatenate([f + o for (f, _z), o in zip(parts, offsets)])
    return faces.astype(np.int64), np.concatenate([z for _f, z in parts]).astype(np.int64)


# --- codes and names -----------------------------------------------------------------------


def _assign_codes(units: list[Unit], previous: list[PreviousUnit], profile: dict) -> list[Message]:
    template = profile["code_template"]
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
                if seq > len(members) + len(taken_codes):  # the template ignores seq: no free code will come
                    raise DeriveError("EZ-P004", path=profile["id"], template=template)
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
    template = profile["name_template"]
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
