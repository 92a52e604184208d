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
from typing import NamedTuple

import numpy as np
import shapely

from .. import memory
from ..classes import CLASS_LABELS, ELEMENTS, GENERAL, KEY, PRIORITY, class_label
from ..messages import EcoZoneError, Message
from ..profile import grouping_rules, name_template
from ..progress import Progress
from ..zones import geometry as geo
from ..zones.crs import AreaCalculator
from . import arrangement, borders, fragments

OVERLAY, FITTING = "overlay", "fitting"
UID_NAMESPACE = uuid.UUID("6f1c2d1e-3a5b-4c7d-9e8f-0a1b2c3d4e5f")
MIN_ELEMENT_SHARE = 0.01
MIN_ELEMENT_M2 = 10_000.0
SLIVER_M2 = 1.0  # merged fragments below this are overlay noise, counted rather than listed
PROTECTED_MIN_M2 = fragments.PROTECTED_MIN_M2
PLACE_ZONE_SHARE = 0.5  # a named zone covering this share of a unit gives it its place name
PLACE_TOWNSHIP_SHARE = 0.1  # else the townships holding this share of it
PLACE_TOWNSHIPS = 3  # at most so many, then 等


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
    split_name: str = ""


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
    group: str  # the development zone whose key ground it is, or ""
    rule: str
    method: str
    split_value: object = None
    elements: list = field(default_factory=list)
    area_km2: float = 0.0
    unit_code: str = ""
    unit_name: str = ""
    unit_uid: str = ""
    subclass: str = ""
    townships: list = field(default_factory=list)  # names of the split areas it covers, largest first
    place: str = ""  # what {place} says in its name

    @property
    def elements_text(self) -> str:
        return "; ".join(subtype for _c, _e, subtype in self.elements)

    @property
    def townships_text(self) -> str:
        return ";".join(self.townships)


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
class _Split:
    value: str
    name: str
    geom: object


@dataclass
class _Cell:
    county_code: str
    county_name: str
    geom: object
    splits: list = field(default_factory=list)  # _Split: the townships (split values) of the county


class _Label(NamedTuple):
    """What the faces of one unit share: class (first, as fragments.py reads it), development
    zone, split value, region."""

    unit_class: int
    group: str = ""
    split: str = ""
    region: int = 0


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
    """Control units of every county in admin_areas, grouped, coded and named per the profile."""
    progress = progress or Progress()
    if options.method not in (OVERLAY, FITTING):
        raise DeriveError("EZ-D015", method=options.method)
    if not admin_areas:
        raise DeriveError("EZ-D014")
    hard_subtypes = set(options.profile["hard_priority_subtypes"])
    zones = _canonical_zones(zones, hard_subtypes)
    table = _ZoneTable(zones, set(options.profile["place_elements"]))
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
    progress.check()
    borders.share_vertices([work.result_units for work in cells], [work.exterior for work in cells])

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
    """One cell per county; the split values (townships) inside it are kept as its split areas."""
    grouped: dict[str, list[AdminArea]] = defaultdict(list)
    for area in admin_areas:
        grouped[area.county_code].append(area)
    cells = []
    for county_code, members in sorted(grouped.items()):
        members = [members[i] for i in geo.canonical_order([a.geom for a in members], [()] * len(members))]
        names = sorted({a.county_name for a in members if a.county_name})
        geom = geo.union([a.geom for a in members])
        if geom.is_empty:
            continue
        by_value: dict[str, list[AdminArea]] = defaultdict(list)
        for area in members:
            if area.split_value not in (None, ""):
                by_value[str(area.split_value)].append(area)
        splits = []
        for value, parts in sorted(by_value.items()):
            split_names = sorted({a.split_name for a in parts if a.split_name})
            splits.append(_Split(value, split_names[0] if split_names else "", geo.union([a.geom for a in parts])))
        cells.append(_Cell(county_code, names[0] if names else county_code, geom, splits))
    return cells


class _ZoneTable:
    """Per zone, as arrays: class, hard flag, subtype key, development group and name."""

    def __init__(self, zones: list[Zone], place_elements: set[str]):
        zone_keys = [_subtype_key(z) for z in zones]
        self.keys = sorted(set(zone_keys))
        key_id = {k: i for i, k in enumerate(self.keys)}
        self.zone_class = np.asarray([z.zone_class for z in zones], dtype=np.int64)
        self.hard = np.asarray([z.hard for z in zones], dtype=bool)
        self.key = np.asarray([key_id[k] for k in zone_keys], dtype=np.int64)
        self.group = [z.zone_name or z.zone_code or z.subtype if z.element == "development" else None for z in zones]
        self.group_subtype: dict[str, str] = {}
        for zone, group in zip(zones, self.group):
            if group is not None:
                self.group_subtype.setdefault(group, zone.subtype)
        hard_keys = {key_id[k] for k, z in zip(zone_keys, zones) if z.hard}
        self.key_hard = np.asarray([i in hard_keys for i in range(len(self.keys))], dtype=bool)
        # Places by name: a water source's protection zones of one name are one place. Only zones
        # of the profile's place elements name places (a park, a reserve; not a water control unit).
        placed = [z.zone_name if z.zone_name and z.element in place_elements else "" for z in zones]
        self.names = sorted({name for name in placed if name})
        name_id = {n: i for i, n in enumerate(self.names)}
        self.name = np.asarray([name_id.get(name, -1) for name in placed], dtype=np.int64)


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
    made: np.ndarray = None  # why a face has its class: _OWN, _HARD_CARVE or _PRIORITY_CARVE
    split: np.ndarray = None  # the split area (township) of each face, -1 where none
    label: np.ndarray = None  # index into the cell's labels
    label_a: np.ndarray = None  # label on each side of every edge (-1: outside the cell)
    label_b: np.ndarray = None


# Why a face has its class: its own zones or fitted base; hard ground carved out of a base of
# another class; priority ground carved out (fit_carve_priority_km2).
_OWN, _HARD_CARVE, _PRIORITY_CARVE = 0, 1, 2


class _CellWork:
    """Everything derived for one cell (a county), step by step, on the faces of its arrangement."""

    def __init__(self, cell: _Cell, options: DeriveOptions, area_calc: AreaCalculator):
        self.cell = cell
        self.options = options
        self.profile = options.profile
        self.area_calc = area_calc
        self.blocks = arrangement.tile_blocks(cell.geom, options.tile_size)
        self.worked: list = [None] * len(self.blocks)  # BlockFaces of each block
        self.labels: list[_Label] = []
        self.arr: _Faces | None = None  # the cell's faces and edges, until its units are built
        self.fragments: list[dict] = []
        self.geoms: dict[int, object] = {}
        self.result_units: list[Unit] = []
        self.exterior = np.empty((0, 2))  # the units' vertices on the edge of the cell
        self.zone_epsg = area_calc.zone_epsg_of(cell.geom)
        self.split_layer = None
        if cell.splits:
            split_geoms = np.asarray([s.geom for s in cell.splits], dtype=object)
            self.split_layer = (split_geoms, shapely.STRtree(split_geoms))
        self._local = threading.local()

    def compute(self, b, zones, bases) -> None:
        cell_geom = self.own_cell_geom()
        self.worked[b] = arrangement.block_faces(
            self.blocks[b], cell_geom, self.options.tile_size, zones, bases, self.split_layer
        )

    def own_cell_geom(self):
        """This thread's prepared copy of the cell: GEOS prepared geometries are not thread-safe, and the
        blocks of one cell run on both threads."""
        geom = getattr(self._local, "geom", None)
        if geom is None:
            geom = shapely.from_wkb(geo.to_wkb(self.cell.geom))
            shapely.prepare(geom)
            self._local.geom = geom
        return geom

    # --- classes and labels -------------------------------------------------------------------

    def assemble(self, table: _ZoneTable) -> None:
        """Join the blocks' faces and edges, class every face, and give it its first label."""
        blocks = [b for b in self.worked if b is not None]
        self.worked = []
        offsets = np.concatenate([[0], np.cumsum([len(b.faces) for b in blocks])]).astype(np.int64)
        zone_face, zone_of = _pairs([b.zone_pairs for b in blocks], offsets)
        base_face, base_of = _pairs([b.base_pairs for b in blocks], offsets)
        split_face, split_of = _pairs([b.split_pairs for b in blocks], offsets)
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
            face_class, made = self._fitted_classes(zone_class, base_face, base_of)
        else:
            face_class, made = zone_class, np.full(n, _OWN, dtype=np.int8)
        made[self.arr.hard & (face_class != PRIORITY)] = _HARD_CARVE
        face_class[self.arr.hard] = PRIORITY
        self.arr.made = made

        n_splits = len(self.cell.splits)
        split = np.full(n, n_splits, dtype=np.int64)
        np.minimum.at(split, split_face, split_of)
        self.arr.split = self._fill_splits(np.where(split < n_splits, split, -1))

        dev = np.asarray([table.group[z] is not None for z in zone_of], dtype=bool)
        dev_order = sorted({table.group[z] for z in zone_of[dev]})
        first_group = np.full(n, len(dev_order), dtype=np.int64)
        if dev_order:
            rank = {name: i for i, name in enumerate(dev_order)}
            group_rank = np.asarray([rank[table.group[z]] for z in zone_of[dev]], dtype=np.int64)
            np.minimum.at(first_group, zone_face[dev], group_rank)
        first_group[first_group == len(dev_order)] = -1
        self._first_labels(face_class, first_group, dev_order)

    def _fill_splits(self, split: np.ndarray) -> np.ndarray:
        """A face no split area holds (a sliver along a township border, whose inner point fell
        outside) takes the split area across its longest edge."""
        if not self.cell.splits:
            return split
        a, b = self._inner()
        length = self.arr.edges.lengths()[self.arr.inner]
        for _round in range(8):
            missing = split < 0
            if not missing.any():
                break
            face = np.concatenate([a, b])
            other = np.concatenate([b, a])
            lengths = np.concatenate([length, length])
            usable = missing[face] & ~missing[other]
            if not usable.any():
                break
            face, other, lengths = face[usable], other[usable], lengths[usable]
            order = np.lexsort((other, -lengths, face))
            first = order[np.r_[True, face[order][1:] != face[order][:-1]]]
            split = split.copy()
            split[face[first]] = split[other[first]]
        return split

    def _rules(self, unit_class: int) -> tuple[bool, str]:
        return grouping_rules(self.profile, unit_class, bool(self.cell.splits))

    def _first_labels(self, face_class: np.ndarray, first_group: np.ndarray, dev_order: list) -> None:
        """Labels by class, development zone and split value, as the profile's grouping asks;
        regions are found later, once fragments have joined their neighbours."""
        split_all = bool(self.profile["split_all_classes"]) and bool(self.cell.splits)
        group = np.full(len(face_class), -1, dtype=np.int64)
        split = np.full(len(face_class), -1, dtype=np.int64)
        for unit_class in CLASS_LABELS:
            development, rest = self._rules(unit_class)
            of_class = face_class == unit_class
            if development:
                group[of_class] = first_group[of_class]
            by_split = of_class & (split_all | ((rest == "split") & (group < 0)))
            split[by_split] = self.arr.split[by_split]
        rows, inverse = np.unique(np.column_stack([face_class, group, split]), axis=0, return_inverse=True)
        self.labels = [
            _Label(
                int(c),
                dev_order[g] if g >= 0 else "",
                self.cell.splits[sp].value if sp >= 0 else "",
            )
            for c, g, sp in rows.tolist()
        ]
        self.arr.label = inverse.reshape(-1).astype(np.int64)

    def _fitted_classes(self, zone_class, base_face, base_of) -> tuple[np.ndarray, np.ndarray]:
        """Class every base polygon by its share of priority and key ground; ground no base
        covers is fitted by its connected pieces. Large pieces of priority ground in a base of
        another class are carved out when the profile says so."""
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
        face_class = np.full(n, GENERAL, dtype=np.int64)
        np.minimum.at(face_class, base_face, fitted[which])
        made = np.full(n, _OWN, dtype=np.int8)
        carve_km2 = self.profile.get("fit_carve_priority_km2")
        if carve_km2:
            face_base = np.full(n, len(bases), dtype=np.int64)
            np.minimum.at(face_base, base_face, which)
            candidate = (zone_class == PRIORITY) & (face_class != PRIORITY)
            a, b = self._inner()
            joined = candidate[a] & candidate[b] & (face_base[a] == face_base[b])
            piece = arrangement.components(n, a[joined], b[joined])
            piece_area = np.bincount(piece, weights=self.arr.area * candidate)
            carved = candidate & (piece_area[piece] >= float(carve_km2) * 1e6)
            face_class[carved] = PRIORITY
            made[carved] = _PRIORITY_CARVE
        return face_class, made

    def _fit_class(self, area: float, p_area: float, k_area: float) -> int:
        """Priority when priority ground covers more than the threshold share (whatever the key
        share), else key likewise."""
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
        """Faces joined and labelled, fragments merged, regions grouped, and each edge's labels noted."""
        self.assemble(table)
        for _round in range(3):  # ground moved back inside its split area may leave new fragments
            self.merge_fragments()
            if not self.keep_inside_splits():
                break
        self.group_regions()
        self.outline()

    def merge_fragments(self) -> None:
        """Parts (faces of one label joined by edges) below the minimum area join a neighbour."""
        min_m2 = self.options.min_area_km2 * 1e6
        if min_m2 <= 0 or len(self.arr.faces) == 0:
            return
        a, b = self._inner()
        length = self.arr.edges.lengths()[self.arr.inner]
        same = self.arr.label[a] == self.arr.label[b]
        part, part_label, part_area = self._parts()
        n_parts = len(part_label)
        small = part_area < min_m2
        if not small.any():
            return
        hard_m2 = np.bincount(part, weights=self.arr.area * self.arr.hard, minlength=n_parts)
        # Ground cut by split value (townships) stays inside it: no border across one counts there.
        bound = np.asarray([lab.split != "" for lab in self.labels], dtype=bool)
        la, lb = self.arr.label[a], self.arr.label[b]
        across = (bound[la] | bound[lb]) & (self.arr.split[a] != self.arr.split[b])
        apart = ~same & ~across
        pa, pb, length = part[a[apart]], part[b[apart]], length[apart]
        wanted = small[pa] | small[pb]
        pa, pb, length = pa[wanted], pb[wanted], length[wanted]
        borders_of: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for p, q, m in zip(pa.tolist(), pb.tolist(), length.tolist()):
            if small[p]:
                borders_of[p][q] += m
            if small[q]:
                borders_of[q][p] += m
        biggest = self._biggest_faces(part)

        positions: dict[int, tuple] = {}

        def position(p: int) -> tuple:
            if p not in positions:
                positions[p] = geo.sort_point(self.arr.faces[biggest[p]])
            return positions[p]

        records, new_label = fragments.merge_fragments(
            part_area.tolist(),
            part_label.tolist(),
            (hard_m2 > PROTECTED_MIN_M2).tolist(),
            borders_of,
            position,
            self.labels,
            min_m2,
        )
        for record in records:
            record["county_code"] = self.cell.county_code
        self.fragments.extend(records)
        self.arr.label = np.asarray(new_label, dtype=np.int64)[part]

    def keep_inside_splits(self) -> bool:
        """Ground of a label cut by split value that ended in another split area (a fragment
        that joined across, with what it had taken in) goes to its own split area's label;
        whether any did."""
        if not self.cell.splits or len(self.arr.faces) == 0:
            return False
        index = {s.value: i for i, s in enumerate(self.cell.splits)}
        label_split = np.asarray([index.get(lab.split, -1) for lab in self.labels], dtype=np.int64)
        wrong = np.flatnonzero(
            (label_split[self.arr.label] >= 0) & (self.arr.split >= 0) & (label_split[self.arr.label] != self.arr.split)
        )
        if len(wrong) == 0:
            return False
        position = {lab: i for i, lab in enumerate(self.labels)}
        for face in wrong.tolist():
            old = self.labels[self.arr.label[face]]
            lab = old._replace(split=self.cell.splits[self.arr.split[face]].value)
            if lab not in position:
                position[lab] = len(self.labels)
                self.labels.append(lab)
            self.arr.label[face] = position[lab]
        return True

    def _inner(self) -> tuple[np.ndarray, np.ndarray]:
        """The two faces of every edge inside the cell."""
        return self.arr.edges.a[self.arr.inner], self.arr.edges.b[self.arr.inner]

    def _parts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(part of every face, label of every part, area of every part): parts are the faces of
        one label joined by edges."""
        a, b = self._inner()
        same = self.arr.label[a] == self.arr.label[b]
        part = arrangement.components(len(self.arr.faces), a[same], b[same])
        n_parts = int(part.max()) + 1
        part_label = np.zeros(n_parts, dtype=np.int64)
        part_label[part] = self.arr.label
        return part, part_label, np.bincount(part, weights=self.arr.area, minlength=n_parts)

    def _biggest_faces(self, part: np.ndarray) -> np.ndarray:
        """The largest face of every part (its position is the part's)."""
        order = np.lexsort((-self.arr.area, part))
        return order[np.r_[True, part[order][1:] != part[order][:-1]]]

    def group_regions(self) -> None:
        """Final labels: one per label, except where the class groups by region: there each
        connected region is a unit, and a region below min_unit_km2 joins the nearest region of
        its label (the largest is kept when none is large enough)."""
        n = len(self.arr.faces)
        if n == 0:
            self.labels = []
            return
        part, part_label, part_area = self._parts()
        n_parts = len(part_label)
        by_region = [lab.group == "" and self._rules(lab.unit_class)[1] == "region" for lab in self.labels]
        min_m2 = float(self.profile["min_unit_km2"]) * 1e6
        biggest = self._biggest_faces(part)
        rim = self._rim_faces(part)
        target = np.arange(n_parts)  # the part whose unit each part joins
        for label in np.unique(part_label):
            parts = np.flatnonzero(part_label == label)
            if not by_region[label]:
                target[parts] = parts[0]
                continue
            large = parts[part_area[parts] >= min_m2]
            if len(large) == 0:
                large = parts[[int(np.argmax(part_area[parts]))]]
            small = np.setdiff1d(parts, large)
            if len(small):
                target[small] = self._nearest(part, small, large, biggest, rim)
        units, final = np.unique(target, return_inverse=True)  # one final label per part that is joined
        labels: list[_Label] = []
        regions: dict[int, int] = defaultdict(int)
        for p in units.tolist():
            old = self.labels[part_label[p]]
            if by_region[part_label[p]]:
                regions[part_label[p]] += 1
                old = old._replace(region=regions[part_label[p]])
            labels.append(old)
        self.labels = labels
        self.arr.label = final.reshape(-1)[part]

    def _rim_faces(self, part: np.ndarray) -> np.ndarray:
        """Whether each face lies on the rim of its part (an edge to another part or outside):
        the distance between two parts is the distance between faces of their rims."""
        edges, inner = self.arr.edges, self.arr.inner
        other = np.where(inner, part[np.maximum(edges.b, 0)], -1)
        differ = part[edges.a] != other
        rim = np.zeros(len(self.arr.faces), dtype=bool)
        rim[edges.a[differ]] = True
        rim[edges.b[differ & inner]] = True
        return rim

    def _nearest(
        self, part: np.ndarray, small: np.ndarray, large: np.ndarray, biggest: np.ndarray, rim: np.ndarray
    ) -> np.ndarray:
        """For each small part, the large part nearest to it (distance between their faces), ties
        broken by the large part's position."""
        faces = self.arr.faces
        is_large = np.zeros(int(part.max()) + 1, dtype=bool)
        is_large[large] = True
        is_small = np.zeros_like(is_large)
        is_small[small] = True
        large_faces = np.flatnonzero(is_large[part] & rim)
        small_faces = np.flatnonzero(is_small[part] & rim)
        (which, hit), dist = shapely.STRtree(faces[large_faces]).query_nearest(
            faces[small_faces], return_distance=True, all_matches=True
        )
        from_part, to_part = part[small_faces[which]], part[large_faces[hit]]
        position: dict[int, tuple] = {}
        best: dict[int, tuple] = {}
        for p, q, d in zip(from_part.tolist(), to_part.tolist(), dist.tolist()):
            if q not in position:
                position[q] = geo.sort_point(faces[biggest[q]])
            key = (round(d, 3), position[q], q)
            if p not in best or key < best[p]:
                best[p] = key
        return np.asarray([best[p][2] for p in small.tolist()], dtype=np.int64)

    def outline(self) -> None:
        """The label on each side of every edge, the edges of each label's border, the points
        every unit keeps (junctions), once the labels are final."""
        arr = self.arr
        if arr is None or len(arr.faces) == 0:
            return
        arr.label_a = arr.label[arr.edges.a]
        arr.label_b = np.where(arr.inner, arr.label[np.maximum(arr.edges.b, 0)], -1)
        border = np.flatnonzero(arr.label_a != arr.label_b)
        owner = np.concatenate([arr.label_a[border], arr.label_b[border]])
        edge = np.concatenate([border, border])
        flip = np.r_[np.zeros(len(border), dtype=bool), np.ones(len(border), dtype=bool)]
        own = owner >= 0
        order = np.argsort(owner[own], kind="stable")
        self.border_edge, self.border_flip = edge[own][order], flip[own][order]
        self.border_start = np.searchsorted(owner[own][order], np.arange(len(self.labels) + 1))
        self.fixed = arrangement.junctions(arr.edges.seg[border])

    def dissolve(self, label: int) -> None:
        """A unit's polygons from the edges that part its faces from other ground."""
        lo, hi = self.border_start[label], self.border_start[label + 1]
        if lo == hi:
            self.geoms.pop(label, None)
            return

        def inside(points):
            where, face = self.arr.tree.query(points, predicate="intersects")
            hit = np.zeros(len(points), dtype=bool)
            hit[where[self.arr.label[face] == label]] = True
            return hit

        seg = self.arr.edges.seg[self.border_edge[lo:hi]]
        theirs = self.border_flip[lo:hi]  # the segment is directed for the face across
        seg[theirs] = seg[theirs][:, [2, 3, 0, 1]]
        geom = arrangement.polygons_from_edges(seg, inside, self.fixed)
        self.geoms[label] = shapely.normalize(geom)

    def build_units(self, table: _ZoneTable) -> None:
        if self.arr is not None and len(self.arr.faces):
            self.result_units = self._units(table)
            self.exterior = borders.exterior_vertices(
                [u.geom for u in self.result_units], self.arr.edges.seg[~self.arr.inner]
            )
        self.arr = None  # done with: let the faces go before the next county's are made
        memory.release()  # and give what they held back, so counties do not pile up

    # --- the units ------------------------------------------------------------------------------

    def _units(self, table: _ZoneTable) -> list[Unit]:
        arr, n_labels = self.arr, len(self.labels)
        hard_by_label = np.bincount(arr.label, weights=arr.area * arr.hard, minlength=n_labels)
        fitted_by_label = np.bincount(arr.label, weights=arr.area * (arr.made != _HARD_CARVE), minlength=n_labels)
        key_label, key_of, key_area = _sums(arr.label, arr.zone_face, table.key[arr.zone_of], arr.area)
        label_class = np.asarray([lab.unit_class for lab in self.labels], dtype=np.int64)
        named = (table.name[arr.zone_of] >= 0) & (
            table.zone_class[arr.zone_of] == label_class[arr.label[arr.zone_face]]
        )  # a place is named after a zone of the unit's own class
        name_label, name_of, name_area = _sums(
            arr.label, arr.zone_face[named], table.name[arr.zone_of[named]], arr.area
        )
        with_split = np.flatnonzero(arr.split >= 0)
        split_label, split_of, split_area = _sums(arr.label, with_split, arr.split[with_split], arr.area)
        element_share = float(self.profile["element_min_share"])
        result = []
        for label, geom in sorted(self.geoms.items()):
            if geom.is_empty or geom.area <= 0:
                continue
            lab = self.labels[label]
            needed = min(MIN_ELEMENT_SHARE * geom.area, MIN_ELEMENT_M2)
            mine = key_label == label
            keys, areas = key_of[mine], key_area[mine]
            # a subtype is listed where it holds a real share of the unit, or hard ground at all
            listed = (areas >= element_share * geom.area) | (table.key_hard[keys] & (areas >= needed))
            elements = list(dict.fromkeys(table.keys[k][:1] + table.keys[k][2:] for k in keys[listed]))
            townships = self._townships(split_of[split_label == label], split_area[split_label == label], needed)
            area_m2 = self.area_calc.area_m2(geom, self.zone_epsg)
            result.append(
                Unit(
                    geom=geom,
                    unit_class=lab.unit_class,
                    county_code=self.cell.county_code,
                    county_name=self.cell.county_name,
                    group=lab.group,
                    rule=self._rule(lab.unit_class, float(hard_by_label[label]), float(fitted_by_label[label])),
                    method=self.options.method,
                    split_value=lab.split or None,
                    elements=elements,
                    area_km2=area_m2 / 1e6,
                    subclass=self._subclass(lab, keys, areas, table, float(hard_by_label[label])),
                    townships=[name for name, _share in townships],
                    place=self._place(
                        lab.unit_class,
                        geom.area,
                        name_of[name_label == label],
                        name_area[name_label == label],
                        table,
                        townships,
                    ),
                )
            )
        return result

    def _townships(self, splits: np.ndarray, areas: np.ndarray, needed: float) -> list[tuple[str, float]]:
        """(name, share) of the split areas a unit covers, largest first."""
        total = areas.sum()
        out = []
        for i in np.lexsort((splits, -areas)).tolist():
            if areas[i] >= needed and total > 0:
                split = self.cell.splits[int(splits[i])]
                out.append((split.name or split.value, float(areas[i] / total)))
        return out

    def _place(self, unit_class, area, names, name_areas, table, townships) -> str:
        """The named zone of the unit's class covering at least half of it; else the townships
        holding at least 10 % of it (at most three, then 等); else "" (the county)."""
        if len(names):
            best = int(np.lexsort((names, -name_areas))[0])
            if name_areas[best] >= PLACE_ZONE_SHARE * area:
                return table.names[int(names[best])]
        if self.cell.splits and any(s.name for s in self.cell.splits):
            held = [name for name, share in townships if share >= PLACE_TOWNSHIP_SHARE]
            if held:
                return "、".join(held[:PLACE_TOWNSHIPS]) + ("等" if len(held) > PLACE_TOWNSHIPS else "")
        return ""

    def _subclass(self, lab: _Label, keys, areas, table: _ZoneTable, hard_m2: float) -> str:
        """Key units: the development zone they follow, else the key subtype holding most of
        them; priority units: the hard zone kind, else the priority subtype holding most."""
        if lab.unit_class == GENERAL:
            return ""
        subtype = table.group_subtype.get(lab.group, "") if lab.group else ""
        if not subtype:
            wanted = np.asarray([table.keys[k][0] == lab.unit_class for k in keys.tolist()], dtype=bool)
            if lab.unit_class == PRIORITY and hard_m2 > PROTECTED_MIN_M2:
                wanted &= table.key_hard[keys]
            if wanted.any():
                order = np.lexsort((keys[wanted], -areas[wanted]))
                subtype = table.keys[int(keys[wanted][order[0]])][3]
        labels = self.profile["subclass_labels"]
        return labels.get(subtype, subtype)

    def _rule(self, unit_class: int, hard_m2: float, fitted_m2: float) -> str:
        if self.options.method == OVERLAY:
            if unit_class == PRIORITY:
                return "hard_priority" if hard_m2 > PROTECTED_MIN_M2 else "priority_zone"
            return "key_zone" if unit_class == KEY else "general_rest"
        if unit_class == PRIORITY:
            return "fit_priority" if fitted_m2 > PROTECTED_MIN_M2 else "hard_priority"
        return "fit_key" if unit_class == KEY else "fit_general"

    def cell_area_km2(self) -> float:
        return self.area_calc.area_m2(self.cell.geom, self.zone_epsg) / 1e6

    def messages(self) -> list[Message]:
        """One message per fragment merged or kept, except the slivers under 1 m² the overlay
        leaves where layers nearly share a border: those are counted in one message."""
        out = []
        sliver = [f["merged"] and f["area_m2"] < SLIVER_M2 for f in self.fragments]
        slivers = [f for f, is_sliver in zip(self.fragments, sliver) if is_sliver]
        for frag in (f for f, is_sliver in zip(self.fragments, sliver) if not is_sliver):
            params = {
                "county": self.cell.county_name,
                "area_m2": frag["area_m2"],
                "area": _area_text(frag["area_m2"]),
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
        if slivers:
            total = sum(f["area_m2"] for f in slivers)
            params = {"county": self.cell.county_name, "count": len(slivers), "area": _area_text(total)}
            out.append(Message("EZ-D024", {**params, "area_m2": total}))
        return out


def _area_text(area_m2: float) -> str:
    """An area in m² as a message shows it: whole square metres, and never 0 for some ground."""
    if area_m2 >= 10:
        return f"{area_m2:.0f}"
    return f"{area_m2:.2g}" if area_m2 > 0 else "0"


def _sums(face_label, faces, other, area) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(label, other, area) of the ground each label shares with each value of other (given per
    face in faces), each pair once."""
    if len(faces) == 0:
        none = np.empty(0, dtype=np.int64)
        return none, none.copy(), np.empty(0)
    width = int(other.max()) + 1
    pair = np.unique(faces.astype(np.int64) * width + other)  # a face counts once for each value
    face, value = pair // width, pair % width
    label = face_label[face]
    combined, inverse = np.unique(label * width + value, return_inverse=True)
    total = np.bincount(inverse.reshape(-1), weights=area[face])
    return combined // width, combined % width, total


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
    """Names from the class's template; a number is added only where two names would repeat."""
    seq: dict[tuple, int] = defaultdict(int)
    for unit in sorted(units, key=lambda u: u.unit_code):
        template = name_template(profile, unit.unit_class)
        seq[(unit.county_code, unit.unit_class)] += 1
        with_county = "{county_name}" in template
        unit.unit_name = template.format(
            county_name=unit.county_name,
            county_code=unit.county_code,
            place=_place_text(unit.place, unit.county_name, with_county),
            class_label=class_label(unit.unit_class),
            subclass_label=unit.subclass,
            n=seq[(unit.county_code, unit.unit_class)],
            group=_without_county(unit.group, unit.county_name) if with_county else unit.group,
            split=unit.split_value or "",
        )
    counts: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        counts[unit.unit_name].append(unit)
    taken = set(counts)
    for name, same in sorted(counts.items()):
        if len(same) > 1:
            n = 0
            for unit in sorted(same, key=lambda u: u.unit_code):
                while True:
                    n += 1
                    numbered = f"{name}{n}"
                    if numbered not in taken:
                        break
                unit.unit_name = numbered
                taken.add(numbered)


def _place_text(place: str, county_name: str, with_county: bool) -> str:
    """What {place} says: the place (the county where there is none), without the county's name
    where the name already begins with it."""
    if not with_county:
        return place or county_name
    return _without_county(place, county_name)


def _without_county(text: str, county_name: str) -> str:
    if county_name and text.startswith(county_name) and text != county_name:
        return text[len(county_name) :]
    return text
