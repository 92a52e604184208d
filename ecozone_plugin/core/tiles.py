"""The ground of one cell (a county, or a county and a split value), computed tile by tile.

A cell is cut by a fixed square grid in absolute coordinates. In every tile the zones are
clipped, each subtype's zones are united, and the ground is classed by precedence with set
algebra on the 1 mm grid: priority = priority and hard-priority zones; key = key zones less
priority; general = the rest of the cell. Small geometries make every operation cheap, tiles
run on both cores, and the pieces of one unit are joined again by ``dissolve_tiles``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import box

from . import geometry as geo
from .classes import ELEMENTS, GENERAL, KEY, PRIORITY

TILE_SIZE = 3000.0  # metres
BIG_SHARE = 0.02  # zones larger than this share of a tile are united first


@dataclass
class Piece:
    """One polygon of one label inside one tile."""

    tile: int
    label: int
    geom: object
    area: float
    hard_m2: float = 0.0


@dataclass
class TileGround:
    box: object
    ground: object  # the cell inside the tile
    priority: object = geo.EMPTY
    hard: object = geo.EMPTY
    key: object = geo.EMPTY
    development: dict = field(default_factory=dict)  # group name -> geometry
    subtypes: list = field(default_factory=list)  # ((class, rank, element, subtype), geometry)
    bases: list = field(default_factory=list)  # (base index, geometry)


def tile_boxes(cell_geom, size: float = TILE_SIZE) -> list:
    x0, y0, x1, y1 = cell_geom.bounds
    shapely.prepare(cell_geom)
    boxes = []
    for iy in range(int(np.floor(y0 / size)), int(np.floor(y1 / size)) + 1):
        for ix in range(int(np.floor(x0 / size)), int(np.floor(x1 / size)) + 1):
            tile = box(ix * size, iy * size, (ix + 1) * size, (iy + 1) * size)
            if shapely.intersects(cell_geom, tile):
                boxes.append(tile)
    return boxes


def smart_union(geoms: np.ndarray, tile_area: float):
    """Union that joins the large polygons first, drops small ones they contain, and passes
    polygons that touch nothing else through untouched (most small patches)."""
    if len(geoms) == 0:
        return geo.EMPTY
    if len(geoms) == 1:
        return geo.polygonal(geoms[0])
    areas = shapely.area(geoms)
    big = areas >= BIG_SHARE * tile_area
    if big.any() and (~big).any():
        united = geo.polygonal(shapely.union_all(geoms[big], grid_size=geo.GRID))
        shapely.prepare(united)
        rest = geoms[~big]
        rest = rest[~shapely.contains(united, rest)]
        if len(rest) == 0:
            return united
        geoms = np.concatenate([np.asarray([united], dtype=object), rest])
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    touching = np.zeros(len(geoms), dtype=bool)
    touching[left[left != right]] = True
    alone = [g for g in shapely.set_precision(geoms[~touching], geo.GRID) if not g.is_empty]
    if touching.any():
        alone.append(geo.polygonal(shapely.union_all(geoms[touching], grid_size=geo.GRID)))
    parts = [p for g in alone for p in geo.parts(geo.polygonal(g))]
    if len(parts) == 1:
        return parts[0]
    return shapely.MultiPolygon(parts)


def _union_parts(geoms: list, tile_area: float):
    """Union of already-united subtype grounds, taken apart so that smart_union can skip work."""
    if not geoms:
        return geo.EMPTY
    if len(geoms) == 1:
        return geoms[0]
    parts = [p for g in geoms for p in geo.parts(g)]
    return smart_union(np.asarray(parts, dtype=object), tile_area)


def compute_tile(tile, cell_geom, zones, zone_geoms, tree, bases=None) -> TileGround:
    """Clip the zones to one tile and class its ground."""
    cell_inside = shapely.contains(cell_geom, tile)
    ground = tile if cell_inside else geo.intersection(cell_geom, tile)
    result = TileGround(box=tile, ground=ground)
    if ground.is_empty:
        return result
    idx = np.sort(tree.query(tile))
    bounds = tile.bounds
    tile_area = tile.area
    by_subtype: dict[tuple, list] = defaultdict(list)
    dev: dict[str, list] = defaultdict(list)
    if len(idx):
        clipped = shapely.clip_by_rect(zone_geoms[idx], *bounds)
        for i, geom in zip(idx, clipped):
            geom = geo.polygonal(geom)
            if geom.is_empty or geom.area <= 0:
                continue
            zone = zones[i]
            rank = ELEMENTS.index(zone.element) if zone.element in ELEMENTS else len(ELEMENTS)
            by_subtype[(zone.zone_class, rank, zone.element, zone.subtype, zone.hard)].append(geom)
            if zone.element == "development":
                dev[zone.zone_name or zone.zone_code or zone.subtype].append(geom)
    hard_parts, priority_parts, key_parts = [], [], []
    merged: dict[tuple, list] = defaultdict(list)
    for key in sorted(by_subtype):
        united = smart_union(np.asarray(by_subtype[key], dtype=object), tile_area)
        if not cell_inside:
            united = geo.intersection(united, ground)
        if united.is_empty:
            continue
        zone_class, rank, element, subtype, hard = key
        merged[(zone_class, rank, element, subtype)].append(united)
        if hard:
            hard_parts.append(united)
        if zone_class == PRIORITY:
            priority_parts.append(united)
        elif zone_class == KEY:
            key_parts.append(united)
    result.subtypes = [(k, v[0] if len(v) == 1 else geo.union(v)) for k, v in sorted(merged.items())]
    result.hard = _union_parts(hard_parts, tile_area)
    result.priority = _union_parts(priority_parts, tile_area)
    key = _union_parts(key_parts, tile_area)
    if not key.is_empty and not result.priority.is_empty:
        shapely.prepare(result.priority)
        if shapely.contains(result.priority, key):
            key = geo.EMPTY
        else:
            key = geo.difference(key, result.priority)
    result.key = key
    for name, geoms in dev.items():
        united = geo.union(geoms)
        if not cell_inside:
            united = geo.intersection(united, ground)
        if not united.is_empty:
            result.development[name] = united
    if bases is not None:
        base_geoms, base_tree = bases
        for j in np.sort(base_tree.query(tile)):
            piece = geo.intersection(base_geoms[j], ground)
            if not piece.is_empty and piece.area > 0:
                result.bases.append((int(j), piece))
    return result


def split_key(key_ground, development: dict, order: list[str]) -> list[tuple[str, object]]:
    """Key ground inside each development group (in order) first, the rest last."""
    out = []
    rest = key_ground
    for name in order:
        dev = development.get(name)
        if dev is None or rest.is_empty:
            continue
        inside = geo.intersection(rest, dev)
        if inside.area > 0:
            out.append((name, inside))
            rest = geo.difference(rest, dev)
    if not rest.is_empty and rest.area > 0:
        out.append(("", rest))
    return out


def _classed(tile: TileGround, priority, key, general, split_order: list[str]):
    """(class, group, geometry) of one tile: key ground split by development group."""
    out = [(PRIORITY, "", priority)]
    out += [(KEY, name, g) for name, g in split_key(key, tile.development, split_order)]
    out.append((GENERAL, "", general))
    return out


def overlay_ground(tile: TileGround, split_order: list[str]):
    """(class, group, geometry) of one tile by the overlay method."""
    if tile.ground.is_empty:
        return []
    general = geo.difference(tile.ground, geo.union([tile.priority, tile.key]))
    return _classed(tile, tile.priority, tile.key, general, split_order)


def fitting_ground(tile: TileGround, base_class: dict, split_order: list[str]):
    """(class, group, geometry) of one tile by the fitting method, hard ground carved out."""
    if tile.ground.is_empty:
        return []
    by_class = {PRIORITY: [tile.hard], KEY: [], GENERAL: []}
    for j, piece in tile.bases:
        by_class[base_class[j]].append(piece)
    priority = geo.union(by_class[PRIORITY])
    key = geo.difference(geo.union(by_class[KEY]), tile.hard)
    general = geo.difference(geo.union(by_class[GENERAL]), tile.hard)
    return _classed(tile, priority, key, general, split_order)


def base_shares(tiles: list[TileGround]) -> dict[int, list[float]]:
    """Per base polygon: [area, priority area, key area] summed over tiles."""
    shares: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for tile in tiles:
        for j, piece in tile.bases:
            s = shares[j]
            s[0] += piece.area
            if not tile.priority.is_empty:
                s[1] += geo.intersection(piece, tile.priority).area
            if not tile.key.is_empty:
                s[2] += geo.intersection(piece, tile.key).area
    return shares


def tile_pieces(tile_index: int, tile: TileGround, ground, labels: dict) -> list[Piece]:
    """Single polygons of each label in a tile, with the hard ground they hold."""
    pieces = []
    for unit_class, group, geom in ground:
        label = labels[(unit_class, group)]
        for part in geo.parts(geom):
            area = part.area
            if area <= 0:
                continue
            hard_m2 = 0.0
            if unit_class == PRIORITY and not tile.hard.is_empty and shapely.intersects(part, tile.hard):
                hard_m2 = geo.intersection(part, tile.hard).area
            pieces.append(Piece(tile_index, label, part, area, hard_m2))
    return pieces


def element_subtypes(pieces: list[Piece], tiles: list[TileGround], needed: dict[int, float]) -> dict[int, set]:
    """Per label, the subtype keys whose ground inside it reaches needed[label] m².

    Overlaps are summed tile by tile and a pair stops being measured once it qualifies.
    """
    by_tile_label: dict[tuple, list] = defaultdict(list)
    for piece in pieces:
        by_tile_label[(piece.tile, piece.label)].append(piece.geom)
    sums: dict[tuple, float] = defaultdict(float)
    found: dict[int, set] = defaultdict(set)
    for (t, label), geoms in sorted(by_tile_label.items(), key=lambda item: item[0]):
        ground = geoms[0] if len(geoms) == 1 else shapely.MultiPolygon(geoms)
        shapely.prepare(ground)
        for key, subtype_geom in tiles[t].subtypes:
            if key in found[label] or not shapely.intersects(ground, subtype_geom):
                continue
            sums[(label, key)] += geo.intersection(ground, subtype_geom).area
            if sums[(label, key)] >= needed[label]:
                found[label].add(key)
    return found
