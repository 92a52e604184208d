"""ecozone:exportadmissionlist and ecozone:importadmissionlist — the plan's clauses <-> Excel."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from .. import qgis_adapters as qa
from ..core.admission.excel import export_workbook, import_workbook
from ..core.messages import EcoZoneError
from ..core.progress import Canceled
from .base import EcoZoneAlgorithm
from .parameters import plan_parameter

MAX_LISTED = 30  # problems written into the error message; every one goes to the log


class ExportAdmissionListAlgorithm(EcoZoneAlgorithm):
    group_key = "plan"
    PLAN = "PLAN"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "exportadmissionlist"

    def displayName(self) -> str:
        return self.tr("Export admission list to Excel")

    def shortHelpString(self) -> str:
        return self.tr(
            "Writes the plan's admission list as an Excel workbook: the sheets 市级, 区县级 and 单元级 with "
            "one clause per row, and the appendix 附表 with one row per unit and, in each of the four "
            "dimensions, every clause that applies to the unit (city, county and its own), one per line. "
            "Formatted for print: wrapped text, frozen header, Chinese fonts, landscape A4."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter(self.PLAN, self.tr("Plan")))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Workbook"), fileFilter="Excel (*.xlsx)")
        )
        self.parameterDefinition(self.PLAN).setHelp(self.tr("The plan GeoPackage made by Create plan."))
        self.parameterDefinition(self.OUTPUT).setHelp(self.tr("The .xlsx file to write."))

    def processAlgorithm(self, parameters, context, feedback):
        store = self.open_plan(parameters, self.PLAN, context)
        path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        try:
            counts = export_workbook(store, path, qa.FeedbackProgress(feedback))
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from None
        except OSError as err:
            raise QgsProcessingException(self.tr("Cannot write {0}: {1}").format(path, err)) from err
        feedback.pushInfo(
            self.tr("{0}: {1} city, {2} county and {3} unit clauses; appendix of {4} units.").format(
                path, counts["市级"], counts["区县级"], counts["单元级"], counts["附表"]
            )
        )
        return {self.OUTPUT: path}


class ImportAdmissionListAlgorithm(EcoZoneAlgorithm):
    group_key = "plan"
    PLAN = "PLAN"
    INPUT = "INPUT"
    MODE = "MODE"
    REPLACE = "REPLACE"
    ADDED = "ADDED"
    UPDATED = "UPDATED"
    REMOVED = "REMOVED"
    PROBLEMS = "PROBLEMS"

    def name(self) -> str:
        return "importadmissionlist"

    def displayName(self) -> str:
        return self.tr("Import admission list from Excel")

    def shortHelpString(self) -> str:
        return self.tr(
            "Reads admission list clauses from an Excel workbook into the plan, in one transaction. It reads "
            "the sheets written by Export admission list (层级, 范围编码, 适用类别, 维度, 条款编号, 条款内容, "
            "行业代码) or, when those are absent, an appendix table with one row per unit (环境管控单元编码 "
            "and the four dimensions, several clauses per cell, one per line), wherever it is in the "
            "workbook. Unknown unit codes, unknown dimensions, repeated clause numbers and empty texts are "
            "reported with sheet and row."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter(self.PLAN, self.tr("Plan")))
        self.addParameter(QgsProcessingParameterFile(self.INPUT, self.tr("Workbook"), extension="xlsx"))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MODE,
                self.tr("When rows have problems"),
                options=[self.tr("Import nothing"), self.tr("Import the clean rows")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.REPLACE, self.tr("Remove clauses that the file lacks"), defaultValue=False
            )
        )
        helps = {
            self.PLAN: self.tr("The plan GeoPackage made by Create plan."),
            self.INPUT: self.tr("An .xlsx workbook with the level sheets or an appendix table."),
            self.MODE: self.tr("Import nothing unless the whole file is clean (default), or import the clean rows."),
            self.REPLACE: self.tr(
                "Off (default): clauses of the plan that the file does not have are kept. On: they are "
                "removed, for the levels the file has sheets for."
            ),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)
        for name, text in (
            (self.ADDED, self.tr("Clauses added")),
            (self.UPDATED, self.tr("Clauses updated")),
            (self.REMOVED, self.tr("Clauses removed")),
            (self.PROBLEMS, self.tr("Rows with problems")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, text))

    def processAlgorithm(self, parameters, context, feedback):
        store = self.open_plan(parameters, self.PLAN, context)
        path = self.parameterAsFile(parameters, self.INPUT, context)
        mode = self.parameterAsEnum(parameters, self.MODE, context)
        replace = self.parameterAsBoolean(parameters, self.REPLACE, context)
        try:
            report = import_workbook(store, path, mode=mode, replace=replace, progress=qa.FeedbackProgress(feedback))
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: nothing was imported.")) from None
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        for problem in report.problems:
            feedback.reportError(qa.message_text(problem), fatalError=False)
        if not report.applied:
            listed = "\n".join(qa.message_text(p) for p in report.problems[:MAX_LISTED])
            more = len(report.problems) - MAX_LISTED
            if more > 0:
                listed += "\n" + self.tr("… and {0} more (see the log).").format(more)
            raise QgsProcessingException(
                self.tr(
                    "{0} rows of {1} have problems, so nothing was imported. Correct them, or choose to import "
                    "the clean rows.\n{2}"
                ).format(len(report.problems), path, listed)
            )
        feedback.pushInfo(
            self.tr(
                "{0} clauses added, {1} updated, {2} removed, {3} unchanged; {4} rows with problems skipped."
            ).format(report.added, report.updated, report.removed, report.unchanged, len(report.problems))
        )
        return {
            self.ADDED: report.added,
            self.UPDATED: report.updated,
            self.REMOVED: report.removed,
            self.PROBLEMS: len(report.problems),
        }
