"""Processing dialog widgets the standard ones do not give: a choice of coded values shown by name.

A static-string enum shows its strings as they are (water, air, …); authors should read 水环境,
大气环境 while the algorithm, models and qgis_process keep the stored key.
"""

from __future__ import annotations

from processing.gui.wrappers import DIALOG_MODELER, WidgetWrapper
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterString
from qgis.PyQt.QtWidgets import QComboBox

from ..core.terms import terms
from ..qgis_adapters import ui_lang


class TermChoiceWrapper(WidgetWrapper):
    """A drop-down of one kind of coded value (core/terms.py), named in the interface language;
    its value is the stored key. In the modeler it also offers the model's inputs."""

    kind = ""

    def createWidget(self, **kwargs):
        combo = QComboBox()
        for key, name in terms(self.kind, ui_lang()).items():
            combo.addItem(name if name == key else f"{name}（{key}）", key)
        if self.dialogType == DIALOG_MODELER:
            for source in self.dialog.getAvailableValuesOfType(
                [QgsProcessingParameterEnum, QgsProcessingParameterString]
            ):
                combo.addItem(self.dialog.resolveValueDescription(source), source)
        combo.currentIndexChanged.connect(lambda _index: self.widgetValueHasChanged.emit(self))
        return combo

    def setValue(self, value):
        self.setComboValue(value, self.widget)

    def value(self):
        return self.widget.currentData()


class ElementChoiceWrapper(TermChoiceWrapper):
    kind = "element"
