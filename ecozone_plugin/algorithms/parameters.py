"""Parameters several algorithms take the same way, defined once."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..prefill import in_desktop, project_boundary

BOUNDARY, COUNTY_CODE_FIELD, COUNTY_NAME_FIELD = "BOUNDARY", "COUNTY_CODE_FIELD", "COUNTY_NAME_FIELD"
# "All files" lets a plan's postgresql://…?schema=… address through Processing's check of the value
PLAN_FILTER = "GeoPackage (*.gpkg);;All files (*)"


def plan_parameter(name: str, description: str, **kwargs) -> QgsProcessingParameterFile:
    """A PLAN parameter: a plan GeoPackage, or a PostGIS plan's address (postgresql://…?schema=…)."""
    return QgsProcessingParameterFile(name, description, fileFilter=PLAN_FILTER, **kwargs)


def add_boundary_parameters(algorithm, boundary_help: str):
    """BOUNDARY (counties, or townships inside counties) with its county code and county name fields;
    in the desktop they propose the project's boundary layer and its fields (returned, or None)."""
    boundary = QgsProcessingParameterFeatureSource(
        BOUNDARY,
        QCoreApplication.translate("EcoZoneParameters", "Administrative boundary (counties or townships)"),
        [QgsProcessing.TypeVectorPolygon],
    )
    boundary.setHelp(boundary_help)
    code = QgsProcessingParameterField(
        COUNTY_CODE_FIELD,
        QCoreApplication.translate("EcoZoneParameters", "County code field"),
        parentLayerParameterName=BOUNDARY,
    )
    code.setHelp(
        QCoreApplication.translate("EcoZoneParameters", "Field with the 6-digit county code (GB/T 2260); a longer township code is cut to its first 6 digits.")  # noqa: E501  # fmt: skip
    )
    name = QgsProcessingParameterField(
        COUNTY_NAME_FIELD,
        QCoreApplication.translate("EcoZoneParameters", "County name field"),
        parentLayerParameterName=BOUNDARY,
        optional=True,
    )
    name.setHelp(
        QCoreApplication.translate("EcoZoneParameters", "Field with the county name; without it, names and reports use the county code.")  # noqa: E501  # fmt: skip
    )
    guess = project_boundary() if in_desktop() else None
    if guess is not None:
        boundary.setDefaultValue(guess.layer.id())
        code.setDefaultValue(guess.county_code)
        name.setDefaultValue(guess.county_name or None)
    for parameter in (boundary, code, name):
        algorithm.addParameter(parameter)
    return guess
