"""A small plan of four units in two counties, known by hand."""

from __future__ import annotations

import shapely
from helpers import rect
from osgeo import gdal

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.create import create_plan
from ecozone_plugin.core.plan.store import ClauseChange, PlanData

# uid, code, name, class, county code, county name, rectangle in km
UNITS = (
    ("u-a1", "ZH50010110001", "甲区优先保护单元", 1, "500101", "甲区", (0, 0, 2, 2)),
    ("u-a2", "ZH50010120001", "甲区重点管控单元", 2, "500101", "甲区", (2, 0, 4, 2)),
    ("u-b2", "ZH50010220001", "乙区重点管控单元", 2, "500102", "乙区", (0, 2, 2, 4)),
    ("u-b3", "ZH50010230001", "乙区一般管控单元", 3, "500102", "乙区", (2, 2, 4, 4)),
)


def unit_rows() -> list[tuple[dict, object]]:
    """The four units as (attributes, shapely geometry)."""
    rows = []
    for uid, code, name, unit_class, county_code, county_name, box in UNITS:
        geom = rect(*box)
        rows.append(
            (
                {
                    "unit_uid": uid,
                    "unit_code": code,
                    "unit_name": name,
                    "unit_class": unit_class,
                    "county_code": county_code,
                    "county_name": county_name,
                    "elements": "生态保护红线" if unit_class == 1 else "",
                    "rule": {1: "priority_zone", 2: "key_zone", 3: "general_rest"}[unit_class],
                    "area_km2": geom.area / 1e6,
                    "method": "overlay",
                },
                geom,
            )
        )
    return rows


# What a filing needs (profile required_info), as an author fills it in the Filing dock.
FILING_INFO = {
    "province": "重庆市",
    "city": "重庆市",
    "compiled_by": "甲区生态环境局",
    "contact": "023-00000000",
    "plan_version": "2025",
}


def plan_data() -> PlanData:
    units = [(attrs, shapely.to_wkb(geom)) for attrs, geom in unit_rows()]
    boundary = [
        ({"county_code": "500101", "county_name": "甲区"}, shapely.to_wkb(rect(0, 0, 4, 2))),
        ({"county_code": "500102", "county_name": "乙区"}, shapely.to_wkb(rect(0, 2, 4, 4))),
    ]
    zones = [
        (
            {
                "element": "ecology",
                "zone_class": 1,
                "subtype": "生态保护红线",
                "zone_code": "HX01",
                "source_layer": "eco",
            },
            shapely.to_wkb(rect(0, 0, 1, 1)),
        )
    ]
    unit_zone = [
        {"unit_uid": "u-a1", "element": "ecology", "subtype": "生态保护红线", "zone_code": "HX01", "overlap_km2": 1.0}
    ]
    return PlanData(
        crs="EPSG:4544",
        units=units,
        boundary=boundary,
        zones=zones,
        unit_zone=unit_zone,
        info={
            "county_codes": "500101;500102",
            "county_names": "甲区;乙区",
            "min_area_km2": "0.1",
            **FILING_INFO,
        },
    )


def make_plan(path):
    return create_plan(path, plan_data(), author="tester")


def clause(level, scope, dimension, number, text, class_filter=None, **kw):
    return Clause(
        level=level, scope=scope, dimension=dimension, clause_no=number, text=text, class_filter=class_filter, **kw
    )


def downgrade_to_schema_1(path):
    """Make a plan look as the first EcoZone wrote it (schema 1: no industry codes, no log reasons, no
    townships, no clause tags or proposed codes, no change reasons, no clause or plan_info row versions)."""
    ds = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    for table, column in (
        ("admission_clause", "industry_codes"),
        ("admission_clause", "element_tag"),
        ("admission_clause", "clause_type"),
        ("admission_clause", "type_inferred"),
        ("admission_clause", "proposed_codes"),
        ("admission_clause", "row_version"),
        ("plan_info", "row_version"),
        ("change_log", "reason"),
        ("control_units", "townships"),
    ):
        layer = ds.GetLayerByName(table)
        assert layer.DeleteField(layer.GetLayerDefn().GetFieldIndex(column)) == 0
    names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
    assert ds.DeleteLayer(names.index("change_reason")) == 0
    ds.ExecuteSQL("UPDATE plan_info SET value = '1' WHERE key = 'schema_version'")
    ds = None


def add_clause(store, clause_to_add, author: str = "", reason: str = "") -> list[int]:
    """One clause added in its own write (the log ids)."""
    return store.apply([ClauseChange("add", clause_to_add)], author, reason)


def long_texts(plan) -> int:
    """How many unit texts of a plan are longer than a shapefile's 254 bytes (UTF-8): each is a
    warning of the check (EZ-A005)."""
    from osgeo import ogr

    source = ogr.Open(str(plan))  # keep the dataset while its layer is read
    layer = source.GetLayerByName("control_units")
    return sum(
        1
        for feature in layer
        for name in feature.keys()
        if isinstance(feature.GetField(name), str) and len(feature.GetField(name).encode("utf-8")) > 254
    )


def red_line_moved_off(store):
    """The update as a red-line adjustment: the hard zones over the plan's smallest priority unit are
    taken out of the plan's element zones, and the unit becomes general ground."""
    from osgeo import gdal, ogr

    from ecozone_plugin.core.classes import is_hard_zone
    from ecozone_plugin.core.profile import plan_profile

    profile = plan_profile(store)
    unit = min((u for u in store.units() if u.unit_class == 1), key=lambda u: u.area_km2)
    ds = gdal.OpenEx(store.path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    units = ds.GetLayerByName("control_units")
    units.SetAttributeFilter(f"unit_uid = '{unit.uid}'")
    feature = units.GetNextFeature()  # kept while its geometry is read
    shape = feature.GetGeometryRef().Clone()
    zones = ds.GetLayerByName("element_zones")
    zones.SetSpatialFilter(shape)
    hard = [f.GetFID() for f in zones if is_hard_zone(f.items(), profile) and f.GetGeometryRef().Intersects(shape)]
    for fid in hard:
        assert zones.DeleteFeature(fid) == ogr.OGRERR_NONE
    prefix = unit.code[:-5] + "3"  # ZH + county + class + number: the unit gets the next general code
    taken = [u.code for u in store.units() if u.code.startswith(prefix)]
    code = f"{prefix}{len(taken) + 1:04d}"
    ds.ExecuteSQL(f"UPDATE control_units SET unit_class = 3, unit_code = '{code}' WHERE unit_uid = '{unit.uid}'")
    ds = None
    return unit
