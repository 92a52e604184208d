"""ecozone:validateplan — a plan -> error layer, JSON and HTML reports."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .. import qgis_adapters as qa
from ..core import schema
from ..core.check.report import report_html, report_json
from ..core.check.validation import plan_profile, validate_store
from ..core.messages import EcoZoneError
from ..core.progress import Canceled
from .base import EcoZoneAlgorithm, StyleLayer
from .parameters import plan_parameter


def error_fields() -> QgsFields:
    return qa.qgs_fields(schema.FINDINGS)


class ValidatePlanAlgorithm(EcoZoneAlgorithm):
    group_key = "filing"
    PLAN = "PLAN"
    PROFILE = "PROFILE"
    OUTPUT_ERRORS = "OUTPUT_ERRORS"
    OUTPUT_REPORT = "OUTPUT_REPORT"
    ERRORS = "ERRORS"
    WARNINGS = "WARNINGS"

    def name(self) -> str:
        return "validateplan"

    def displayName(self) -> str:
        return self.tr("Validate plan")

    def shortHelpString(self) -> str:
        return self.tr(
            "Checks a plan before filing and lists every finding with a stable code, its severity, a message "
            "in Chinese and English with the fix, the unit and, where it has a place, its geometry: geometry "
            "(invalid, empty, not polygonal, repeated vertices, tiny rings), coverage of the county boundaries "
            "(gaps, overlaps, units outside the boundary or crossing a county), codes (template, uniqueness, "
            "county prefix, class digit) and names, attributes (required fields, class values, area), rules "
            "(red line and protected areas inside priority units, fragments below the minimum area) and the "
            "admission list (a clause in each of the four dimensions for every unit). The profile says which "
            "findings are errors and which warnings."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter(self.PLAN, self.tr("Plan")))
        self.addParameter(
            QgsProcessingParameterString(self.PROFILE, self.tr("Profile"), defaultValue="", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_ERRORS, self.tr("Findings"), QgsProcessing.TypeVectorPolygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Validation report"), fileFilter="HTML (*.html)", optional=True
            )
        )
        helps = {
            self.PLAN: self.tr("The plan GeoPackage made by Create plan."),
            self.PROFILE: self.tr("Empty: the profile kept in the plan; or a bundled profile id or .json path."),
            self.OUTPUT_ERRORS: self.tr(
                "One feature per finding: the gap or overlap itself, a small square around a point-like finding, "
                "no geometry for findings without a place."
            ),
            self.OUTPUT_REPORT: self.tr("HTML report; the JSON report is written beside it (.json)."),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)
        definition = self.parameterDefinition(self.PROFILE)
        definition.setFlags(definition.flags() | definition.FlagAdvanced)
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber(self.WARNINGS, self.tr("Warnings")))

    def processAlgorithm(self, parameters, context, feedback):
        store = self.open_plan(parameters, self.PLAN, context)
        try:
            profile = plan_profile(store, self.parameterAsString(parameters, self.PROFILE, context))
            result = validate_store(store, profile, qa.FeedbackProgress(feedback))
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from None
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        lang = qa.ui_lang()
        outputs = {self.ERRORS: result.errors, self.WARNINGS: result.warnings}
        qgs_crs = qa.crs_from_text(store.crs())
        fields = error_fields()
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT_ERRORS, context, fields, QgsWkbTypes.MultiPolygon, qgs_crs
        )
        if sink is not None:
            for finding in result.findings:
                feature = QgsFeature(fields)
                if finding.geometry is not None:
                    feature.setGeometry(qa.to_qgs_geometry(finding.geometry))
                feature.setAttributes(
                    [finding.code, finding.category, finding.severity, finding.unit_code, finding.message.text(lang)]
                )
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            outputs[self.OUTPUT_ERRORS] = dest_id
            StyleLayer.attach(context, dest_id, "findings", self.tr("Validation findings"))
        report = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report:
            Path(report).write_text(report_html(result, store.path, profile, lang), encoding="utf-8")
            Path(report).with_suffix(".json").write_text(
                report_json(result, store.path, profile, lang), encoding="utf-8"
            )
            outputs[self.OUTPUT_REPORT] = report
        for finding in result.findings[:200]:
            text = f"[{finding.code}] {finding.message.text(lang)}"
            if finding.severity == "error":
                feedback.reportError(text, fatalError=False)
            else:
                feedback.pushWarning(text)
        feedback.pushInfo(
            self.tr("{0} units checked: {1} errors, {2} warnings.").format(result.units, result.errors, result.warnings)
        )
        return outputs
