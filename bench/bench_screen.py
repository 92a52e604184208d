"""make bench (third part): ecozone:screensite on the 3,000-unit bench plan against plain QGIS.

The plan is bench/generate_plan.py's (40 counties, 3,000 units), with admission clauses that
name industries added to a copy: a city prohibition of 化工 (26), a city restriction of 水泥 (3011)
and, in every tenth unit, a unit clause 禁止新建电镀项目 whose code (3360) is proposed from its
wording. 10,000 point sites and 1,000 polygon sites (squares of 200–800 m) with industries drawn
from a fixed list are placed at random over the plan (seeded). Each side runs in its own process:

  ecozone   ecozone:screensite on the points, then on the polygons (verdicts, reasons, hits)
  plain     what a user does in plain QGIS: Join attributes by location (sites x units, one row
            per unit), then the field calculator for a verdict from the unit class; it cannot read
            the admission list, so it answers less

    python bench/bench_screen.py [--counties 40] [--limit 600]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from run_bench import compare, run_child  # noqa: E402

INDUSTRIES = ("2614", "3011", "3360", "4411", "1713", "26", "7820", "3130", "9999", "")

ECOZONE_CHILD = """
extra = {}
for kind in ("points", "polygons"):
    answer = processing.run("ecozone:screensite", {"PLAN": spec["plan"], "SITES": spec[kind],
        "INDUSTRY_FIELD": "industry", "NAME_FIELD": "name", "OUTPUT": spec["out"] + f"/eco_{kind}.gpkg",
        "OUTPUT_SITES": spec["out"] + f"/eco_{kind}_sites.gpkg"})
    from qgis.core import QgsVectorLayer
    extra[kind] = QgsVectorLayer(answer["OUTPUT_SITES"], "s", "ogr").featureCount()
"""

PLAIN_CHILD = """
units = spec["plan"] + "|layername=control_units"
extra = {}
for kind in ("points", "polygons"):
    joined = processing.run("native:joinattributesbylocation", {"INPUT": spec[kind], "JOIN": units, "PREDICATE": [0],
        "METHOD": 0, "DISCARD_NONMATCHING": False, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    verdict = processing.run("native:fieldcalculator", {"INPUT": joined, "FIELD_NAME": "verdict", "FIELD_TYPE": 2,
        "FIELD_LENGTH": 20, "FORMULA": "CASE WHEN \\"unit_class\\" = 1 THEN '受限准入' WHEN \\"unit_class\\" IS NULL "
        "THEN '待补充信息' ELSE '判定通过' END", "OUTPUT": spec["out"] + f"/plain_{kind}.gpkg"})["OUTPUT"]
    extra[kind] = joined.featureCount()
"""


def prepare(counties: int) -> dict:
    """The bench plan with industry clauses, and the two site layers, cached under bench/data/."""
    from generate_plan import cached_plan, fresh_folder

    plan, _info = cached_plan(counties)
    data = plan.parent
    screen_plan = data / "screen_plan.gpkg"
    points, polygons = data / "sites_points.gpkg", data / "sites_polygons.gpkg"
    if not (screen_plan.exists() and points.exists() and polygons.exists()):
        _write_inputs(plan, screen_plan, points, polygons)
    runs = fresh_folder(data / "screen_runs")
    return {"plan": str(screen_plan), "points": str(points), "polygons": str(polygons), "out": str(runs)}


def _write_inputs(plan: Path, screen_plan: Path, points: Path, polygons: Path) -> None:
    from osgeo import ogr

    from ecozone_plugin.core.admission.clauses import Clause
    from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
    from ecozone_plugin.core.plan.store import ClauseChange

    partial = screen_plan.with_suffix(".part.gpkg")
    shutil.copy(plan, partial)
    store = GeoPackagePlanStore(partial)
    units = store.units()
    changes = [
        ClauseChange(
            "add",
            Clause(
                "city",
                "",
                1,
                "1-90",
                "禁止新建化工项目",
                industry_codes="26",
                clause_type="prohibit",
                type_inferred=False,
            ),
        ),
        ClauseChange(
            "add",
            Clause(
                "city",
                "",
                1,
                "1-91",
                "严格控制水泥产能",
                industry_codes="3011",
                clause_type="restrict",
                type_inferred=False,
            ),
        ),
    ]
    changes += [ClauseChange("add", Clause("unit", u.uid, 1, "1-99", "禁止新建电镀项目")) for u in units[::10]]
    store.apply(changes, "bench")
    partial.replace(screen_plan)
    source = ogr.Open(str(screen_plan))
    layer = source.GetLayerByName("control_units")
    x0, x1, y0, y1 = layer.GetExtent()
    srs = layer.GetSpatialRef().Clone()
    source = None
    rng = random.Random(11)
    for path, count, size in ((points, 10_000, 0.0), (polygons, 1_000, 1.0)):
        driver = ogr.GetDriverByName("GPKG")
        if path.exists():
            path.unlink()
        ds = driver.CreateDataSource(str(path))
        out = ds.CreateLayer("sites", srs, ogr.wkbPolygon if size else ogr.wkbPoint, ["SPATIAL_INDEX=YES"])
        for name, kind in (("name", ogr.OFTString), ("industry", ogr.OFTString)):
            out.CreateField(ogr.FieldDefn(name, kind))
        out.StartTransaction()
        for n in range(count):
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            feature = ogr.Feature(out.GetLayerDefn())
            feature.SetField("name", f"项目{n + 1}")
            feature.SetField("industry", INDUSTRIES[n % len(INDUSTRIES)])
            if size:
                side = rng.uniform(200.0, 800.0)
                wkt = f"POLYGON(({x} {y},{x + side} {y},{x + side} {y + side},{x} {y + side},{x} {y}))"
            else:
                wkt = f"POINT({x} {y})"
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
            out.CreateFeature(feature)
        out.CommitTransaction()
        ds = None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=40)
    parser.add_argument("--limit", type=float, default=600.0, help="seconds the plain-QGIS chain may take")
    args = parser.parse_args(argv)
    spec = prepare(args.counties)
    print("screening: 10,000 point sites and 1,000 polygon sites against the 3,000-unit bench plan", flush=True)
    eco = run_child(ECOZONE_CHILD, spec, args.limit)
    print(
        f"  ecozone:screensite   {eco['seconds']:8.1f} s  peak {eco['peak_mb']:7.0f} MB  "
        f"{eco['points']} + {eco['polygons']} sites judged",
        flush=True,
    )
    plain = run_child(PLAIN_CHILD, spec, args.limit)
    compare("plain join + calc", plain, eco, "{points} + {polygons} joined rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
