"""The plan's tables as stored: the schema version, each table's fields with their OGR types."""

from __future__ import annotations

from osgeo import ogr

SCHEMA_VERSION = 2
# Schema 1 (the draft layout) had no admission_clause.industry_codes and no change_log.reason.
CLAUSE_KEY_INDEX = "admission_clause_key"

UNIT_FIELDS = (
    ("unit_uid", ogr.OFTString),
    ("unit_code", ogr.OFTString),
    ("unit_name", ogr.OFTString),
    ("unit_class", ogr.OFTInteger),
    ("county_code", ogr.OFTString),
    ("county_name", ogr.OFTString),
    ("elements", ogr.OFTString),
    ("rule", ogr.OFTString),
    ("area_km2", ogr.OFTReal),
    ("method", ogr.OFTString),
    ("unit_subclass", ogr.OFTString),
)
BOUNDARY_FIELDS = (
    ("county_code", ogr.OFTString),
    ("county_name", ogr.OFTString),
    ("town_code", ogr.OFTString),
    ("town_name", ogr.OFTString),
)
ZONE_FIELDS = (
    ("element", ogr.OFTString),
    ("zone_class", ogr.OFTInteger),
    ("subtype", ogr.OFTString),
    ("zone_code", ogr.OFTString),
    ("zone_name", ogr.OFTString),
    ("source_layer", ogr.OFTString),
)
UNIT_ZONE_FIELDS = (
    ("unit_uid", ogr.OFTString),
    ("element", ogr.OFTString),
    ("subtype", ogr.OFTString),
    ("zone_code", ogr.OFTString),
    ("zone_name", ogr.OFTString),
    ("overlap_km2", ogr.OFTReal),
)
CLAUSE_FIELDS = (
    ("level", ogr.OFTString),
    ("scope", ogr.OFTString),
    ("class_filter", ogr.OFTInteger),
    ("dimension", ogr.OFTInteger),
    ("clause_no", ogr.OFTString),
    ("text", ogr.OFTString),
    ("industry_codes", ogr.OFTString),
    ("created_at", ogr.OFTString),
    ("updated_at", ogr.OFTString),
)
INFO_FIELDS = (("key", ogr.OFTString), ("value", ogr.OFTString))
LOG_FIELDS = (
    ("ts", ogr.OFTString),
    ("author", ogr.OFTString),
    ("action", ogr.OFTString),
    ("object_type", ogr.OFTString),
    ("object_id", ogr.OFTString),
    ("old_json", ogr.OFTString),
    ("new_json", ogr.OFTString),
    ("reason", ogr.OFTString),
)
SPATIAL_TABLES = ("control_units", "admin_boundary", "element_zones")
CLAUSE_COLUMNS = ("id",) + tuple(name for name, _ in CLAUSE_FIELDS)
