"""make bench (fifth part): the team store on PostGIS against the GeoPackage, side by side.

A PostgreSQL + PostGIS server of the bench's own is started (scripts/pg_server.py) and stopped.
Each side runs in its own process, in the same run:

  createplan    ecozone:createplan of the bundled sample (its derived units and zones) into a
                GeoPackage, and into a PostGIS schema (aim: at most 2x the GeoPackage time)
  effective     a unit's effective admission list read from the PostGIS copy of the 3,000-unit
                bench plan, for 50 units (aim: under 50 ms each)
  validateplan  ecozone:validateplan of that plan from the GeoPackage and from PostGIS
                (aim: within 1.5x)

    python bench/bench_postgis.py [--counties 40]
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from run_bench import run_child  # noqa: E402

SAMPLE_CHILD = """
sys.path.insert(0, {root!r} + "/scripts")
import sample_spec
from pathlib import Path
folder = Path({root!r}) / "resources" / "sample"
data = sample_spec.load(folder)
zones = [processing.run("ecozone:standardizezones", sample_spec.standardize_parameters(
    s, folder, spec["out"] + f"/zone_{{n}}.gpkg"))["OUTPUT"] for n, s in enumerate(data["sources"])]
units = processing.run("ecozone:deriveunits", sample_spec.derive_parameters(
    data, folder, zones, spec["out"] + "/units.gpkg"))["OUTPUT"]
boundary = data["boundary"]
extra = {{"units": units, "zones": zones, "boundary": str(folder / boundary["file"]),
         "code": boundary["county_code_field"], "name": boundary["county_name_field"]}}
"""

CREATE_CHILD = """
parameters = {"UNITS": spec["units"], "BOUNDARY": spec["boundary"], "COUNTY_CODE_FIELD": spec["code"],
              "COUNTY_NAME_FIELD": spec["name"], "ZONES": spec["zones"]}
parameters.update(spec["target"])
processing.run("ecozone:createplan", parameters)
extra = {}
"""

VALIDATE_CHILD = """
answer = processing.run("ecozone:validateplan", {"PLAN": spec["plan"]})
extra = {"errors": answer["ERRORS"], "warnings": answer["WARNINGS"]}
"""

EFFECTIVE_CHILD = """
import random
from ecozone_plugin.core.plan.address import open_store
store = open_store(spec["plan"])
uids = sorted(u.uid for u in store.units())
timings = []
for uid in random.Random(1).sample(uids, 50):
    begun = time.perf_counter()
    listed = store.effective_list(uid)
    timings.append(1000.0 * (time.perf_counter() - begun))
timings.sort()
extra = {"median_ms": timings[len(timings) // 2], "max_ms": timings[-1]}
"""


def line(label: str, run: dict, detail: str = "") -> None:
    print(f"  {label:<28} {run['seconds']:7.2f} s  peak {run['peak_mb']:6.0f} MB  {detail}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=40)
    args = parser.parse_args(argv)
    from generate_plan import cached_plan, fresh_folder
    from pg_server import Server

    from ecozone_plugin.core.plan.copy import copy_plan
    from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore

    plan, info = cached_plan(args.counties)
    runs = fresh_folder(plan.parent / "runs_postgis")
    server = Server()
    try:
        print(f"team store: PostgreSQL + PostGIS on 127.0.0.1:{server.port}", flush=True)
        sample = run_child(SAMPLE_CHILD.format(root=str(ROOT)), {"out": str(runs)}, 900)
        spec = {k: sample[k] for k in ("units", "zones", "boundary", "code", "name")}
        gpkg = run_child(CREATE_CHILD, {**spec, "target": {"OUTPUT": str(runs / "sample.gpkg")}}, 900)
        address = server.address(f"sample_{uuid.uuid4().hex[:6]}")
        pg = run_child(CREATE_CHILD, {**spec, "target": {"DATABASE": address, "OUTPUT": None}}, 900)
        line("createplan → GeoPackage", gpkg)
        line("createplan → PostGIS", pg, f"{pg['seconds'] / gpkg['seconds']:.2f}x the GeoPackage time (aim ≤ 2x)")

        bench_address = server.address("bench_plan")
        copy_plan(GeoPackagePlanStore(plan), bench_address)
        effective = run_child(EFFECTIVE_CHILD, {"plan": bench_address}, 900)
        print(
            f"  effective list (PostGIS)     median {effective['median_ms']:.1f} ms, "
            f"slowest {effective['max_ms']:.1f} ms over 50 of {info['units']} units (aim < 50 ms)",
            flush=True,
        )
        from_file = run_child(VALIDATE_CHILD, {"plan": str(plan)}, 900)
        from_db = run_child(VALIDATE_CHILD, {"plan": bench_address}, 900)
        line("validateplan ← GeoPackage", from_file, f"{from_file['errors']} errors")
        ratio = from_db["seconds"] / from_file["seconds"]
        line("validateplan ← PostGIS", from_db, f"{from_db['errors']} errors; {ratio:.2f}x (aim ≤ 1.5x)")
        print(json.dumps({"create_ratio": pg["seconds"] / gpkg["seconds"], "validate_ratio": ratio}), flush=True)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
