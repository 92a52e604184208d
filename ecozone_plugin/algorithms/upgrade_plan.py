"""ecozone:upgradeplan — a plan made by an older EcoZone brought to this one's schema, after a backup."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingOutputString, QgsProcessingParameterFile

from ..core.messages import EcoZoneError
from ..core.plan.geopackage import GeoPackagePlanStore
from ..core.plan.schema import SCHEMA_VERSION
from ..qgis_adapters import message_text
from .base import EcoZoneAlgorithm


class UpgradePlanAlgorithm(EcoZoneAlgorithm):
    group_key = "plan"
    PLAN = "PLAN"
    BACKUP = "BACKUP"

    def name(self) -> str:
        return "upgradeplan"

    def displayName(self) -> str:
        return self.tr("Upgrade plan")

    def shortHelpString(self) -> str:
        return self.tr(
            "Brings a plan made by an older EcoZone to this version's schema, in one transaction logged in the "
            "change log. A copy of the plan as it was is kept beside it first (name.schemaN.bak.gpkg). A plan "
            "that is current already is left untouched."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.PLAN, self.tr("Plan"), extension="gpkg"))
        self.parameterDefinition(self.PLAN).setHelp(self.tr("The plan GeoPackage to upgrade."))
        self.addOutput(QgsProcessingOutputString(self.BACKUP, self.tr("Backup copy")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.PLAN, context)
        try:
            store = GeoPackagePlanStore(path, allow_old=True)
            old = store.schema_version
            backup = store.migrate(QgsApplication.userFullName())
        except EcoZoneError as err:
            raise QgsProcessingException(message_text(err.message)) from err
        if backup is None:
            feedback.pushInfo(self.tr("The plan {0} is current (schema version {1}): nothing to do.").format(path, old))
        else:
            feedback.pushInfo(
                self.tr("The plan {0} was upgraded from schema version {1} to {2}; the copy before is {3}.").format(
                    path, old, SCHEMA_VERSION, backup
                )
            )
        return {self.PLAN: path, self.BACKUP: str(backup or "")}
