"""What the algorithm dialogs propose in the desktop: the project's boundary layer with its county code
field, the plan being worked on. Nothing is proposed outside the desktop (qgis_process, scripts,
models), where a parameter left out stays an error rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from qgis.core import QgsFeatureRequest, QgsProject, QgsVectorLayer, QgsWkbTypes

from .core import schema

# Field names sources give the county code and names, lower-cased; the values decide, names only rank.
COUNTY_CODE_NAMES = ("county_code", "区县代码", "县级代码", "xzqdm", "qxdm", "xzqhdm", "xzqh", "adcode", "pac", "code")
COUNTY_NAME_NAMES = ("county_name", "区县名称", "县级名称", "xzqmc", "qxmc", "name", "county")
TOWN_CODE_NAMES = ("town_code", "乡镇代码", "乡镇街道代码", "xzdm", "xzjddm", "xzqdm")
TOWN_NAME_NAMES = ("town_name", "乡镇名称", "乡镇街道名称", "xzmc", "xzjdmc", "xzqmc")
_ADMIN_CODE = re.compile(r"^\d{6}(\d{3}|\d{6})?$")  # a county (6 digits) or township code (9 or 12)
_SAMPLE = 200


@dataclass
class BoundaryGuess:
    layer: QgsVectorLayer
    county_code: str
    county_name: str = ""
    town_code: str = ""
    town_name: str = ""


def in_desktop() -> bool:
    from qgis.utils import iface

    return iface is not None


def _is_ecozone_output(layer: QgsVectorLayer) -> bool:
    """Units, zones and findings carry administrative codes too, but are never the boundary."""
    names = set(layer.fields().names())
    return {"unit_code", "unit_class"} <= names or {"element", "zone_class"} <= names or "unit_uid" in names


def _rank(name: str, wanted: tuple[str, ...]) -> int:
    lowered = name.lower()
    return wanted.index(lowered) if lowered in wanted else len(wanted)


def _values(layer: QgsVectorLayer, field: str) -> list[str]:
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes([field], layer.fields())
    values = (f[field] for f in islice(layer.getFeatures(request), _SAMPLE))
    return [str(v).strip() for v in values if v is not None and str(v).strip() not in ("", "NULL")]


def _code_text(value: str, numeric: bool) -> str:
    """A code as text: a number only when it is whole (500190.0 is 500190, 123456.78 no code)."""
    if not numeric:
        return value
    try:
        number = float(value)
    except ValueError:
        return ""
    return str(int(number)) if number.is_integer() else ""


def _code_fields(layer: QgsVectorLayer) -> dict[str, int]:
    """Fields whose values are all administrative codes, with their longest code's length."""
    found = {}
    for field in layer.fields():
        codes = [_code_text(v, field.isNumeric()) for v in _values(layer, field.name())]
        if codes and all(_ADMIN_CODE.match(c) for c in codes):
            found[field.name()] = max(len(c) for c in codes)
    return found


def _text_field(layer: QgsVectorLayer, wanted: tuple[str, ...]) -> str:
    names = [f.name() for f in layer.fields() if not f.isNumeric() and _rank(f.name(), wanted) < len(wanted)]
    return min(names, key=lambda n: _rank(n, wanted), default="")


def guess_boundary(layer: QgsVectorLayer) -> BoundaryGuess | None:
    """The layer as a boundary when it is polygonal, not an EcoZone output, and has a county code field."""
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return None
    if layer.geometryType() != QgsWkbTypes.PolygonGeometry or _is_ecozone_output(layer):
        return None
    codes = _code_fields(layer)
    if not codes:
        return None
    county = min(codes, key=lambda n: (_rank(n, COUNTY_CODE_NAMES), codes[n]))
    towns = [n for n, length in codes.items() if length > schema.COUNTY_CODE_DIGITS and n != county]
    town = min(towns, key=lambda n: _rank(n, TOWN_CODE_NAMES), default="")
    if not town and codes[county] > schema.COUNTY_CODE_DIGITS and _rank(county, COUNTY_CODE_NAMES) > 0:
        town = county  # one township code field: it gives the county too
    return BoundaryGuess(
        layer,
        county,
        _text_field(layer, COUNTY_NAME_NAMES),
        town,
        _text_field(layer, TOWN_NAME_NAMES) if town else "",
    )


def project_boundary(project: QgsProject | None = None) -> BoundaryGuess | None:
    """The project's most plausible boundary layer: one with township codes before one without."""
    project = project or QgsProject.instance()
    guesses = [g for g in map(guess_boundary, project.mapLayers().values()) if g is not None]
    return max(guesses, key=lambda g: (bool(g.town_code), g.layer.featureCount()), default=None)


def active_plan() -> str:
    """The plan being worked on: the active layer's, else that of the first plan layer in the project."""
    from qgis.utils import iface

    from .ui.widgets import plan_path_of

    active = iface.activeLayer() if iface is not None else None
    if plan_path_of(active):
        return plan_path_of(active)
    for node in QgsProject.instance().layerTreeRoot().findLayers():
        if plan_path_of(node.layer()):
            return plan_path_of(node.layer())
    return ""


def proposed_filing() -> tuple[str, str]:
    """The plan being worked on and its package beside it, <admin code>_<version>_<date>.zip; empty
    strings when the project shows no plan."""
    from .core.filing.package import default_name
    from .core.messages import EcoZoneError
    from .core.plan.geopackage import GeoPackagePlanStore

    plan = active_plan()
    if not plan:
        return "", ""
    try:
        name = default_name(GeoPackagePlanStore(plan))
    except EcoZoneError:  # a plan to upgrade first: the algorithm says so when it runs
        return plan, ""
    return plan, str(Path(plan).with_name(name))
