"""What every EcoZone algorithm shares: instance creation, translation, group, icon, styling."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .. import plan_address
from ..core import memory, schema
from ..core.messages import EcoZoneError, Message
from ..core.plan.address import open_store
from ..core.plan.store import PlanStore
from ..core.progress import SubProgress
from ..core.records import RecordError, kind_params, zones_from_rows
from ..paths import resource
from ..qgis_adapters import geometry_kind, layer_label, message_text, read_geometries, ui_lang, whole_layer
from ..styles import style_layer


class EcoZoneAlgorithm(QgsProcessingAlgorithm):
    group_key = "zoning"

    def tr(self, text: str) -> str:
        # pylupdate5 files self.tr() strings under the class that calls it.
        return QCoreApplication.translate(type(self).__name__, text)

    def createInstance(self):
        return type(self)()

    def group(self) -> str:
        groups = {
            "zoning": QCoreApplication.translate("EcoZoneAlgorithm", "Control units"),
            "plan": QCoreApplication.translate("EcoZoneAlgorithm", "Plan and admission list"),
            "filing": QCoreApplication.translate("EcoZoneAlgorithm", "Check and filing"),
            "screening": QCoreApplication.translate("EcoZoneAlgorithm", "Site screening"),
        }
        return groups[self.group_key]

    def groupId(self) -> str:
        return self.group_key

    def icon(self) -> QIcon:
        return QIcon(str(resource("icons", "ecozone.svg")))

    def _layer_name(self, parameters, name, context, source) -> str:
        """The name the user knows a source parameter's layer by."""
        layer = self.parameterAsVectorLayer(parameters, name, context)
        return layer_label(layer, source.sourceName())

    def show_decimals(self, name: str, decimals: int) -> None:
        """Show a number parameter with this many decimals in the dialog (0.100, not 0.100000)."""
        definition = self.parameterDefinition(name)
        definition.setMetadata({**definition.metadata(), "widget_wrapper": {"decimals": decimals}})

    def source_to_read(self, parameters, name, context):
        """What to read a feature source parameter from: its whole layer when all of it is wanted
        (a file layer is then read columnar), else Processing's source (a selection, a limit)."""
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            return None
        layer = whole_layer(parameters.get(name), self.parameterAsVectorLayer(parameters, name, context))
        return layer if layer is not None else source

    def read_zone_layers(self, layers, target_crs, context, progress, messages: list) -> list:
        """The zones of standard-schema layers in target_crs, each layer checked (fields, CRS, polygons,
        values) and named as the user knows it; warnings are added to messages."""
        zones = []
        for n, layer in enumerate(layers):
            label = layer_label(layer)
            names = layer.fields().names()
            missing = [f for f in schema.names(schema.ZONES_REQUIRED) if f not in names]
            if missing:
                text = QCoreApplication.translate("EcoZoneAlgorithm", "Layer {0} lacks the fields {1} of the standard zone schema; run 'Standardize element zones' on it first.")  # noqa: E501  # fmt: skip
                raise QgsProcessingException(text.format(label, ", ".join(missing)))
            self.require_crs(layer, label)
            if geometry_kind(layer) in ("point", "line", "none"):
                message = Message("EZ-D016", {"layer": label, **kind_params(geometry_kind(layer))})
                raise QgsProcessingException(message_text(message))
            wanted = [f.name for f in schema.ZONES_REQUIRED + schema.ZONES_OPTIONAL if f.name in names]
            step = SubProgress(progress, 100.0 * n / len(layers), 100.0 * (n + 1) / len(layers))
            rows, read = read_geometries(layer, target_crs, context.transformContext(), step, label, wanted)
            messages += [m for m in read if m.code != "EZ-D003"]  # an empty layer is refused below instead
            try:
                layer_zones, zone_messages = zones_from_rows(rows, label)
            except RecordError as err:
                raise QgsProcessingException(message_text(err.message)) from err
            messages += zone_messages
            zones += layer_zones
            del rows, read, layer_zones
            memory.release()  # the layer's WKB and unrepaired geometries are gone: return their pages
        return zones

    def require_crs(self, source, layer_name: str) -> None:
        """Stop when a layer has no CRS, or one QGIS does not know."""
        crs = source.sourceCrs()
        if not crs.isValid() or crs.mapUnits() == QgsUnitTypes.DistanceUnknownUnit:
            raise QgsProcessingException(message_text(Message("EZ-D021", {"layer": layer_name})))

    def require_fields(self, source, layer_name: str, fields) -> None:
        """Stop with a message naming the layer, the missing fields and the ones it has."""
        names = source.fields().names()
        missing = [f for f in fields if f and f not in names]
        if missing:
            # one line without a trailing comma: pylupdate5 cannot read a translate() call that has one
            text = QCoreApplication.translate("EcoZoneAlgorithm", "Layer {0} has no field {1}. Its fields are: {2}; choose one of them or fix the layer.")  # noqa: E501  # fmt: skip
            raise QgsProcessingException(text.format(layer_name, ", ".join(missing), ", ".join(names)))

    def open_plan(self, parameters, name, context) -> PlanStore:
        """The plan store of a PLAN parameter (a GeoPackage, or a postgresql:// address with its schema),
        or a Processing error in the user's language."""
        path = self.parameterAsFile(parameters, name, context)
        try:
            return open_store(plan_address.resolve(path))
        except EcoZoneError as err:
            raise QgsProcessingException(message_text(err.message)) from err


class StyleLayer(QgsProcessingLayerPostProcessorInterface):
    """Styles an output layer once Processing loads it: the kind's QML, aliases and value maps in
    the interface language (styles.py)."""

    _alive: list = []  # Processing keeps only a pointer: keep the Python objects alive

    def __init__(self, kind: str, display_name: str | None = None, renames: dict | None = None):
        super().__init__()
        self.kind = kind
        self.display_name = display_name
        self.renames = renames or {}

    @classmethod
    def attach(
        cls, context, dest_id: str, kind: str, display_name: str | None = None, renames: dict | None = None
    ) -> None:
        """Style the layer Processing loads; ``renames`` maps the schema's field names to the layer's."""
        if not context.willLoadLayerOnCompletion(dest_id):
            return
        processor = cls(kind, display_name, renames)
        cls._alive.append(processor)
        details = context.layerToLoadOnCompletionDetails(dest_id)
        if display_name:  # the name in the interface language, wherever the file lies (not its file name)
            details.name = display_name
            details.forceName = True
        details.setPostProcessor(processor)

    def postProcessLayer(self, layer, context, feedback):
        if layer is None:
            return
        style_layer(layer, self.kind, ui_lang(), self.renames)
        layer.triggerRepaint()
        if self in StyleLayer._alive:
            StyleLayer._alive.remove(self)
