"""ecozone:compareversions — two versions of a plan -> change layer and change report."""

from __future__ import annotations

import tempfile
from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from .. import plan_address
from .. import qgis_adapters as qa
from ..core import schema
from ..core.compare import compare, read_version, reproject
from ..core.compare_report import write_html, write_xlsx
from ..core.filing.update import key_of, read_previous
from ..core.messages import EcoZoneError
from ..core.plan.address import is_database_address, open_store
from ..core.progress import Canceled, SubProgress
from ..core.zones.geometry import as_multipolygon, to_wkb
from .base import EcoZoneAlgorithm, StyleLayer

OLD_ZONES_LENGTH = next(f.length for f in schema.CHANGES if f.name == "old_zones")


def _fitted(text: str, length: int) -> str:
    """A text within a field's length, cut with … (the report has it whole)."""
    return text if len(text) <= length else text[: length - 1] + "…"


class CompareVersionsAlgorithm(EcoZoneAlgorithm):
    group_key = "filing"
    OLD = "OLD"
    NEW = "NEW"
    MIN_CHANGE_M2 = "MIN_CHANGE_M2"
    OUTPUT = "OUTPUT"
    OUTPUT_REPORT = "OUTPUT_REPORT"
    PRIORITY_LOSSES = "PRIORITY_LOSSES"
    HARD_LOSSES = "HARD_LOSSES"

    def name(self) -> str:
        return "compareversions"

    def displayName(self) -> str:
        return self.tr("Compare plan versions")

    def shortHelpString(self) -> str:
        return self.tr(
            "Compares an earlier and a newer version of a plan (plan GeoPackages, filing packages, which "
            "are verified against their manifests, or control-unit layer files) piece by piece: every piece "
            "of ground whose class or unit changed, with the change type (class_down from priority, "
            "class_up to priority, class_other, unit_changed, added, removed), its area and county. Losses "
            "of priority-protection ground are flagged, and those still under a red line or protected area "
            "of the new plan marked hard losses. When the newer version is a plan, the reasons it keeps for "
            "these changes (filing dock) are filled in. The report puts every priority loss first "
            "(需省级论证说明), then class areas by county, the transition matrix, and the units and clauses "
            "that changed."
        )

    def initAlgorithm(self, config=None):
        for name, label in ((self.OLD, self.tr("Earlier version")), (self.NEW, self.tr("Newer version"))):
            self.addParameter(
                QgsProcessingParameterFile(
                    name,
                    label,
                    fileFilter=self.tr("Plan, filing package or unit layer (*.gpkg *.zip *.shp)")
                    + ";;"
                    + self.tr("All files or a PostGIS plan (*)"),
                )
            )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_CHANGE_M2,
                self.tr("Smallest change listed (m²)"),
                QgsProcessingParameterNumber.Double,
                1.0,
                minValue=0.0,
            )
        )
        self.show_decimals(self.MIN_CHANGE_M2, 1)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Changes")))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Change report"), fileFilter="HTML (*.html)", optional=True
            )
        )
        helps = {
            self.OLD: self.tr(
                "The plan as filed before: a plan GeoPackage, its filing package (.zip) or a unit layer."
            ),
            self.NEW: self.tr("The plan as it is now; the changes are in its CRS."),
            self.MIN_CHANGE_M2: self.tr("Pieces smaller than this are left out of the change layer and counted."),
            self.OUTPUT: self.tr("One polygon per piece of ground whose class or unit changed."),
            self.OUTPUT_REPORT: self.tr("HTML report; an .xlsx with the same tables is written beside it."),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)
        self.addOutput(QgsProcessingOutputNumber(self.PRIORITY_LOSSES, self.tr("Priority losses")))
        self.addOutput(QgsProcessingOutputNumber(self.HARD_LOSSES, self.tr("Hard losses")))

    def processAlgorithm(self, parameters, context, feedback):
        progress = qa.FeedbackProgress(feedback)
        work = tempfile.mkdtemp(prefix="ecozone-compare-")
        try:
            new_path = plan_address.resolve(self.parameterAsFile(parameters, self.NEW, context))
            new = read_version(new_path, work)
            previous = read_previous(plan_address.resolve(self.parameterAsFile(parameters, self.OLD, context)), work)
            old = reproject(previous.version, new.epsg)
            result = compare(
                old.units,
                new.units,
                new.hard(),
                old.priority_zones(),
                self.parameterAsDouble(parameters, self.MIN_CHANGE_M2, context),
                SubProgress(progress, 10, 80),
            )
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from None
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        reasons = self._reasons(new_path, previous.key)
        fields = qa.qgs_fields(schema.CHANGES + schema.CHANGE_IDS)
        crs = qa.crs_from_text(f"EPSG:{new.epsg}")
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.MultiPolygon, crs)
        for piece in result.pieces:
            feature = QgsFeature(fields)
            geometry = QgsGeometry()
            geometry.fromWkb(to_wkb(as_multipolygon(piece.geometry)))
            feature.setGeometry(geometry)
            feature.setAttributes(
                [
                    piece.old.code if piece.old else None,
                    piece.new.code if piece.new else None,
                    piece.old.unit_class if piece.old else None,
                    piece.new.unit_class if piece.new else None,
                    piece.change_type,
                    round(float(piece.area_km2), 6),
                    piece.county_code,
                    int(piece.priority_loss),
                    int(piece.hard_loss),
                    _fitted(piece.old_zones, OLD_ZONES_LENGTH) or None,
                    reasons.get(key_of(piece)) or None,
                    piece.old.uid if piece.old else None,
                    piece.new.uid if piece.new else None,
                ]
            )
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        outputs = {self.OUTPUT: dest}
        StyleLayer.attach(context, dest, "changes", self.tr("Changes"))
        report = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report:
            by_piece = {id(p): reasons.get(key_of(p), "") for p in result.pieces}
            write_html(report, result, old, new, by_piece)
            write_xlsx(Path(report).with_suffix(".xlsx"), result, old, new, by_piece)
            outputs[self.OUTPUT_REPORT] = report
        losses = result.priority_losses
        hard = [p for p in losses if p.hard_loss]
        text = self.tr("Unit {0}: {1:.4f} km² leave priority protection though still under a red line or protected area of the new plan.")  # noqa: E501  # fmt: skip
        for piece in hard:
            feedback.reportError(text.format(piece.old.code, piece.area_km2), fatalError=False)
        feedback.pushInfo(
            self.tr("{0} changed pieces, {1} priority losses ({2} hard), {3} pieces under the smallest change.").format(
                len(result.pieces), len(losses), len(hard), result.small_pieces
            )
        )
        outputs[self.PRIORITY_LOSSES] = len(losses)
        outputs[self.HARD_LOSSES] = len(hard)
        return outputs

    @staticmethod
    def _reasons(new_path: str, previous_key: str) -> dict[str, str]:
        """The reasons the newer plan keeps for its changes against this earlier version (by piece)."""
        if not is_database_address(new_path) and Path(new_path).suffix.lower() != ".gpkg":
            return {}
        try:
            store = open_store(new_path)
        except EcoZoneError:  # a unit layer, not a plan: it keeps no reasons
            return {}
        return {key: r.reason for key, r in store.change_reasons(previous_key).items()}
