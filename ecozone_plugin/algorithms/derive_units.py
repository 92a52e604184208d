"""ecozone:deriveunits — boundary + element zones -> coded environmental control units."""

from __future__ import annotations

import time
from pathlib import Path

from qgis.core import (
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .. import qgis_adapters as qa
from ..core import schema
from ..core.derive.report import derivation_report
from ..core.derive.units import (
    FITTING,
    OVERLAY,
    DeriveError,
    DeriveOptions,
    PreviousUnit,
    Zone,
    derive_units,
)
from ..core.filing.update import basis_of, package_manifest_path
from ..core.messages import EcoZoneError, Message
from ..core.profile import ProfileError, load_profile
from ..core.progress import Canceled, SubProgress
from ..core.records import RecordError, admin_area, check_boundary, kind_params
from . import parameters
from .base import EcoZoneAlgorithm, StyleLayer
from .parameters import add_boundary_parameters

PREVIOUS_FIELDS = ("unit_code", "unit_class", "county_code", "unit_uid")


def unit_fields() -> QgsFields:
    return qa.qgs_fields(schema.UNITS)


class DeriveUnitsAlgorithm(EcoZoneAlgorithm):
    BOUNDARY = parameters.BOUNDARY
    COUNTY_CODE_FIELD = parameters.COUNTY_CODE_FIELD
    COUNTY_NAME_FIELD = parameters.COUNTY_NAME_FIELD
    SPLIT_FIELD = "SPLIT_FIELD"
    SPLIT_NAME_FIELD = "SPLIT_NAME_FIELD"
    ZONES = "ZONES"
    METHOD = "METHOD"
    MIN_AREA = "MIN_AREA"
    FIT_THRESHOLD = "FIT_THRESHOLD"
    FIT_KEY_THRESHOLD = "FIT_KEY_THRESHOLD"
    BASE_UNITS = "BASE_UNITS"
    PREVIOUS_UNITS = "PREVIOUS_UNITS"
    PROFILE = "PROFILE"
    OUTPUT = "OUTPUT"
    OUTPUT_REPORT = "OUTPUT_REPORT"
    BASED_ON = "BASED_ON"

    def name(self) -> str:
        return "deriveunits"

    def displayName(self) -> str:
        return self.tr("Derive control units")

    def shortHelpString(self) -> str:
        return self.tr(
            "Derives the environmental control units (priority protection, key control, general "
            "control) of every county in the boundary layer from standard element zones.\n\n"
            "Overlay (叠加法): a place covered by any priority zone is priority, else by any key zone "
            "key, else general. Fitting (拟合法): each base polygon (township) becomes priority or key "
            "when those zones cover more than the threshold share of it, else general. Ecological red "
            "line and protected areas are always priority. Parts smaller than the minimum area first "
            "join the neighbour with the longest shared border. Then the ground is grouped as the "
            "profile says; by the national profile each connected priority region is a unit (regions "
            "under 1 km² join the nearest), the key ground of each industrial park or urban development "
            "boundary is a unit and the rest of the key ground one unit per township (split field), "
            "and the general ground one unit per county. Units never cross a county, are coded north "
            "to south, named after the place they lie in (a named zone covering half of the unit, else "
            "its townships), and neighbours share their border vertex for vertex. Areas are planar in "
            "the CGCS2000 Gauss-Krüger zone of each county."
        )

    def initAlgorithm(self, config=None):
        guess = add_boundary_parameters(
            self, self.tr("Counties, or townships inside counties; units never cross a county.")
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.SPLIT_FIELD,
                self.tr("Split units by field"),
                parentLayerParameterName=self.BOUNDARY,
                optional=True,
                defaultValue=guess.town_code or None if guess else None,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.SPLIT_NAME_FIELD,
                self.tr("Township name field"),
                parentLayerParameterName=self.BOUNDARY,
                optional=True,
                defaultValue=guess.town_name or None if guess else None,
            )
        )
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.ZONES, self.tr("Element zone layers (standard schema)"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Method"),
                options=[self.tr("Overlay (叠加法)"), self.tr("Fitting (拟合法)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_AREA,
                self.tr("Minimum unit part area (km²)"),
                QgsProcessingParameterNumber.Double,
                None,
                optional=True,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.FIT_THRESHOLD,
                self.tr("Fitting: priority share threshold (%)"),
                QgsProcessingParameterNumber.Double,
                50.0,
                minValue=0,
                maxValue=100,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.FIT_KEY_THRESHOLD,
                self.tr("Fitting: key share threshold (%)"),
                QgsProcessingParameterNumber.Double,
                None,
                optional=True,
                minValue=0,
                maxValue=100,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BASE_UNITS, self.tr("Fitting: base polygons"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PREVIOUS_UNITS,
                self.tr("Previous control units (keep their codes)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterString(self.PROFILE, self.tr("Profile"), defaultValue="default"))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Control units"), QgsProcessing.TypeVectorPolygon)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT,
                self.tr("Derivation report"),
                fileFilter="HTML (*.html)",
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(
            QgsProcessingOutputString(
                self.BASED_ON, self.tr("Filed package of the previous units (for Create plan's BASED_ON)")
            )
        )
        helps = {
            self.SPLIT_FIELD: self.tr(
                "Optional field (e.g. township code): key ground is split by its values (the profile's grouping "
                "says which classes), and every unit lists the townships it covers."
            ),
            self.SPLIT_NAME_FIELD: self.tr(
                "Optional field beside the split field (e.g. township name): names units after the townships "
                "they lie in and fills their townships field."
            ),
            self.ZONES: self.tr(
                "Polygon layers with the fields element, zone_class and subtype (run 'Standardize element zones' first)."  # noqa: E501
            ),
            self.METHOD: self.tr("Overlay (recommended) or fitting to base polygons."),
            self.MIN_AREA: self.tr(
                "Parts of units below this area join the neighbour with the longest shared border; 0 keeps every "
                "part. Empty: the profile's min_area_km2 (0.1 km² in the national profile)."
            ),
            self.FIT_THRESHOLD: self.tr(
                "Fitting: a base polygon becomes priority when priority zones cover more than this share."
            ),
            self.FIT_KEY_THRESHOLD: self.tr(
                "Fitting: share of key ground that makes a base polygon key; default as above."
            ),
            self.BASE_UNITS: self.tr("Fitting: base polygons; by default the boundary features (townships)."),
            self.PREVIOUS_UNITS: self.tr(
                "Earlier control units (unit_code, unit_class, county_code): a new unit keeps the code of the earlier "
                "unit of its county and class that it overlaps most. The units of an unpacked filing package "
                "(data/control_units.gpkg) are read in that package's field names, and the package is named in "
                "the BASED_ON output for Create plan."
            ),
            self.PROFILE: self.tr("Bundled profile id (default) or the path of a .json profile."),
            self.OUTPUT: self.tr("The control units, styled by class."),
            self.OUTPUT_REPORT: self.tr("HTML report: repairs, merged fragments, class areas per county."),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)
        # the fitting method's threshold, key threshold and base units stay together beside METHOD
        for name in (self.PREVIOUS_UNITS, self.PROFILE):
            definition = self.parameterDefinition(name)
            definition.setFlags(definition.flags() | definition.FlagAdvanced)
        self.show_decimals(self.MIN_AREA, 3)
        self.show_decimals(self.FIT_THRESHOLD, 1)
        self.show_decimals(self.FIT_KEY_THRESHOLD, 1)

    def processAlgorithm(self, parameters, context, feedback):
        started = time.perf_counter()
        progress = qa.FeedbackProgress(feedback)
        try:
            profile = load_profile(self.parameterAsString(parameters, self.PROFILE, context))
        except ProfileError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        boundary = self.source_to_read(parameters, self.BOUNDARY, context)
        if boundary is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.BOUNDARY))
        boundary_name = self._layer_name(parameters, self.BOUNDARY, context, boundary)
        self.require_crs(boundary, boundary_name)
        if qa.geometry_kind(boundary) in ("point", "line", "none"):
            message = Message("EZ-D022", {"layer": boundary_name, **kind_params(qa.geometry_kind(boundary))})
            raise QgsProcessingException(qa.message_text(message))
        working_crs = qa.working_crs_for(boundary.sourceCrs(), boundary.sourceExtent(), context.transformContext())
        working_epsg = qa.epsg_of(working_crs)
        messages: list[Message] = []

        admin, admin_messages = self._read_boundary(parameters, context, boundary, boundary_name, working_crs, progress)
        messages += admin_messages
        zones = self._read_zones(parameters, context, working_crs, SubProgress(progress, 5, 20), messages)
        base_units = None
        method = FITTING if self.parameterAsEnum(parameters, self.METHOD, context) == 1 else OVERLAY
        if method == FITTING and parameters.get(self.BASE_UNITS):
            base_source = self.source_to_read(parameters, self.BASE_UNITS, context)
            rows, base_messages = qa.read_geometries(
                base_source,
                working_crs,
                context.transformContext(),
                progress,
                self._layer_name(parameters, self.BASE_UNITS, context, base_source),
            )
            messages += base_messages
            base_units = [g for _fid, g, _a in rows]
        previous = self._read_previous(parameters, context, working_crs, progress, messages)

        key_threshold = parameters.get(self.FIT_KEY_THRESHOLD)
        options = DeriveOptions(
            profile=profile,
            working_epsg=working_epsg,
            method=method,
            min_area_km2=float(profile["min_area_km2"])
            if parameters.get(self.MIN_AREA) in (None, "")
            else self.parameterAsDouble(parameters, self.MIN_AREA, context),
            fit_threshold=self.parameterAsDouble(parameters, self.FIT_THRESHOLD, context),
            fit_key_threshold=None
            if key_threshold in (None, "")
            else self.parameterAsDouble(parameters, self.FIT_KEY_THRESHOLD, context),
        )
        for message in messages:
            feedback.pushWarning(qa.message_text(message))
        feedback.pushInfo(
            self.tr("Deriving units of {0} counties from {1} zones ({2}), in {3}.").format(
                len({a.county_code for a in admin}), len(zones), method, working_crs.authid()
            )
        )
        try:
            result = derive_units(admin, zones, options, base_units, previous, SubProgress(progress, 20, 95))
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from None
        except DeriveError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err

        fields = unit_fields()
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.MultiPolygon, working_crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for unit in result.units:
            feature = qa.make_feature(
                fields,
                unit.geom,
                {
                    "unit_uid": unit.unit_uid,
                    "unit_code": unit.unit_code,
                    "unit_name": unit.unit_name,
                    "unit_class": unit.unit_class,
                    "county_code": unit.county_code,
                    "county_name": unit.county_name,
                    "elements": unit.elements_text,
                    "rule": unit.rule,
                    "area_km2": round(unit.area_km2, 6),
                    "method": unit.method,
                    "unit_subclass": unit.subclass,
                    "townships": unit.townships_text,
                },
            )
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        fragment_codes = ("EZ-D005", "EZ-D012", "EZ-D013", "EZ-D024")
        for message in result.messages:
            if message.code not in fragment_codes:
                feedback.pushInfo(qa.message_text(message))
        self._summary(result, feedback, time.perf_counter() - started)

        report_path = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        outputs = {self.OUTPUT: dest_id}
        if report_path:
            shown = {
                self.BOUNDARY: boundary_name,
                self.METHOD: method,
                self.MIN_AREA: options.min_area_km2,
                self.FIT_THRESHOLD: options.fit_threshold,
                self.FIT_KEY_THRESHOLD: options.fit_key_threshold,
                self.PROFILE: profile["id"],
                "CRS": working_crs.authid(),
                "zones": len(zones),
            }
            text = derivation_report(result, shown, messages, qa.ui_lang())
            Path(report_path).write_text(text, encoding="utf-8")
            outputs[self.OUTPUT_REPORT] = report_path
        StyleLayer.attach(context, dest_id, "control_units", self.tr("Control units"))
        outputs[self.BASED_ON] = ""
        if self.basis is not None:
            outputs[self.BASED_ON] = str(self.basis.path)
            feedback.pushInfo(
                self.tr(
                    "The previous units are those of the filed package {0} (version {1}); give BASED_ON ({2}) to "
                    "Create plan so the plan records the version it updates."
                ).format(self.basis.package, self.basis.plan_version or "?", self.basis.path)
            )
        feedback.setProgress(100)
        return outputs

    def _read_boundary(self, parameters, context, boundary, boundary_name, working_crs, progress):
        code_field = self.parameterAsString(parameters, self.COUNTY_CODE_FIELD, context)
        name_field = self.parameterAsString(parameters, self.COUNTY_NAME_FIELD, context)
        split_field = self.parameterAsString(parameters, self.SPLIT_FIELD, context)
        split_name_field = self.parameterAsString(parameters, self.SPLIT_NAME_FIELD, context)
        self.require_fields(boundary, boundary_name, (code_field, name_field, split_field, split_name_field))
        rows, messages = qa.read_geometries(
            boundary,
            working_crs,
            context.transformContext(),
            SubProgress(progress, 0, 5),
            boundary_name,
            [code_field, name_field, split_field, split_name_field],
        )
        admin = []
        for fid, geom, attrs in rows:
            area = admin_area(geom, attrs, code_field, name_field, split_field, fid, split_name_field)
            if area is None:
                messages.append(Message("EZ-D009", {"fid": fid, "field": code_field}))
                continue
            admin.append(area)
        if not admin:
            raise QgsProcessingException(
                self.tr("Layer {0} has no feature with a county code in field {1}.").format(boundary_name, code_field)
            )
        if not name_field:
            messages.append(Message("EZ-D007", {"county": ", ".join(sorted({a.county_code for a in admin}))}))
        try:
            check_boundary(admin, boundary_name)
        except RecordError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        return admin, messages

    def _read_zones(self, parameters, context, working_crs, progress, messages) -> list[Zone]:
        layers = self.parameterAsLayerList(parameters, self.ZONES, context)
        if not layers:
            raise QgsProcessingException(self.tr("Give at least one element zone layer."))
        return self.read_zone_layers(layers, working_crs, context, progress, messages)

    def _read_previous(self, parameters, context, working_crs, progress, messages) -> list[PreviousUnit]:
        self.basis = None
        if not parameters.get(self.PREVIOUS_UNITS):
            return []
        source = self.source_to_read(parameters, self.PREVIOUS_UNITS, context)
        name = self._layer_name(parameters, self.PREVIOUS_UNITS, context, source)
        self.basis = self._previous_package(parameters, context, name, messages)
        delivered = {f: self.basis.delivered_name(f) if self.basis else f for f in PREVIOUS_FIELDS}
        names = [f.name() for f in source.fields()]
        if all(n not in names for n in delivered.values()):
            delivered = {f: f for f in PREVIOUS_FIELDS}  # the working names, whatever the package's profile
        required = ("unit_code", "unit_class", "county_code")
        missing = [delivered[f] for f in required if delivered[f] not in names]
        if missing:
            raise QgsProcessingException(
                self.tr("Layer {0} lacks the fields {1} that previous units need.").format(name, ", ".join(missing))
            )
        wanted = [delivered[f] for f in PREVIOUS_FIELDS if delivered[f] in names]
        rows, layer_messages = qa.read_geometries(
            source, working_crs, context.transformContext(), progress, name, wanted
        )
        messages += layer_messages
        return [
            PreviousUnit(
                geom=geom,
                unit_code=qa.text_value(attrs.get(delivered["unit_code"])),
                unit_class=qa.int_value(attrs.get(delivered["unit_class"])),
                county_code=schema.county_of(attrs.get(delivered["county_code"])),
                unit_uid=qa.text_value(attrs.get(delivered["unit_uid"])),
            )
            for _fid, geom, attrs in rows
            if qa.text_value(attrs.get(delivered["unit_code"]))
        ]

    def _previous_package(self, parameters, context, name, messages):
        """The filed package the previous units come from (their layer lies in an unpacked package), or None."""
        layer = self.parameterAsVectorLayer(parameters, self.PREVIOUS_UNITS, context)
        manifest = package_manifest_path(layer.source()) if layer is not None and layer.isValid() else None
        if manifest is None:
            return None
        try:
            return basis_of(manifest)
        except EcoZoneError as err:
            messages.append(Message("EZ-D025", {"layer": name, "problem": qa.message_text(err.message)}))
            return None

    def _summary(self, result, feedback, seconds: float) -> None:
        totals = result.class_totals()
        feedback.pushInfo(
            self.tr(
                "{0} units: priority {1} ({2:.2f} km²), key {3} ({4:.2f} km²), general {5} ({6:.2f} km²); "
                "{7} fragments merged (listed in the report); {8:.1f} s."
            ).format(
                len(result.units),
                *totals[1],
                *totals[2],
                *totals[3],
                sum(1 for f in result.fragments if f["merged"]),
                seconds,
            )
        )
