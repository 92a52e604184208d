"""make bench: deriveunits against the way a user would do the job in plain QGIS.

Generates N sample-sized districts side by side (scale 1 ≈ 20,000 input polygons and 2
million vertices per district; cached under bench/data/), standardizes their layers once,
then runs, each in its own process and in the same run:

  ecozone   ecozone:deriveunits (overlay, MIN_AREA 0.1 km², townships as SPLIT_FIELD, the
            national grouping), and once more with every class grouped by county (the grouping
            of earlier versions): the difference is what grouping costs; the time spent
            matching the counties' border vertices is reported too
  plain     fix geometries, native:union chained over the layers and the boundary, the class
            by precedence with the field calculator, dissolve by county and class, then
            eliminate parts below 0.1 km² (qgis:eliminateselectedpolygons, which needs a
            selection and so runs through processing.run, not qgis_process)

and prints wall time, peak memory, CPU use (CPU time over wall time: 200 % keeps both of
two cores busy) and the ratio. The plain chain stops at --limit seconds;
then the ratio is reported as "at least".

    python bench/run_bench.py --scale 1 [--limit 1800]
    python bench/run_bench.py --scale 30 --limit 900   # a whole city (make bench BENCH_SCALE=30)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

CHILD_PRELUDE = """
import sys, time, json, resource
sys.path.insert(0, {root!r} + "/scripts")
from headless import start_qgis
app, provider = start_qgis()
import processing
spec = json.loads({spec!r})
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu_before = usage.ru_utime + usage.ru_stime
started = time.perf_counter()
"""

CHILD_END = """
usage = resource.getrusage(resource.RUSAGE_SELF)
seconds = time.perf_counter() - started
print("RESULT", json.dumps({"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024,
      "cpu_percent": 100.0 * (usage.ru_utime + usage.ru_stime - cpu_before) / max(seconds, 1e-9), **extra}))
"""

ECOZONE_CHILD = """
from ecozone_plugin.core.derive import borders, units as derive_module
matching = []
def timed_share(*args, _share=borders.share_vertices):
    begun = time.perf_counter()
    _share(*args)
    matching.append(time.perf_counter() - begun)
derive_module.borders.share_vertices = timed_share
answer = processing.run("ecozone:deriveunits", {"BOUNDARY": spec["boundary"], "COUNTY_CODE_FIELD": "区县代码",
    "COUNTY_NAME_FIELD": "区县名称", "SPLIT_FIELD": "乡镇代码", "SPLIT_NAME_FIELD": "乡镇名称",
    "ZONES": spec["zones"], "MIN_AREA": 0.1, "PROFILE": spec["profile"],
    "OUTPUT": spec["out"] + "/ecozone_" + spec["label"] + ".gpkg"})
from qgis.core import QgsVectorLayer
units = QgsVectorLayer(answer["OUTPUT"], "u", "ogr")
extra = {"units": units.featureCount(), "matching": sum(matching)}
"""

PLAIN_CHILD = """
from qgis.core import QgsVectorLayer, QgsFeatureRequest, QgsExpression
fixed = [processing.run("native:fixgeometries", {"INPUT": p, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
         for p in [spec["boundary"]] + spec["zones"]]
current = fixed[0]
for n, layer in enumerate(fixed[1:]):
    current = processing.run("native:union", {"INPUT": current, "OVERLAY": layer,
        "OUTPUT": spec["out"] + f"/plain_union_{n}.gpkg"})["OUTPUT"]
layer = QgsVectorLayer(current, "u", "ogr")
class_fields = [f.name() for f in layer.fields() if f.name().startswith("zone_class")]
least = "least(" + ", ".join(f'coalesce("{f}", 3)' for f in class_fields) + ")"
expression = "if(\\"区县代码\\" is null, null, " + least + ")"
classed = processing.run("native:fieldcalculator", {"INPUT": current, "FIELD_NAME": "unit_class", "FIELD_TYPE": 1,
    "FORMULA": expression, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
inside = processing.run("native:extractbyexpression", {"INPUT": classed, "EXPRESSION": "\\"区县代码\\" is not null",
    "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
dissolved = processing.run("native:dissolve", {"INPUT": inside, "FIELD": ["区县代码", "unit_class"],
    "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
single = processing.run("native:multiparttosingleparts", {"INPUT": dissolved, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
single.selectByExpression("$area < 100000")
eliminated = processing.run("qgis:eliminateselectedpolygons", {"INPUT": single, "MODE": 2,
    "OUTPUT": spec["out"] + "/plain.gpkg"})["OUTPUT"]
extra = {"units": QgsVectorLayer(eliminated, "e", "ogr").featureCount()}
"""


def prepare(scale: int, detail: float) -> dict:
    """Generated districts and their standardized layers (cached)."""
    from generate_district import generate

    data = HERE / "data" / f"scale{scale}_detail{detail:g}"
    source = data / "source"
    zones_dir = data / "zones"
    done = data / "ready.json"
    if done.exists():
        return json.loads(done.read_text(encoding="utf-8"))
    print(f"generating {scale} district(s) under {data.relative_to(ROOT)} ...", flush=True)
    summary = generate(source, scale=scale, detail=detail)
    zones_dir.mkdir(parents=True, exist_ok=True)
    code = (
        CHILD_PRELUDE.format(root=str(ROOT), spec=json.dumps({}))
        + f"""
import sample_spec
from pathlib import Path
folder = Path({str(source)!r})
for n, s in enumerate(sample_spec.load(folder)["sources"]):
    target = {str(zones_dir)!r} + f"/{{n:02d}}_{{s['element']}}.gpkg"
    processing.run("ecozone:standardizezones", sample_spec.standardize_parameters(s, folder, target))
"""
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"standardizing the benchmark layers failed:\n{proc.stderr[-4000:]}")
    ready = {
        "boundary": str(source / "乡镇街道.gpkg"),
        "zones": sorted(str(p) for p in zones_dir.glob("*.gpkg")),
        "polygons": sum(v["features"] for k, v in summary.items() if k not in ("counties", "乡镇街道")),
        "vertices": sum(v["vertices"] for k, v in summary.items() if k not in ("counties", "乡镇街道")),
    }
    done.write_text(json.dumps(ready, ensure_ascii=False), encoding="utf-8")
    return ready


def run_child(body: str, spec: dict, limit: float) -> dict:
    code = CHILD_PRELUDE.format(root=str(ROOT), spec=json.dumps(spec, ensure_ascii=False)) + body + CHILD_END
    started = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"seconds": time.perf_counter() - started, "timed_out": True}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"benchmark child failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--detail", type=float, default=1.0)
    parser.add_argument("--limit", type=float, default=1800.0, help="seconds the plain-QGIS chain may take")
    args = parser.parse_args(argv)
    data = prepare(args.scale, args.detail)
    out = HERE / "data" / "runs"
    out.mkdir(parents=True, exist_ok=True)
    spec = {"boundary": data["boundary"], "zones": data["zones"], "out": str(out)}
    print(
        f"scale {args.scale}: {data['polygons']} zone polygons, {data['vertices']} vertices, {os.cpu_count()} cores",
        flush=True,
    )
    eco = run_child(ECOZONE_CHILD, {**spec, "profile": "default", "label": "grouped"}, args.limit)
    report("ecozone:deriveunits", eco, f"{eco['units']} units, borders matched in {eco['matching']:.1f} s")
    by_county = run_child(ECOZONE_CHILD, {**spec, "profile": county_profile(out), "label": "county"}, args.limit)
    report("  grouped by county", by_county, f"{by_county['units']} units")
    print(f"  grouping adds {100.0 * (eco['seconds'] / by_county['seconds'] - 1):+.1f} %", flush=True)
    plain = run_child(PLAIN_CHILD, spec, args.limit)
    compare("plain QGIS chain", plain, eco, "{units} parts")
    return 0


def county_profile(folder: Path) -> str:
    """A profile that groups every class by county, as deriveunits did before grouping."""
    path = folder / "by_county.json"
    profile = {"id": "bench_by_county", "grouping": {"1": "county", "2": ["development", "county"], "3": "county"}}
    path.write_text(json.dumps(profile), encoding="utf-8")
    return str(path)


def report(label: str, run: dict, detail: str) -> None:
    print(
        f"  {label:<20} {run['seconds']:8.1f} s  peak {run['peak_mb']:7.0f} MB  "
        f"CPU {run['cpu_percent']:4.0f} %  {detail}",
        flush=True,
    )


def compare(label: str, plain: dict, eco: dict, detail: str = "") -> None:
    """Print the plain-QGIS side and the ratio (at least, when the plain side hit the time limit)."""
    if plain.get("timed_out"):
        print(f"  {label:<20} > {plain['seconds']:6.1f} s  (stopped at the limit)")
        print(f"  ratio: at least {plain['seconds'] / eco['seconds']:.1f}x faster")
        return
    print(
        f"  {label:<20} {plain['seconds']:8.1f} s  peak {plain['peak_mb']:7.0f} MB  CPU {plain['cpu_percent']:4.0f} %  "
        f"{detail.format(**plain)}"
    )
    ratio = plain["seconds"] / eco["seconds"]
    speed = f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x the plain time"
    print(
        f"  ratio (plain / EcoZone): {ratio:.2f} ({speed}), {plain['peak_mb'] / max(eco['peak_mb'], 1):.1f}x the memory"
    )


if __name__ == "__main__":
    sys.exit(main())
