"""A province-sized plan for the validation benchmark (seeded, deterministic).

Counties are 40 km squares side by side; each is cut into about 75 units by the Voronoi
cells of random points, with edges split every 20 m (so a unit has about 900 vertices, as
real boundaries do). Units get a class, a code by the default template, names and areas; the
city list has a clause in every dimension. Two problems are planted to be found: a unit
shrunk by 30 m (a gap) and one grown by 30 m into its neighbours (overlaps).

    python bench/generate_plan.py OUT.gpkg --counties 40
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPoint, box

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecozone_plugin.core.admission.clauses import Clause  # noqa: E402
from ecozone_plugin.core.plan.create import create_plan  # noqa: E402
from ecozone_plugin.core.plan.store import ClauseChange, PlanData  # noqa: E402

X0, Y0, SIDE = 360_000.0, 3_000_000.0, 40_000.0
CLASS_NAMES = {1: "优先保护单元", 2: "重点管控单元", 3: "一般管控单元"}


def county_units(index: int, square, rng: random.Random, units: int, segment: float):
    points = MultiPoint(
        [
            (rng.uniform(square.bounds[0], square.bounds[2]), rng.uniform(square.bounds[1], square.bounds[3]))
            for _ in range(units)
        ]
    )
    cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=square.buffer(SIDE)))
    cells = [shapely.intersection(c, square, grid_size=0.001) for c in cells]
    return [shapely.segmentize(c, segment) for c in cells if not c.is_empty and c.area > 0]


def generate(path: Path, counties: int, units_per_county: int = 75, segment: float = 20.0, seed: int = 7) -> dict:
    rng = random.Random(seed)
    columns = int(np.ceil(np.sqrt(counties)))
    unit_rows, boundary_rows = [], []
    vertices = 0
    for n in range(counties):
        col, row = n % columns, n // columns
        square = box(X0 + col * SIDE, Y0 + row * SIDE, X0 + (col + 1) * SIDE, Y0 + (row + 1) * SIDE)
        county_code = f"{500101 + n}"
        county_name = f"第{n + 1}区"
        boundary_rows.append(({"county_code": county_code, "county_name": county_name}, shapely.to_wkb(square)))
        seq = {1: 0, 2: 0, 3: 0}
        for cell in county_units(n, square, rng, units_per_county, segment):
            unit_class = rng.choice((1, 2, 3))
            seq[unit_class] += 1
            vertices += shapely.get_num_coordinates(cell)
            unit_rows.append(
                (
                    {
                        "unit_uid": str(uuid.UUID(int=rng.getrandbits(128))),
                        "unit_code": f"ZH{county_code}{unit_class}{seq[unit_class]:04d}",
                        "unit_name": f"{county_name}{CLASS_NAMES[unit_class]}{seq[unit_class]}",
                        "unit_class": unit_class,
                        "county_code": county_code,
                        "county_name": county_name,
                        "elements": "",
                        "rule": "general_rest",
                        "area_km2": round(cell.area / 1e6, 6),
                        "method": "overlay",
                    },
                    cell,
                )
            )
    # two planted problems: a gap and an overlap
    shrunk_attrs, shrunk = unit_rows[10]
    unit_rows[10] = (shrunk_attrs, shrunk.buffer(-30))
    grown_attrs, grown = unit_rows[200]
    unit_rows[200] = (grown_attrs, shapely.intersection(grown.buffer(30), box(*grown.buffer(30).bounds)))
    for attrs, geom in (unit_rows[10], unit_rows[200]):
        attrs["area_km2"] = round(geom.area / 1e6, 6)
    data = PlanData(
        crs="EPSG:4543",  # CGCS2000 GK CM 102E: the whole grid lies in its 3-degree zone
        units=[(a, shapely.to_wkb(g)) for a, g in unit_rows],
        boundary=boundary_rows,
        info={"county_codes": ";".join(a["county_code"] for a, _ in boundary_rows), "min_area_km2": "0"},
    )
    path.unlink(missing_ok=True)
    store = create_plan(path, data)
    store.apply([ClauseChange("add", Clause("city", "", d, f"{d}-1", f"全市第{d}维度要求")) for d in (1, 2, 3, 4)])
    return {"units": len(unit_rows), "counties": counties, "vertices": int(vertices)}


def cached_plan(counties: int) -> tuple[Path, dict]:
    """The bench plan of this many counties under bench/data/plan_<n>/ (made once) and its facts."""
    import json

    data = Path(__file__).resolve().parent / "data" / f"plan_{counties}"
    data.mkdir(parents=True, exist_ok=True)
    plan, info_file = data / "province.gpkg", data / "plan.json"
    if not info_file.exists():
        print(f"generating a plan of {counties} counties under {data.relative_to(ROOT)} ...", flush=True)
        info_file.write_text(json.dumps(generate(plan, counties)), encoding="utf-8")
    return plan, json.loads(info_file.read_text(encoding="utf-8"))


def fresh_folder(folder: Path) -> Path:
    """An empty folder for one benchmark run's outputs."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--counties", type=int, default=40)
    args = parser.parse_args(argv)
    print(generate(Path(args.out), args.counties))
    return 0


if __name__ == "__main__":
    sys.exit(main())
