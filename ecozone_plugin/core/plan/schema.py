"""The plan's tables as stored: the schema version, each table's fields with their OGR types."""

from __future__ import annotations

from osgeo import ogr

from .. import schema

SCHEMA_VERSION = 7
# Schema 1 (the draft layout) had no admission_clause.industry_codes and no change_log.reason;
# schema 2 had no control_units.townships; schema 3 had no clause tags (element_tag, clause_type,
# type_inferred) and no proposed industry codes; schema 4 had no change_reason table; schema 5 had
# no clause row_version; schema 6 had no plan_info row_version.
CLAUSE_KEY_INDEX = "admission_clause_key"

OGR_TYPES = {
    schema.TEXT: ogr.OFTString,
    schema.INTEGER: ogr.OFTInteger,
    schema.REAL: ogr.OFTReal,
    schema.TIMESTAMP: ogr.OFTString,  # ISO 8601 text in a GeoPackage, as SQLite keeps it
}


def ogr_fields(fields) -> tuple[tuple[str, int], ...]:
    return tuple((f.name, OGR_TYPES[f.kind]) for f in fields)


UNIT_FIELDS = ogr_fields(schema.UNITS)
BOUNDARY_FIELDS = ogr_fields(schema.BOUNDARY)
ZONE_FIELDS = ogr_fields(schema.ZONES)
UNIT_ZONE_FIELDS = ogr_fields(schema.UNIT_ZONE)
CLAUSE_FIELDS = ogr_fields(schema.CLAUSES)
INFO_FIELDS = ogr_fields(schema.INFO)
LOG_FIELDS = ogr_fields(schema.LOG)
REASON_FIELDS = ogr_fields(schema.CHANGE_REASON)
REASON_KEY_INDEX = "change_reason_key"
SPATIAL_TABLES = ("control_units", "admin_boundary", "element_zones")
CLAUSE_COLUMNS = ("id",) + tuple(name for name, _ in CLAUSE_FIELDS)
