"""Small hand-made layouts in real CGCS2000 / GK CM 105E coordinates (metres)."""

from __future__ import annotations

import shapely
from shapely.geometry import box

from ecozone_plugin.core.derive.units import AdminArea, DeriveOptions, Zone, derive_units
from ecozone_plugin.core.profile import load_profile

X0, Y0 = 500_000.0, 3_300_000.0
PROFILE = load_profile("default")
# The first grouping: one unit per class and county, key ground of each development zone apart.
BY_COUNTY = {
    **PROFILE,
    "grouping": {"1": "county", "2": ["development", "county"], "3": "county"},
    "name_template": "{county_name}{group}{class_label}",
}


def rect(x0, y0, x1, y1):
    """A rectangle given in km from the origin of the test area."""
    return box(X0 + x0 * 1000, Y0 + y0 * 1000, X0 + x1 * 1000, Y0 + y1 * 1000)


def zone(geom, element, zone_class, subtype, name="", code=""):
    return Zone(geom=geom, element=element, zone_class=zone_class, subtype=subtype, zone_name=name, zone_code=code)


def county(geom, code="500101", name="甲区", split=None):
    return AdminArea(geom=geom, county_code=code, county_name=name, split_value=split)


def run(admin, zones, method="overlay", min_area=0.0, tile_size=3000.0, base_units=None, previous=None, **kw):
    options = DeriveOptions(
        profile=kw.pop("profile", PROFILE),
        working_epsg=4544,
        method=method,
        min_area_km2=min_area,
        tile_size=tile_size,
        **kw,
    )
    return derive_units(admin, zones, options, base_units=base_units, previous_units=previous)


def by_code(result):
    return {u.unit_code: u for u in result.units}


def area_km2(geom):
    return shapely.area(geom) / 1e6
