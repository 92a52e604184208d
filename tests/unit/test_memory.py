"""memory.release gives the pages of freed GEOS objects back to the system (glibc's malloc_trim)."""

from __future__ import annotations

import sys

import numpy as np
import shapely

from ecozone_plugin.core import memory


def resident_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


def test_release_returns_the_pages_of_freed_geometries():
    assert sys.platform.startswith("linux") and memory._trim is not None  # CI and Debian: glibc
    polygons = list(shapely.buffer(shapely.points(np.random.default_rng(1).random((300_000, 2))), 1.0, quad_segs=4))
    kept = polygons[::200]  # a few survive all over the heap, so it cannot simply shrink from its top
    del polygons
    before = resident_mb()
    memory.release()
    after = resident_mb()
    assert before - after > 30, (before, after)
    assert len(kept) == 1500
