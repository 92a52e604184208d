"""Write resources/models/ecozone_standardize_derive.model3 with PyQGIS (reproducible).

The model standardizes an ecology layer and a water layer and derives the control units
from them and the boundary: the toolbox chain for one element set.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_model.py
"""

from __future__ import annotations

import sys

from headless import ROOT, start_qgis
from qgis.core import (
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterField,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtCore import QPointF

TARGET = ROOT / "resources" / "models" / "ecozone_standardize_derive.model3"


def add_input(model, parameter, x, y):
    model.addModelParameter(parameter, QgsProcessingModelParameter(parameter.name()))
    component = model.parameterComponent(parameter.name())
    component.setPosition(QPointF(x, y))


def standardize_child(child_id, element, layer_param, field_param, y):
    child = QgsProcessingModelChildAlgorithm("ecozone:standardizezones")
    child.setChildId(child_id)
    child.setDescription(f"Standardize {element}")
    child.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter(layer_param)])
    child.addParameterSources("ELEMENT", [QgsProcessingModelChildParameterSource.fromStaticValue(element)])
    child.addParameterSources("CLASS_FIELD", [QgsProcessingModelChildParameterSource.fromModelParameter(field_param)])
    child.setPosition(QPointF(420, y))
    return child


def main() -> int:
    app, _provider = start_qgis()
    model = QgsProcessingModelAlgorithm("standardize_derive", "Control units", "zoning")
    model.setHelpContent(
        {
            "ALG_DESC": "Standardizes an ecology layer and a water layer, then derives the control "
            "units of the boundary's counties (overlay, default settings). "
            "生态、水环境要素分区标准化后叠加划定环境管控单元。"
        }
    )
    add_input(
        model,
        QgsProcessingParameterVectorLayer("ecology", "Ecology zones 生态分区", [QgsProcessing.TypeVectorPolygon]),
        120,
        60,
    )
    add_input(
        model,
        QgsProcessingParameterField(
            "ecology_class", "Ecology class field 生态分区类别字段", parentLayerParameterName="ecology"
        ),
        120,
        120,
    )
    add_input(
        model,
        QgsProcessingParameterVectorLayer("water", "Water zones 水环境分区", [QgsProcessing.TypeVectorPolygon]),
        120,
        200,
    )
    add_input(
        model,
        QgsProcessingParameterField(
            "water_class", "Water class field 水环境分区类别字段", parentLayerParameterName="water"
        ),
        120,
        260,
    )
    add_input(
        model,
        QgsProcessingParameterVectorLayer("boundary", "Boundary 行政边界", [QgsProcessing.TypeVectorPolygon]),
        120,
        340,
    )
    add_input(
        model,
        QgsProcessingParameterField(
            "county_code", "County code field 区县代码字段", parentLayerParameterName="boundary"
        ),
        120,
        400,
    )
    add_input(
        model,
        QgsProcessingParameterField(
            "county_name", "County name field 区县名称字段", parentLayerParameterName="boundary"
        ),
        120,
        460,
    )

    model.addChildAlgorithm(standardize_child("std_ecology", "ecology", "ecology", "ecology_class", 100))
    model.addChildAlgorithm(standardize_child("std_water", "water", "water", "water_class", 240))
    derive = QgsProcessingModelChildAlgorithm("ecozone:deriveunits")
    derive.setChildId("derive")
    derive.setDescription("Derive control units")
    derive.addParameterSources("BOUNDARY", [QgsProcessingModelChildParameterSource.fromModelParameter("boundary")])
    derive.addParameterSources(
        "COUNTY_CODE_FIELD", [QgsProcessingModelChildParameterSource.fromModelParameter("county_code")]
    )
    derive.addParameterSources(
        "COUNTY_NAME_FIELD", [QgsProcessingModelChildParameterSource.fromModelParameter("county_name")]
    )
    derive.addParameterSources(
        "ZONES",
        [
            QgsProcessingModelChildParameterSource.fromChildOutput("std_ecology", "OUTPUT"),
            QgsProcessingModelChildParameterSource.fromChildOutput("std_water", "OUTPUT"),
        ],
    )
    derive.addParameterSources("METHOD", [QgsProcessingModelChildParameterSource.fromStaticValue(0)])
    derive.addParameterSources("MIN_AREA", [QgsProcessingModelChildParameterSource.fromStaticValue(0.1)])
    derive.addParameterSources("PROFILE", [QgsProcessingModelChildParameterSource.fromStaticValue("default")])
    output = QgsProcessingModelOutput("units", "Control units 环境管控单元")
    output.setChildId("derive")
    output.setChildOutputName("OUTPUT")
    derive.setModelOutputs({"units": output})
    derive.setPosition(QPointF(720, 170))
    model.addChildAlgorithm(derive)
    model.updateDestinationParameters()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(TARGET)):
        print("could not write", TARGET, file=sys.stderr)
        return 1
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
