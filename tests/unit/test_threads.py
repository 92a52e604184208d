"""GEOS prepared geometries and OGR transformations are not thread-safe: no two threads share one."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

from helpers import county, rect, run, zone

from ecozone_plugin.core.derive import arrangement
from ecozone_plugin.core.zones.crs import AreaCalculator


def test_the_blocks_of_one_county_never_share_its_prepared_geometry(monkeypatch):
    threads_of = defaultdict(set)
    real = arrangement.block_faces

    def recording(tiles, cell_geom, *args, **kwargs):
        threads_of[id(cell_geom)].add(threading.get_ident())
        time.sleep(0.005)  # let the other thread take the next block of the same county meanwhile
        return real(tiles, cell_geom, *args, **kwargs)

    monkeypatch.setattr(arrangement, "block_faces", recording)
    # one county of 8 x 8 km in tiles of 500 m: 16 blocks for two threads
    result = run(
        [county(rect(0, 0, 8, 8))], [zone(rect(1, 1, 3, 3), "water", 2, "水环境工业污染重点管控区")], tile_size=500.0
    )
    assert sum(u.area_km2 for u in result.units) == 64.0
    assert len(set().union(*threads_of.values())) == 2, "both threads worked blocks of the county"
    assert all(len(threads) == 1 for threads in threads_of.values())


def test_each_thread_measures_areas_with_its_own_transformation():
    calc = AreaCalculator(4544)  # CM 105E; a county in the zone of CM 108E is measured there
    seen = {}

    def measure(name):
        calc.area_m2(rect(0, 0, 1, 1), 4545)
        seen[name] = calc.transform_to(4545)

    workers = [threading.Thread(target=measure, args=(n,)) for n in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert seen["a"] is not seen["b"]
    assert calc.transform_to(4545) is calc.transform_to(4545)  # and each thread keeps its own
