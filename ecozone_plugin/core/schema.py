"""One field list per table: the plan's tables and the working layers the algorithms write.

The plan's OGR layers (plan/schema.py), the QGIS fields of the algorithms' outputs
(qgis_adapters.qgs_fields) and the delivery package (its renames come from the profile's
field_map, applied to these names) are all built from these lists, so a field is named once.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT, INTEGER, REAL = "text", "integer", "real"
TIMESTAMP = "timestamp"  # a moment in UTC, written as ISO 8601 text ("2026-12-05T06:30:00Z"); timestamptz in PostGIS
COUNTY_CODE_DIGITS = 6  # GB/T 2260: a township code begins with its county's 6 digits


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # TEXT, INTEGER, REAL or TIMESTAMP
    length: int = 0  # the width a fixed-width layer (a QGIS sink, a shapefile) gives it; 0: as it needs


UNITS = (
    Field("unit_uid", TEXT, 36),
    Field("unit_code", TEXT, 30),
    Field("unit_name", TEXT, 100),
    Field("unit_class", INTEGER),
    Field("county_code", TEXT, 12),
    Field("county_name", TEXT, 50),
    Field("elements", TEXT, 1000),
    Field("rule", TEXT, 20),
    Field("area_km2", REAL),
    Field("method", TEXT, 10),
    Field("unit_subclass", TEXT, 50),
    Field("townships", TEXT, 500),
)
BOUNDARY = (
    Field("county_code", TEXT, 12),
    Field("county_name", TEXT, 50),
    Field("town_code", TEXT, 20),
    Field("town_name", TEXT, 50),
)
# The standard element zone schema (DESIGN.md): what deriveunits reads, what standardizezones writes.
ZONES_REQUIRED = (Field("element", TEXT, 20), Field("zone_class", INTEGER), Field("subtype", TEXT, 100))
ZONES_OPTIONAL = (Field("zone_code", TEXT, 50), Field("zone_name", TEXT, 200))
ZONES = ZONES_REQUIRED + ZONES_OPTIONAL + (Field("source_layer", TEXT, 200),)
STANDARDIZED_ZONES = ZONES + (Field("source_value", TEXT, 200),)
UNIT_ZONE = (
    Field("unit_uid", TEXT, 36),
    Field("element", TEXT, 20),
    Field("subtype", TEXT, 100),
    Field("zone_code", TEXT, 50),
    Field("zone_name", TEXT, 200),
    Field("overlap_km2", REAL),
)
CLAUSES = (
    Field("level", TEXT),
    Field("scope", TEXT),
    Field("class_filter", INTEGER),
    Field("dimension", INTEGER),
    Field("clause_no", TEXT),
    Field("text", TEXT),
    Field("industry_codes", TEXT),
    Field("element_tag", TEXT),  # the published 【element/…】 tag: 水, 大气, 产业, …
    Field("clause_type", TEXT),  # prohibit, restrict, encourage, general (tags.py)
    Field("type_inferred", INTEGER),  # 1 while the type is read from the wording, not confirmed
    Field("proposed_codes", TEXT),  # industry codes the wording proposes, until confirmed
    Field("created_at", TIMESTAMP),
    Field("updated_at", TIMESTAMP),
    Field("row_version", INTEGER),  # 1 when added, one more at every update: a write of a stale copy is refused
)
INFO = (Field("key", TEXT), Field("value", TEXT), Field("row_version", INTEGER))  # as a clause's
LOG = (
    Field("ts", TIMESTAMP),
    Field("author", TEXT),
    Field("action", TEXT),
    Field("object_type", TEXT),
    Field("object_id", TEXT),
    Field("old_json", TEXT),
    Field("new_json", TEXT),
    Field("reason", TEXT),
)
FINDINGS = (
    Field("code", TEXT, 10),
    Field("category", TEXT, 2),
    Field("severity", TEXT, 10),
    Field("unit_code", TEXT, 30),
    Field("message", TEXT, 500),
)

# Site screening (ecozone:screensite): one row per site and unit it touches, one row per site.
SCREEN_HITS = (
    Field("site_fid", INTEGER),
    Field("site_name", TEXT, 200),
    Field("unit_code", TEXT, 30),
    Field("unit_name", TEXT, 100),
    Field("unit_class", INTEGER),
    Field("unit_subclass", TEXT, 50),
    Field("overlap", REAL),
    Field("verdict", TEXT, 20),
    Field("clauses", TEXT, 1000),
)
SCREEN_SITES = (
    Field("site_fid", INTEGER),
    Field("site_name", TEXT, 200),
    Field("industry", TEXT, 20),
    Field("industry_name", TEXT, 100),
    Field("verdict", TEXT, 20),
    Field("reasons", TEXT, 2000),
)

# Plan versions compared (ecozone:compareversions): one row per piece of ground that changed.
CHANGES = (
    Field("old_unit_code", TEXT, 30),
    Field("new_unit_code", TEXT, 30),
    Field("old_class", INTEGER),
    Field("new_class", INTEGER),
    Field("change_type", TEXT, 20),
    Field("area_km2", REAL),
    Field("county_code", TEXT, 12),
    Field("priority_loss", INTEGER),
    Field("hard_loss", INTEGER),
    Field("old_zones", TEXT, 1000),
    Field("reason", TEXT, 500),
)
# Where a piece lies in the two versions: the change layer of an update filing carries them.
CHANGE_IDS = (Field("old_unit_uid", TEXT, 50), Field("new_unit_uid", TEXT, 50))

# The author's reasons for the changes of an update (change_reason, in the plan): one row per piece
# of changed ground, keyed by the earlier version (its package's manifest SHA-256) and the piece's
# place (the old and new unit_uid and the change type), so comparing again finds them.
CHANGE_REASON = (
    Field("previous", TEXT),
    Field("old_unit_uid", TEXT),
    Field("new_unit_uid", TEXT),
    Field("change_type", TEXT),
    Field("reason", TEXT),
    Field("old_unit_code", TEXT),
    Field("new_unit_code", TEXT),
    Field("area_km2", REAL),
    Field("plan_version", TEXT),
    Field("author", TEXT),
    Field("updated_at", TIMESTAMP),
)

# Tracking statistics (ecozone:trackingstatistics): per version, county, class and subclass.
TRACKING = (
    Field("version", TEXT, 50),
    Field("date", TEXT, 10),
    Field("county_code", TEXT, 12),
    Field("unit_class", INTEGER),
    Field("subclass", TEXT, 50),
    Field("units", INTEGER),
    Field("area_km2", REAL),
    Field("units_change", INTEGER),
    Field("area_change_km2", REAL),
)


def names(fields) -> tuple[str, ...]:
    return tuple(f.name for f in fields)


def county_of(code) -> str:
    """The county code of an administrative code: its first six digits (a township code is longer)."""
    return str(code or "").strip()[:COUNTY_CODE_DIGITS]
