"""make bench (fourth part): ecozone:compareversions on two versions of the 3,000-unit bench plan.

The newer version is a copy of bench/generate_plan.py's plan in which every tenth unit is
reshaped (grown by 60 m into its neighbours, which lose that ground) and every twentieth changes
class (seeded). Each side runs in its own process:

  ecozone   ecozone:compareversions (change layer, report .html and .xlsx)
  plain     what a user does in plain QGIS: Union of the two unit layers, the field calculator for
            the transition (old class -> new class), then Dissolve by transition

    python bench/bench_compare.py [--counties 40] [--limit 600]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from run_bench import compare, run_child  # noqa: E402

ECOZONE_CHILD = """
answer = processing.run("ecozone:compareversions", {"OLD": spec["old"], "NEW": spec["new"],
    "OUTPUT": spec["out"] + "/changes.gpkg", "OUTPUT_REPORT": spec["out"] + "/changes.html"})
from qgis.core import QgsVectorLayer
extra = {"pieces": QgsVectorLayer(answer["OUTPUT"], "c", "ogr").featureCount(), "losses": answer["PRIORITY_LOSSES"]}
"""

PLAIN_CHILD = """
old = spec["old"] + "|layername=control_units"
new = spec["new"] + "|layername=control_units"
union = processing.run("native:union", {"INPUT": old, "OVERLAY": new, "OVERLAY_FIELDS_PREFIX": "new_",
    "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
calc = processing.run("native:fieldcalculator", {"INPUT": union, "FIELD_NAME": "transition", "FIELD_TYPE": 2,
    "FIELD_LENGTH": 10, "FORMULA": "coalesce(\\"unit_class\\", 0) || '-' || coalesce(\\"new_unit_class\\", 0)",
    "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
dissolved = processing.run("native:dissolve", {"INPUT": calc, "FIELD": ["transition"],
    "OUTPUT": spec["out"] + "/plain_transitions.gpkg"})["OUTPUT"]
extra = {"pieces": union.featureCount()}
"""


def prepare(counties: int) -> dict:
    from generate_plan import cached_plan, fresh_folder

    plan, _info = cached_plan(counties)
    data = plan.parent
    newer = data / "province_v2.gpkg"
    if not newer.exists():
        _write_newer(plan, newer)
    runs = fresh_folder(data / "compare_runs")
    return {"old": str(plan), "new": str(newer), "out": str(runs)}


def _write_newer(plan: Path, newer: Path) -> None:
    import shapely
    from osgeo import ogr

    partial = newer.with_suffix(".part.gpkg")
    shutil.copy(plan, partial)
    ds = ogr.Open(str(partial), 1)
    layer = ds.GetLayerByName("control_units")
    features = [
        (f.GetFID(), f.GetField("unit_class"), shapely.from_wkb(bytes(f.GetGeometryRef().ExportToIsoWkb())))
        for f in layer
    ]
    grown = {fid: shapely.buffer(g, 60.0) for n, (fid, _c, g) in enumerate(features) if n % 10 == 0}
    growth = shapely.union_all(list(grown.values()))
    ds.StartTransaction()
    shapely.prepare(growth)
    for n, (fid, unit_class, geometry) in enumerate(features):
        reshaped = fid in grown or shapely.intersects(growth, geometry)
        if not reshaped and n % 20 != 5:
            continue  # the other units stay as they were, bit for bit, as in a real update
        feature = layer.GetFeature(fid)
        if reshaped:
            shape = grown[fid] if fid in grown else shapely.difference(geometry, growth)
            feature.SetGeometry(
                ogr.CreateGeometryFromWkb(shapely.to_wkb(shapely.make_valid(shape), output_dimension=2))
            )
        if n % 20 == 5:
            feature.SetField("unit_class", 3 if unit_class != 3 else 1)
        layer.SetFeature(feature)
    ds.CommitTransaction()
    ds = None
    partial.replace(newer)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=40)
    parser.add_argument("--limit", type=float, default=600.0, help="seconds the plain-QGIS chain may take")
    args = parser.parse_args(argv)
    spec = prepare(args.counties)
    print("comparison: two versions of the 3,000-unit bench plan, one tenth of the units reshaped", flush=True)
    eco = run_child(ECOZONE_CHILD, spec, args.limit)
    print(
        f"  ecozone:compareversions {eco['seconds']:5.1f} s  peak {eco['peak_mb']:7.0f} MB  "
        f"{eco['pieces']} changed pieces, {eco['losses']} priority losses",
        flush=True,
    )
    plain = run_child(PLAIN_CHILD, spec, args.limit)
    compare("plain union + calc + dissolve", plain, eco, "{pieces} union pieces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
