"""ecozone:standardizezones — one source layer to the standard element zone schema."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .. import qgis_adapters as qa
from ..core import schema
from ..core.classes import ELEMENTS
from ..core.messages import Message
from ..core.profile import ProfileError, load_profile
from ..core.zones.crs import is_cgcs2000_gk, is_inexact_datum, missing_zone_prefix_epsg
from ..core.zones.standardize import (
    MappingError,
    ambiguous_noise_values,
    classify_values,
    parse_mapping,
    read_mapping_file,
    value_key,
)
from .base import EcoZoneAlgorithm, StyleLayer


def zone_fields() -> QgsFields:
    return qa.qgs_fields(schema.STANDARDIZED_ZONES)


class StandardizeZonesAlgorithm(EcoZoneAlgorithm):
    INPUT = "INPUT"
    ELEMENT = "ELEMENT"
    CLASS_FIELD = "CLASS_FIELD"
    SUBTYPE_FIELD = "SUBTYPE_FIELD"
    CODE_FIELD = "CODE_FIELD"
    NAME_FIELD = "NAME_FIELD"
    MAPPING = "MAPPING"
    MAPPING_FILE = "MAPPING_FILE"
    UNMAPPED_CLASS = "UNMAPPED_CLASS"
    SOURCE_ENCODING = "SOURCE_ENCODING"
    TARGET_CRS = "TARGET_CRS"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "standardizezones"

    def displayName(self) -> str:
        return self.tr("Standardize element zones")

    def shortHelpString(self) -> str:
        return self.tr(
            "Turns one element sub-zone layer, in whatever schema it came, into the standard "
            "element zone schema (element, zone_class 1/2/3, subtype, zone_code, zone_name) that "
            "'Derive control units' reads.\n\n"
            "Class values are recognised when written the common ways (1/2/3, 优先保护区, "
            "重点管控区-工业, 一般管控区, the subtype names, noise classes 0-4b); anything else "
            'needs a mapping, typed as JSON {"source value": [class, "subtype"]} or given as a '
            ".json/.csv file. Unknown values are refused with a list, unless a class for unmapped "
            "values is chosen. Geometries are reprojected to the CGCS2000 Gauss-Krüger zone and "
            "invalid ones are repaired, each repair reported."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Source layer"), [QgsProcessing.TypeVectorPolygon])
        )
        element = QgsProcessingParameterEnum(
            self.ELEMENT, self.tr("Element"), options=list(ELEMENTS), defaultValue="water", usesStaticStrings=True
        )
        # the dialog names the elements (水环境（water）); the value stays the key
        wrapper = f"{__package__.rpartition('.')[0]}.ui.processing_widgets.ElementChoiceWrapper"
        element.setMetadata({"widget_wrapper": {"class": wrapper}})
        self.addParameter(element)
        self.addParameter(
            QgsProcessingParameterField(
                self.CLASS_FIELD, self.tr("Class field"), parentLayerParameterName=self.INPUT, optional=True
            )
        )
        for name, label in (
            (self.SUBTYPE_FIELD, self.tr("Subtype field")),
            (self.CODE_FIELD, self.tr("Zone code field")),
            (self.NAME_FIELD, self.tr("Zone name field")),
        ):
            self.addParameter(
                QgsProcessingParameterField(name, label, parentLayerParameterName=self.INPUT, optional=True)
            )
        self.addParameter(
            QgsProcessingParameterString(self.MAPPING, self.tr("Value mapping (JSON)"), multiLine=True, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.MAPPING_FILE, self.tr("Value mapping file"), fileFilter="JSON or CSV (*.json *.csv)", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.UNMAPPED_CLASS,
                self.tr("Class for unmapped values"),
                type=QgsProcessingParameterNumber.Integer,
                minValue=1,
                maxValue=3,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.SOURCE_ENCODING, self.tr("Source text encoding"), optional=True)
        )
        self.addParameter(QgsProcessingParameterCrs(self.TARGET_CRS, self.tr("Target CRS"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Standard element zones")))
        helps = {
            self.INPUT: self.tr("The element sub-zone layer as received (shapefile, GeoPackage, …)."),
            self.ELEMENT: self.tr(
                "Which element the layer zones: ecology, water, air, soil, noise, resource, protected "
                "(drinking-water sources, nature protected areas) or development (urban development "
                "boundary, industrial parks)."
            ),
            self.CLASS_FIELD: self.tr(
                "Field holding the class as the source writes it. Optional for protected (always "
                "priority) and development (always key)."
            ),
            self.SUBTYPE_FIELD: self.tr(
                "Field with the Chinese subtype name; otherwise it follows from the class value."
            ),
            self.CODE_FIELD: self.tr("Field with the zone code, carried into provenance."),
            self.NAME_FIELD: self.tr("Field with the zone name; development zones are split into units by it."),
            self.MAPPING: self.tr('JSON object: {"source value": [class, "subtype"]}; class 1, 2 or 3.'),
            self.MAPPING_FILE: self.tr("A .json file as above, or a .csv with columns value, class, subtype."),
            self.UNMAPPED_CLASS: self.tr(
                "Class (1, 2 or 3) for values neither mapped nor recognised; empty refuses them."
            ),
            self.SOURCE_ENCODING: self.tr(
                "Text encoding of a shapefile that lacks a .cpg file, e.g. GBK; empty keeps what the file declares."
            ),
            self.TARGET_CRS: self.tr(
                "CRS of the output; by default the CGCS2000 3-degree Gauss-Krüger zone of the layer's centre."
            ),
            self.OUTPUT: self.tr("Zones in the standard schema."),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)
        for name in (self.CODE_FIELD, self.NAME_FIELD, self.UNMAPPED_CLASS, self.SOURCE_ENCODING, self.MAPPING_FILE):
            definition = self.parameterDefinition(name)
            definition.setFlags(definition.flags() | definition.FlagAdvanced)

    def processAlgorithm(self, parameters, context, feedback):
        source, layer_name = self._source(parameters, context)
        element = self.parameterAsEnumString(parameters, self.ELEMENT, context) or "water"
        class_field = self.parameterAsString(parameters, self.CLASS_FIELD, context)
        subtype_field = self.parameterAsString(parameters, self.SUBTYPE_FIELD, context)
        code_field = self.parameterAsString(parameters, self.CODE_FIELD, context)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context)
        unmapped = parameters.get(self.UNMAPPED_CLASS)
        unmapped_class = (
            None if unmapped in (None, "") else self.parameterAsInt(parameters, self.UNMAPPED_CLASS, context)
        )
        try:
            mapping = parse_mapping(self.parameterAsString(parameters, self.MAPPING, context))
            mapping_file = self.parameterAsFile(parameters, self.MAPPING_FILE, context)
            if mapping_file:
                mapping = {**read_mapping_file(mapping_file), **mapping}
            profile = load_profile("default")
        except (MappingError, ProfileError) as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err

        field_names = [f.name() for f in source.fields()]
        for label, name in (
            (self.tr("class field"), class_field),
            (self.tr("subtype field"), subtype_field),
            (self.tr("code field"), code_field),
            (self.tr("name field"), name_field),
        ):
            if name and name not in field_names:
                if any("\ufffd" in f for f in field_names):  # names that did not decode: the encoding is wrong
                    message = Message("EZ-S010", {"layer": layer_name, "field": name, "fields": ", ".join(field_names)})
                    raise QgsProcessingException(qa.message_text(message))
                raise QgsProcessingException(
                    self.tr("Layer {0} has no field {1} (the {2}); its fields are: {3}.").format(
                        layer_name, name, label, ", ".join(field_names)
                    )
                )
        if not class_field and element not in ("protected", "development"):
            raise QgsProcessingException(
                self.tr(
                    "Choose the class field of layer {0}: element {1} needs one (only protected and development do not)."  # noqa: E501
                ).format(layer_name, element)
            )

        target_crs = self._target_crs(parameters, context, source, layer_name, feedback)
        progress = qa.FeedbackProgress(feedback)
        fields_to_read = [class_field, subtype_field, code_field, name_field]
        rows, messages = qa.read_geometries(
            source, target_crs, context.transformContext(), progress, layer_name, fields_to_read
        )
        values = [attrs.get(class_field) if class_field else None for _fid, _g, attrs in rows]
        if not class_field:
            values = [attrs.get(subtype_field) if subtype_field else None for _fid, _g, attrs in rows]
        if element == "noise":
            ambiguous = ambiguous_noise_values(values, mapping)
            if ambiguous:
                message = Message("EZ-S009", {"layer": layer_name, "values": ", ".join(repr(v) for v in ambiguous)})
                raise QgsProcessingException(qa.message_text(message))
        resolved, unknown, defaulted = classify_values(
            values, element, mapping, profile["noise_class_map"], unmapped_class
        )
        if unknown:
            shown = ", ".join(repr(v) for v in unknown[:20]) + (" …" if len(unknown) > 20 else "")
            raise QgsProcessingException(qa.message_text(Message("EZ-S001", {"layer": layer_name, "values": shown})))
        for value in defaulted:
            count = sum(1 for v in values if value_key(v) == value)
            feedback.pushWarning(
                qa.message_text(
                    Message(
                        "EZ-S004",
                        {"layer": layer_name, "value": value, "count": count, "zone_class": unmapped_class},
                    )
                )
            )
        for message in messages:
            feedback.pushWarning(qa.message_text(message))

        fields = zone_fields()
        features = []
        for n, ((_fid, geom, attrs), value) in enumerate(zip(rows, values)):
            if n % 500 == 0 and feedback.isCanceled():
                raise QgsProcessingException(self.tr("Canceled: nothing was written."))
            zone_class, subtype = resolved[value_key(value)]
            own_subtype = attrs.get(subtype_field) if subtype_field and class_field else None
            values_out = {
                "element": element,
                "zone_class": zone_class,
                "subtype": str(own_subtype).strip() if own_subtype not in (None, "") else subtype,
                "zone_code": qa.text_value(attrs.get(code_field)) if code_field else "",
                "zone_name": qa.text_value(attrs.get(name_field)) if name_field else "",
                "source_layer": layer_name,
                "source_value": value_key(value),
            }
            features.append(qa.make_feature(fields, geom, values_out))
        # The output is created only once every feature is ready: a cancel leaves no file.
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.MultiPolygon, target_crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        sink.addFeatures(features, QgsFeatureSink.FastInsert)
        feedback.setProgress(100)
        feedback.pushInfo(
            self.tr("{0} zones written from layer {1} ({2} repaired or skipped).").format(
                len(rows), layer_name, len(messages)
            )
        )
        StyleLayer.attach(context, dest_id, "element_zones")
        return {self.OUTPUT: dest_id}

    def _source(self, parameters, context):
        encoding = (self.parameterAsString(parameters, self.SOURCE_ENCODING, context) or "").strip()
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if encoding and layer is not None and layer.providerType() == "ogr":
            reopened = qa.reopen_with_encoding(layer, encoding)
            if not reopened.isValid():
                raise QgsProcessingException(
                    self.tr("Layer {0} could not be read as {1}.").format(qa.layer_label(layer), encoding)
                )
            context.temporaryLayerStore().addMapLayer(reopened)
            return reopened, qa.layer_label(layer)
        source = self.source_to_read(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        name = qa.layer_label(layer, source.sourceName())
        return source, name

    def _target_crs(self, parameters, context, source, layer_name, feedback):
        crs = source.sourceCrs()
        if is_inexact_datum(crs.toWkt()):
            feedback.pushWarning(
                qa.message_text(Message("EZ-S002", {"layer": layer_name, "crs": crs.authid() or crs.description()}))
            )
        extent = source.sourceExtent()
        epsg = qa.epsg_of(crs)
        placed = crs.isValid() and not crs.isGeographic() and source.featureCount() > 0 and not extent.isNull()
        suggested = missing_zone_prefix_epsg(extent.xMinimum(), epsg) if placed else None  # an empty layer has no place
        if suggested:
            params = {"layer": layer_name, "easting": extent.xMinimum(), "crs": crs.authid(), "suggested": suggested}
            feedback.pushWarning(qa.message_text(Message("EZ-S003", params)))
        target = self.parameterAsCrs(parameters, self.TARGET_CRS, context)
        if target.isValid():
            return target
        if is_cgcs2000_gk(epsg):
            return crs
        if not crs.isValid():
            raise QgsProcessingException(
                self.tr("Layer {0} has no CRS: assign one, or choose the target CRS.").format(layer_name)
            )
        return qa.working_crs_for(crs, extent, context.transformContext())
