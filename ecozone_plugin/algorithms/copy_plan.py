"""ecozone:copyplan — a plan copied whole between a GeoPackage and a PostGIS schema."""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from .. import plan_address
from ..core.messages import EcoZoneError
from ..core.plan.copy import copy_plan
from ..core.progress import Canceled
from ..qgis_adapters import FeedbackProgress, message_text
from .base import EcoZoneAlgorithm
from .parameters import plan_parameter


class CopyPlanAlgorithm(EcoZoneAlgorithm):
    group_key = "plan"
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    OVERWRITE = "OVERWRITE"

    def name(self) -> str:
        return "copyplan"

    def displayName(self) -> str:
        return self.tr("Copy plan")

    def shortHelpString(self) -> str:
        return self.tr(
            "Copies a plan whole between a GeoPackage and the team store on PostgreSQL + PostGIS, either way: "
            "the control units, boundary, element zones and which zones each unit holds, every clause with its "
            "number and id, the plan information, the change log and the reasons for the changes of an update, "
            "as they are; the copy's change log then says where it came from. A plan on PostGIS is written as "
            "postgresql://user@host:port/database?schema=plan_schema (the password comes from libpq's password "
            "file or service, never from the plan). The copy is written in one go; an existing target is refused "
            "unless OVERWRITE is set."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter(self.INPUT, self.tr("Plan to copy")))
        target = QgsProcessingParameterString(self.OUTPUT, self.tr("Copy (a .gpkg path or a PostGIS address)"))
        self.addParameter(target)
        self.addParameter(
            QgsProcessingParameterBoolean(self.OVERWRITE, self.tr("Replace an existing target"), defaultValue=False)
        )
        self.parameterDefinition(self.INPUT).setHelp(
            self.tr("A plan GeoPackage, or postgresql://user@host:port/database?schema=plan_schema.")
        )
        self.parameterDefinition(self.OUTPUT).setHelp(
            self.tr("Where the copy goes: a new .gpkg file, or a new schema given as postgresql://…?schema=name.")
        )
        self.parameterDefinition(self.OVERWRITE).setHelp(
            self.tr("Replace the target when it exists (a file, or a schema with everything in it).")
        )
        self.addOutput(QgsProcessingOutputString("COPY", self.tr("Copy")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.open_plan(parameters, self.INPUT, context)
        given = self.parameterAsString(parameters, self.OUTPUT, context).strip()
        if not given:
            raise QgsProcessingException(self.tr("Give where the copy goes (a .gpkg path or a PostGIS address)."))
        overwrite = self.parameterAsBoolean(parameters, self.OVERWRITE, context)
        try:
            target = plan_address.resolve(given)
            copy = copy_plan(source, target, overwrite, QgsApplication.userFullName(), FeedbackProgress(feedback))
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from None
        except EcoZoneError as err:
            raise QgsProcessingException(message_text(err.message)) from err
        feedback.pushInfo(
            self.tr("Plan copied to {0}: {1} units, {2} clauses, {3} change-log entries.").format(
                copy.path, len(copy.units()), len(copy.clauses()), len(copy.history(0))
            )
        )
        return {"COPY": plan_address.shown(given)}
