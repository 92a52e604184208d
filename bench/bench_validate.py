"""make bench (second part): validateplan on a province-sized plan against plain QGIS.

The plan (bench/generate_plan.py: 40 counties, 3,000 units, about 2.8 million vertices, one
planted gap and one planted overlap) is cached under bench/data/. Each side runs in its own
process, in the same run:

  ecozone   ecozone:validateplan (every check, error layer)
  plain     what a user does in plain QGIS for the same questions: Check validity (GEOS), Dissolve
            by county then Difference from the boundary (gaps), Union of the layer with itself
            (overlaps)

and prints wall time, peak memory and the ratio; the plain chain stops at --limit seconds.

    python bench/bench_validate.py [--counties 40] [--limit 900]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run_bench import compare, run_child  # noqa: E402

ECOZONE_CHILD = """
answer = processing.run("ecozone:validateplan", {"PLAN": spec["plan"], "OUTPUT_ERRORS": spec["out"] + "/findings.gpkg"})
extra = {"errors": answer["ERRORS"], "warnings": answer["WARNINGS"]}
"""

PLAIN_CHILD = """
units = spec["plan"] + "|layername=control_units"
boundary = spec["plan"] + "|layername=admin_boundary"
processing.run("qgis:checkvalidity", {"INPUT_LAYER": units, "METHOD": 2, "VALID_OUTPUT": "TEMPORARY_OUTPUT",
    "INVALID_OUTPUT": "TEMPORARY_OUTPUT", "ERROR_OUTPUT": "TEMPORARY_OUTPUT"})
dissolved = processing.run("native:dissolve", {"INPUT": units, "FIELD": ["county_code"],
    "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
gaps = processing.run("native:difference", {"INPUT": boundary, "OVERLAY": dissolved,
    "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
pieces = processing.run("native:union", {"INPUT": units, "OUTPUT": spec["out"] + "/plain_overlaps.gpkg"})["OUTPUT"]
extra = {"gap_features": gaps.featureCount()}
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counties", type=int, default=40)
    parser.add_argument("--limit", type=float, default=900.0, help="seconds the plain-QGIS chain may take")
    args = parser.parse_args(argv)
    from generate_plan import cached_plan, fresh_folder

    plan, info = cached_plan(args.counties)
    runs = fresh_folder(plan.parent / "runs")
    spec = {"plan": str(plan), "out": str(runs)}
    print(f"validation: {info['units']} units in {info['counties']} counties, {info['vertices']} vertices", flush=True)
    eco = run_child(ECOZONE_CHILD, spec, args.limit)
    print(
        f"  ecozone:validateplan {eco['seconds']:8.1f} s  peak {eco['peak_mb']:7.0f} MB  "
        f"{eco['errors']} errors, {eco['warnings']} warnings",
        flush=True,
    )
    plain = run_child(PLAIN_CHILD, spec, args.limit)
    compare("plain QGIS checks", plain, eco, "{gap_features} gap features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
