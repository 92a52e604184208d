"""ecozone:unitstatistics — counts and areas by class, by county and class, by element subtype."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from .. import qgis_adapters as qa
from ..core import schema
from ..core.check.statistics import compute, write_html, write_xlsx
from .base import EcoZoneAlgorithm
from .parameters import plan_parameter

COLUMNS = (
    ("table", schema.TEXT),
    ("county_code", schema.TEXT),
    ("county_name", schema.TEXT),
    ("unit_class", schema.INTEGER),
    ("element", schema.TEXT),
    ("subtype", schema.TEXT),
    ("units", schema.INTEGER),
    ("area_km2", schema.REAL),
    ("share_pct", schema.REAL),
)


class UnitStatisticsAlgorithm(EcoZoneAlgorithm):
    group_key = "filing"
    PLAN = "PLAN"
    OUTPUT = "OUTPUT"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def name(self) -> str:
        return "unitstatistics"

    def displayName(self) -> str:
        return self.tr("Unit statistics")

    def shortHelpString(self) -> str:
        return self.tr(
            "Counts and areas of the plan's control units by class, by county and class and by unit "
            "subclass, and the area and share of each element subtype, as a table and as a report with a "
            "bar chart of class areas per county: an Excel workbook (.xlsx) or a web page (.html), by the "
            "file's extension."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter(self.PLAN, self.tr("Plan")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Statistics table"), optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT,
                self.tr("Statistics report"),
                fileFilter="Excel (*.xlsx);;HTML (*.html)",
                optional=True,
            )
        )
        self.parameterDefinition(self.PLAN).setHelp(self.tr("The plan GeoPackage made by Create plan."))
        self.parameterDefinition(self.OUTPUT).setHelp(
            self.tr(
                "One row per class, per county and class, per element subtype and per unit subclass (the subclass "
                "in the subtype field)."
            )
        )
        self.parameterDefinition(self.OUTPUT_REPORT).setHelp(
            self.tr("An .xlsx workbook or an .html page with the tables and the chart.")
        )

    def processAlgorithm(self, parameters, context, feedback):
        store = self.open_plan(parameters, self.PLAN, context)
        stats = compute(store.units(), store.unit_zones())
        feedback.setProgress(40)
        outputs = {}
        fields = QgsFields()
        for name, kind in COLUMNS:
            fields.append(QgsField(name, qa.field_type(kind)))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is not None:
            for row in stats.rows():
                feature = QgsFeature(fields)
                feature.setAttributes([row[name] for name, _kind in COLUMNS])
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            outputs[self.OUTPUT] = dest_id
        report = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report:
            title = self.tr("Control units of {0}").format(store.info().get("county_names", "").replace(";", "、"))
            try:
                if report.lower().endswith(".html"):
                    write_html(stats, report, title, qa.ui_lang())
                else:
                    write_xlsx(stats, report, title, qa.ui_lang())
            except OSError as err:
                raise QgsProcessingException(self.tr("Cannot write {0}: {1}").format(report, err)) from err
            outputs[self.OUTPUT_REPORT] = report
        for unit_class, (count, area) in sorted(stats.by_class.items()):
            feedback.pushInfo(
                self.tr("Class {0}: {1} units, {2:.2f} km² ({3:.1f}%).").format(
                    unit_class, count, area, stats.share(area)
                )
            )
        return outputs
