"""ecozone:createplan — derived units + boundary (+ the zones used) -> a plan GeoPackage."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from .. import plan_address
from .. import qgis_adapters as qa
from ..core import schema
from ..core.derive.provenance import unit_zone_rows
from ..core.filing.update import basis_of
from ..core.messages import EcoZoneError
from ..core.plan.create import create_plan
from ..core.plan.postgis import create_postgis_plan
from ..core.plan.store import PlanData
from ..core.profile import load_profile, profile_info
from ..core.progress import Canceled, SubProgress
from ..core.zones import geometry as geo
from ..paths import plugin_version
from ..styles import save_default_styles
from . import parameters
from .base import EcoZoneAlgorithm, StyleLayer
from .parameters import add_boundary_parameters

UNIT_REQUIRED = ("unit_uid", "unit_code", "unit_class", "county_code")
UNIT_OPTIONAL = tuple(n for n in schema.names(schema.UNITS) if n not in UNIT_REQUIRED)


def plan_layer_uri(path: str, table: str = "control_units") -> str:
    return f"{path}|layername={table}"


class CreatePlanAlgorithm(EcoZoneAlgorithm):
    group_key = "plan"
    UNITS = "UNITS"
    BOUNDARY = parameters.BOUNDARY
    COUNTY_CODE_FIELD = parameters.COUNTY_CODE_FIELD
    COUNTY_NAME_FIELD = parameters.COUNTY_NAME_FIELD
    TOWN_CODE_FIELD = "TOWN_CODE_FIELD"
    TOWN_NAME_FIELD = "TOWN_NAME_FIELD"
    ZONES = "ZONES"
    PROFILE = "PROFILE"
    MIN_AREA = "MIN_AREA"
    PLAN_VERSION = "PLAN_VERSION"
    BASED_ON = "BASED_ON"
    DATABASE = "DATABASE"
    OUTPUT = "OUTPUT"
    OUTPUT_UNITS = "OUTPUT_UNITS"

    def name(self) -> str:
        return "createplan"

    def displayName(self) -> str:
        return self.tr("Create plan")

    def shortHelpString(self) -> str:
        return self.tr(
            "Creates the plan GeoPackage that the admission list, validation and filing work on: the "
            "control units, the administrative boundary, the element zones used and which zones each "
            "unit holds, empty admission list tables, the plan information and a change log. The file "
            "is written under a temporary name and appears only when complete."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.UNITS, self.tr("Control units (from Derive control units)"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        guess = add_boundary_parameters(self, self.tr("Counties or townships; kept in the plan as admin_boundary."))
        self.addParameter(
            QgsProcessingParameterField(
                self.TOWN_CODE_FIELD,
                self.tr("Township code field"),
                parentLayerParameterName=self.BOUNDARY,
                optional=True,
                defaultValue=guess.town_code or None if guess else None,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TOWN_NAME_FIELD,
                self.tr("Township name field"),
                parentLayerParameterName=self.BOUNDARY,
                optional=True,
                defaultValue=guess.town_name or None if guess else None,
            )
        )
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.ZONES,
                self.tr("Element zone layers used (standard schema)"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterString(self.PROFILE, self.tr("Profile"), defaultValue="default"))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_AREA,
                self.tr("Minimum unit part area used in the derivation (km²)"),
                QgsProcessingParameterNumber.Double,
                None,
                optional=True,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.PLAN_VERSION, self.tr("Plan version"), defaultValue="1.0", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.BASED_ON,
                self.tr("Filed package this plan updates"),
                behavior=QgsProcessingParameterFile.File,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.DATABASE, self.tr("Plan on PostGIS (instead of a file)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Plan"), fileFilter="GeoPackage (*.gpkg)", optional=True, createByDefault=True
            )
        )
        self.addOutput(QgsProcessingOutputVectorLayer(self.OUTPUT_UNITS, self.tr("Control units of the plan")))
        helps = {
            self.UNITS: self.tr("The control units with unit_uid, unit_code, unit_class and county_code."),
            self.TOWN_CODE_FIELD: self.tr("Field with the township code, when the boundary holds townships."),
            self.TOWN_NAME_FIELD: self.tr("Field with the township name."),
            self.ZONES: self.tr(
                "The standardized element zones the units were derived from; the plan records which zones "
                "each unit holds."
            ),
            self.PROFILE: self.tr("Bundled profile id or the path of a .json profile; copied into the plan."),
            self.MIN_AREA: self.tr("The MIN_AREA of the derivation, kept for validation; empty: the profile's."),
            self.PLAN_VERSION: self.tr("Version of the plan, e.g. 1.0 or 2025 update."),
            self.BASED_ON: self.tr(
                "The filing package (.zip, or the manifest.json or a file of its unpacked folder) of the version "
                "this plan updates, e.g. the BASED_ON output of Derive control units. Checked against its "
                "manifest and recorded in the plan information (based_on), which the update filing compares."
            ),
            self.DATABASE: self.tr(
                "postgresql://user@host:port/database?schema=plan_schema: the plan is written into that new schema "
                "of the team store instead of a GeoPackage (the password comes from libpq's password file or "
                "service). An existing schema is refused."
            ),
            self.OUTPUT: self.tr("The plan GeoPackage to create (an existing file is replaced)."),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)
        advanced = (self.TOWN_CODE_FIELD, self.TOWN_NAME_FIELD, self.PROFILE, self.MIN_AREA, self.PLAN_VERSION)
        for name in (*advanced, self.BASED_ON, self.DATABASE):
            definition = self.parameterDefinition(name)
            definition.setFlags(definition.flags() | definition.FlagAdvanced)
        self.show_decimals(self.MIN_AREA, 3)

    def processAlgorithm(self, parameters, context, feedback):
        progress = qa.FeedbackProgress(feedback)
        try:
            profile = load_profile(self.parameterAsString(parameters, self.PROFILE, context))
            based_on = self.parameterAsFile(parameters, self.BASED_ON, context)
            basis = basis_of(based_on) if based_on else None
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        units_source = self.source_to_read(parameters, self.UNITS, context)
        if units_source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.UNITS))
        units_name = self._layer_name(parameters, self.UNITS, context, units_source)
        crs = units_source.sourceCrs()
        if not crs.isValid() or crs.isGeographic():
            raise QgsProcessingException(
                self.tr("Layer {0} is in {1}; a plan needs the projected CRS that Derive control units writes.").format(
                    units_name, crs.authid() or crs.description() or "?"
                )
            )
        self.require_fields(units_source, units_name, UNIT_REQUIRED)
        unit_fields = list(UNIT_REQUIRED) + [f for f in UNIT_OPTIONAL if f in units_source.fields().names()]
        rows, messages = qa.read_geometries(
            units_source, crs, context.transformContext(), SubProgress(progress, 0, 20), units_name, unit_fields
        )
        units, uids = [], set()
        for fid, geom, attrs in rows:
            uid = qa.text_value(attrs.get("unit_uid"))
            if not uid or uid in uids:
                raise QgsProcessingException(
                    self.tr(
                        "Layer {0}, feature {1}: unit_uid {2!r} is empty or repeated; every unit needs its own."
                    ).format(units_name, fid, uid)
                )
            uids.add(uid)
            values = {name: attrs.get(name) for name in unit_fields}
            values = {k: (None if qa.text_value(v) == "" else v) for k, v in values.items()}
            values["unit_uid"] = uid
            values["county_code"] = schema.county_of(attrs.get("county_code"))
            values["unit_class"] = qa.int_value(attrs.get("unit_class"))
            units.append((values, geom))

        boundary = self.source_to_read(parameters, self.BOUNDARY, context)
        if boundary is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.BOUNDARY))
        boundary_name = self._layer_name(parameters, self.BOUNDARY, context, boundary)
        names = {
            key: self.parameterAsString(parameters, key, context)
            for key in (self.COUNTY_CODE_FIELD, self.COUNTY_NAME_FIELD, self.TOWN_CODE_FIELD, self.TOWN_NAME_FIELD)
        }
        self.require_fields(boundary, boundary_name, [n for n in names.values() if n])
        admin_rows, admin_messages = qa.read_geometries(
            boundary,
            crs,
            context.transformContext(),
            SubProgress(progress, 20, 30),
            boundary_name,
            [n for n in names.values() if n],
        )
        messages += admin_messages
        admin = []
        counties: dict[str, str] = {}
        for _fid, geom, attrs in admin_rows:
            county = schema.county_of(attrs.get(names[self.COUNTY_CODE_FIELD]))
            county_name = (
                qa.text_value(attrs.get(names[self.COUNTY_NAME_FIELD])) if names[self.COUNTY_NAME_FIELD] else ""
            )
            counties.setdefault(county, county_name)
            admin.append(
                (
                    {
                        "county_code": county,
                        "county_name": county_name,
                        "town_code": qa.text_value(attrs.get(names[self.TOWN_CODE_FIELD])) or None,
                        "town_name": qa.text_value(attrs.get(names[self.TOWN_NAME_FIELD])) or None,
                    },
                    geom,
                )
            )

        zones = self._read_zones(parameters, context, crs, SubProgress(progress, 30, 50), messages)
        for message in messages:
            feedback.pushWarning(qa.message_text(message))
        try:
            unit_zone = unit_zone_rows(
                [(v["unit_uid"], g) for v, g in units], [(a, g) for a, g in zones], SubProgress(progress, 50, 70)
            )
            info = {
                "plan_version": self.parameterAsString(parameters, self.PLAN_VERSION, context) or "1.0",
                "county_codes": ";".join(sorted(counties)),
                "county_names": ";".join(counties[c] for c in sorted(counties)),
                "crs": crs.authid(),
                **profile_info(profile),
                "tool_version": plugin_version(),
            }
            if basis is not None:
                info.update(basis.info())
            if parameters.get(self.MIN_AREA) not in (None, ""):
                info["min_area_km2"] = str(self.parameterAsDouble(parameters, self.MIN_AREA, context))
            data = PlanData(
                crs=crs.authid() if crs.authid().upper().startswith("EPSG:") else crs.toWkt(),
                units=[(v, geo.to_wkb(geo.as_multipolygon(g))) for v, g in units],
                boundary=[(a, geo.to_wkb(geo.as_multipolygon(g))) for a, g in admin],
                zones=[(a, geo.to_wkb(geo.as_multipolygon(g))) for a, g in zones],
                unit_zone=unit_zone,
                info=info,
            )
            database = self.parameterAsString(parameters, self.DATABASE, context).strip()
            if database:
                store = create_postgis_plan(plan_address.resolve(database), data, SubProgress(progress, 70, 100))
            else:
                path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
                if not path:
                    raise QgsProcessingException(self.tr("Give the plan GeoPackage to create, or a PostGIS plan."))
                store = create_plan(path, data, SubProgress(progress, 70, 100))
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from None
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        styled = [] if database else save_default_styles(store.path, qa.ui_lang())
        for table, error in styled:
            feedback.pushWarning(self.tr("The style of {0} could not be stored in the plan: {1}").format(table, error))
        feedback.pushInfo(
            self.tr("Plan {0}: {1} units, {2} counties, {3} element zones, {4} unit–zone links.").format(
                store.path, len(units), len(counties), len(zones), len(unit_zone)
            )
        )
        if basis is not None:
            feedback.pushInfo(
                self.tr("The plan updates the filed package {0} (version {1}, manifest {2}).").format(
                    basis.package, basis.plan_version or "?", basis.sha256[:12]
                )
            )
        if database:
            uri = plan_address.layer_uri(database, "control_units")
        else:
            uri = plan_layer_uri(store.path)
        if context.project() is not None:
            details = QgsProcessingContext.LayerDetails(
                self.tr("Control units (plan)"), context.project(), self.OUTPUT_UNITS
            )
            context.addLayerToLoadOnCompletion(uri, details)
            StyleLayer.attach(context, uri, "control_units")
        return {self.OUTPUT: plan_address.shown(database) if database else store.path, self.OUTPUT_UNITS: uri}

    def _read_zones(self, parameters, context, crs, progress, messages) -> list[tuple[dict, object]]:
        layers = self.parameterAsLayerList(parameters, self.ZONES, context) if parameters.get(self.ZONES) else []
        zones = []
        for zone in self.read_zone_layers(layers, crs, context, progress, messages):
            attrs = {
                "element": zone.element,
                "zone_class": zone.zone_class,
                "subtype": zone.subtype,
                "zone_code": zone.zone_code or None,
                "zone_name": zone.zone_name or None,
                "source_layer": zone.source,
            }
            zones.append((attrs, zone.geom))
        return zones
