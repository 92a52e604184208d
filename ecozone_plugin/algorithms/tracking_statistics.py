"""ecozone:trackingstatistics — several plan versions -> statistics over versions and their transitions."""

from __future__ import annotations

import tempfile
from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsWkbTypes,
)

from .. import plan_address
from .. import qgis_adapters as qa
from ..core import schema
from ..core.compare import read_version
from ..core.messages import EcoZoneError
from ..core.tracking import track, write_html, write_xlsx
from .base import EcoZoneAlgorithm


class TrackingStatisticsAlgorithm(EcoZoneAlgorithm):
    group_key = "filing"
    INPUTS = "INPUTS"
    OUTPUT = "OUTPUT"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def name(self) -> str:
        return "trackingstatistics"

    def displayName(self) -> str:
        return self.tr("Tracking statistics")

    def shortHelpString(self) -> str:
        return self.tr(
            "Puts several versions of a plan side by side (plan GeoPackages, filing packages or unit layers), "
            "ordered by their compiled date and version: per version and county the units and areas by class "
            "and by class and subclass, with the change from the version before, and the transition matrix "
            "between consecutive versions. Versions whose counties differ are reported. The report is a workbook "
            "with a chart, and an HTML page with the same tables beside it."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterMultipleLayers(self.INPUTS, self.tr("Plan versions"), QgsProcessing.TypeFile)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Statistics table"), QgsProcessing.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Tracking report"), fileFilter="Excel (*.xlsx)", optional=True
            )
        )
        helps = {
            self.INPUTS: self.tr("Two or more versions: plan GeoPackages, filing packages (.zip) or unit layers."),
            self.OUTPUT: self.tr("One row per version, county, class (and subclass), with the change from before."),
            self.OUTPUT_REPORT: self.tr("Workbook with a chart and the transition matrices; an .html beside it."),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)

    def processAlgorithm(self, parameters, context, feedback):
        paths = [plan_address.resolve(str(p)) for p in self.parameterAsFileList(parameters, self.INPUTS, context)]
        if len(paths) < 2:
            raise QgsProcessingException(self.tr("Give at least two plan versions to track."))
        work = tempfile.mkdtemp(prefix="ecozone-tracking-")
        try:
            result = track([read_version(path, work) for path in paths])
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        for note in result.county_notes:
            feedback.pushWarning(note)
        outputs = {}
        fields: QgsFields = qa.qgs_fields(schema.TRACKING)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is not None:
            for row in result.rows:
                feature = QgsFeature(fields)
                feature.setAttributes([row[f.name] for f in schema.TRACKING])
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            outputs[self.OUTPUT] = dest
        report = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report:
            write_xlsx(result, report)
            write_html(result, Path(report).with_suffix(".html"))
            outputs[self.OUTPUT_REPORT] = report
        feedback.pushInfo(
            self.tr("{0} versions, {1} rows, {2} transition matrices.").format(
                len(result.versions), len(result.rows), len(result.matrices)
            )
        )
        return outputs
