"""ecozone:setplaninfo — a plan's filing information (province, city, compiled by, …) set in one
logged transaction, for batch work and models without the Filing dock."""

from __future__ import annotations

import json

from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterString,
)

from ..core.messages import EcoZoneError
from ..core.plan.info import AUTHOR_INFO, checked_info, info_label
from ..qgis_adapters import message_text, ui_lang
from .base import EcoZoneAlgorithm
from .parameters import plan_parameter


class SetPlanInfoAlgorithm(EcoZoneAlgorithm):
    group_key = "plan"
    PLAN = "PLAN"
    INFO = "INFO"
    REASON = "REASON"
    CHANGED = "CHANGED"

    def name(self) -> str:
        return "setplaninfo"

    def displayName(self) -> str:
        return self.tr("Set plan information")

    def shortHelpString(self) -> str:
        keys = ", ".join(f"{key} ({info_label(key, 'zh')})" for key in AUTHOR_INFO)
        return self.tr(
            "Sets the plan's filing information, as the Filing dock does, in one transaction recorded in the "
            'change log. INFO is a JSON object of entries and values, e.g. {{"province": "重庆市", '
            '"compiled_by": "某某环境科学研究院"}}. The entries an author sets: {0}. An unknown entry or a date '
            "not written YYYY-MM-DD is refused and nothing is written."
        ).format(keys)

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter(self.PLAN, self.tr("Plan")))
        self.addParameter(QgsProcessingParameterString(self.INFO, self.tr("Plan information (JSON)"), multiLine=True))
        self.addParameter(QgsProcessingParameterString(self.REASON, self.tr("Reason"), optional=True))
        self.parameterDefinition(self.PLAN).setHelp(self.tr("The plan GeoPackage."))
        self.parameterDefinition(self.REASON).setHelp(self.tr("Why the entries change; kept in the change log."))
        self.parameterDefinition(self.INFO).setHelp(
            self.tr('A JSON object, e.g. {"province": "重庆市", "city": "重庆市", "plan_version": "2025"}.')
        )
        self.addOutput(QgsProcessingOutputString(self.CHANGED, self.tr("Entries set")))

    def processAlgorithm(self, parameters, context, feedback):
        text = self.parameterAsString(parameters, self.INFO, context)
        try:
            values = json.loads(text)
        except json.JSONDecodeError as err:
            raise QgsProcessingException(
                self.tr("INFO is not valid JSON ({0}): write an object such as {1}.").format(
                    err, '{"province": "重庆市"}'
                )
            ) from err
        store = self.open_plan(parameters, self.PLAN, context)
        try:
            values = checked_info(values)
            store.set_info(
                values, QgsApplication.userFullName(), self.parameterAsString(parameters, self.REASON, context)
            )
        except EcoZoneError as err:
            raise QgsProcessingException(message_text(err.message)) from err
        lang = ui_lang()
        shown = "; ".join(f"{info_label(k, lang)} = {v}" for k, v in values.items())
        feedback.pushInfo(self.tr("Set in plan {0}: {1}.").format(store.path, shown))
        return {self.PLAN: store.path, self.CHANGED: ",".join(values)}
