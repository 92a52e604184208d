"""Which element zones each control unit holds (the plan's unit_zone table)."""

from __future__ import annotations

import shapely

from ..progress import Progress

MIN_OVERLAP_KM2 = 0.0001  # 100 m²: below this an overlap is a sliver of digitising, not provenance


def unit_zone_rows(
    units: list[tuple[str, object]],
    zones: list[tuple[dict, object]],
    progress: Progress | None = None,
    min_overlap_km2: float = MIN_OVERLAP_KM2,
) -> list[dict]:
    """Rows (unit_uid, element, subtype, zone_code, zone_name, overlap_km2), overlaps summed per zone identity.

    ``units`` are (uid, geometry) and ``zones`` (attributes, geometry), all in one planar CRS in metres.
    """
    progress = progress or Progress()
    if not units or not zones:
        return []
    unit_geoms = [g for _uid, g in units]
    tree = shapely.STRtree(unit_geoms)
    totals: dict[tuple, float] = {}
    for n, (attrs, geom) in enumerate(zones):
        if n % 100 == 0:
            progress.check()
            progress.set_progress(100.0 * n / len(zones))
        for index in tree.query(geom, predicate="intersects"):
            area = shapely.area(shapely.intersection(unit_geoms[index], geom, grid_size=0.001)) / 1e6
            if area <= 0:
                continue
            key = (
                units[index][0],
                attrs.get("element") or "",
                attrs.get("subtype") or "",
                attrs.get("zone_code") or "",
                attrs.get("zone_name") or "",
            )
            totals[key] = totals.get(key, 0.0) + area
    rows = [
        {
            "unit_uid": k[0],
            "element": k[1],
            "subtype": k[2],
            "zone_code": k[3],
            "zone_name": k[4],
            "overlap_km2": round(v, 6),
        }
        for k, v in totals.items()
        if v >= min_overlap_km2
    ]
    rows.sort(key=lambda r: (r["unit_uid"], r["element"], r["subtype"], r["zone_code"], r["zone_name"]))
    progress.set_progress(100)
    return rows
