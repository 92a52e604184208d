"""The EcoZone Processing provider (id ``ecozone``)."""

from __future__ import annotations

from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..paths import plugin_version, resource
from .admission_list import ExportAdmissionListAlgorithm, ImportAdmissionListAlgorithm
from .compare_versions import CompareVersionsAlgorithm
from .copy_plan import CopyPlanAlgorithm
from .create_plan import CreatePlanAlgorithm
from .derive_units import DeriveUnitsAlgorithm
from .filing import ExportFilingAlgorithm, ImportFilingAlgorithm
from .screen_site import ScreenSiteAlgorithm
from .set_plan_info import SetPlanInfoAlgorithm
from .standardize_zones import StandardizeZonesAlgorithm
from .tracking_statistics import TrackingStatisticsAlgorithm
from .unit_statistics import UnitStatisticsAlgorithm
from .upgrade_plan import UpgradePlanAlgorithm
from .validate_plan import ValidatePlanAlgorithm


class EcoZoneProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "ecozone"

    def name(self) -> str:
        return QCoreApplication.translate("EcoZoneProvider", "EcoZone zoning control")

    def longName(self) -> str:
        return QCoreApplication.translate("EcoZoneProvider", "EcoZone zoning control {0}").format(plugin_version())

    def icon(self) -> QIcon:
        return QIcon(str(resource("icons", "ecozone.svg")))

    def versionInfo(self) -> str:
        return plugin_version()

    def loadAlgorithms(self) -> None:
        self.addAlgorithm(StandardizeZonesAlgorithm())
        self.addAlgorithm(DeriveUnitsAlgorithm())
        self.addAlgorithm(CreatePlanAlgorithm())
        self.addAlgorithm(ExportAdmissionListAlgorithm())
        self.addAlgorithm(ImportAdmissionListAlgorithm())
        self.addAlgorithm(UpgradePlanAlgorithm())
        self.addAlgorithm(CopyPlanAlgorithm())
        self.addAlgorithm(SetPlanInfoAlgorithm())
        self.addAlgorithm(ValidatePlanAlgorithm())
        self.addAlgorithm(UnitStatisticsAlgorithm())
        self.addAlgorithm(ExportFilingAlgorithm())
        self.addAlgorithm(ImportFilingAlgorithm())
        self.addAlgorithm(ScreenSiteAlgorithm())
        self.addAlgorithm(CompareVersionsAlgorithm())
        self.addAlgorithm(TrackingStatisticsAlgorithm())
        for path in sorted(resource("models").glob("*.model3")):
            model = BundledModel()
            if model.fromFile(str(path)):
                self.addAlgorithm(model)


class BundledModel(QgsProcessingModelAlgorithm):
    """A model shipped with the plugin, named and grouped in the interface language (its id,
    ecozone:<model_name>, stays as saved)."""

    NAMES = {"standardize_derive": QT_TRANSLATE_NOOP("BundledModel", "Standardize zones, then derive control units")}

    def displayName(self) -> str:  # noqa: N802 - QGIS API
        text = self.NAMES.get(self.name())
        return QCoreApplication.translate("BundledModel", text) if text else super().displayName()

    def group(self) -> str:
        return QCoreApplication.translate("EcoZoneAlgorithm", "Control units")

    def groupId(self) -> str:  # noqa: N802 - QGIS API
        return "zoning"
