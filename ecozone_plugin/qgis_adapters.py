"""The one border between QGIS and core: features to shapely (WKB) and back, feedback to
progress, CRSs to EPSG codes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from .core import columnar, schema
from .core.messages import Message, ui_language
from .core.progress import Progress, SubProgress
from .core.zones import geometry as geo
from .core.zones.crs import gk3_epsg_for_longitude, is_cgcs2000_gk
from .ui_locale import qgis_locale


def ui_lang() -> str:
    """'zh' or 'en' for the messages of the core catalogue."""
    return ui_language(qgis_locale())


def message_text(message: Message) -> str:
    return f"[{message.code}] {message.text(ui_lang())}"


class FeedbackProgress(Progress):
    """Core progress on a QgsProcessingFeedback (or any QgsFeedback)."""

    def __init__(self, feedback):
        self.feedback = feedback

    def set_progress(self, percent: float) -> None:
        if self.feedback is not None:
            self.feedback.setProgress(percent)

    def is_canceled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()


def epsg_of(crs: QgsCoordinateReferenceSystem) -> int | None:
    authid = crs.authid()
    if authid.upper().startswith("EPSG:"):
        try:
            return int(authid.split(":", 1)[1])
        except ValueError:
            return None
    return None


def crs_from_text(text: str) -> QgsCoordinateReferenceSystem:
    """A CRS from what core gives: "EPSG:n" or WKT."""
    if text.upper().startswith("EPSG:"):
        return QgsCoordinateReferenceSystem(text)
    return QgsCoordinateReferenceSystem.fromWkt(text)


def working_crs_for(boundary_crs: QgsCoordinateReferenceSystem, boundary_extent, transform_context):
    """BOUNDARY's CRS when it is a CGCS2000 GK CRS, else the GK zone of its centre."""
    epsg = epsg_of(boundary_crs)
    if is_cgcs2000_gk(epsg):
        return boundary_crs
    centre = QgsGeometry.fromPointXY(boundary_extent.center())
    to_geo = QgsCoordinateTransform(boundary_crs, QgsCoordinateReferenceSystem("EPSG:4490"), transform_context)
    centre.transform(to_geo)
    return QgsCoordinateReferenceSystem(f"EPSG:{gk3_epsg_for_longitude(centre.asPoint().x())}")


def geometry_kind(source) -> str:
    """polygon, point, line, none or unknown: what a layer holds, from its WKB type."""
    kinds = {
        QgsWkbTypes.PolygonGeometry: "polygon",
        QgsWkbTypes.PointGeometry: "point",
        QgsWkbTypes.LineGeometry: "line",
        QgsWkbTypes.NullGeometry: "none",
    }
    return kinds.get(QgsWkbTypes.geometryType(source.wkbType()), "unknown")


def layer_label(layer, fallback: str = "") -> str:
    """A layer as its user knows it: for a layer of a multi-layer file, the file and the layer name."""
    if layer is None:
        return fallback
    name = layer.name()
    parts = layer.source().split("|") if layer.providerType() == "ogr" else []
    options = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    table = options.get("layername")
    if not table:
        return name or fallback
    file_name = Path(parts[0]).name
    if name in ("", table, Path(parts[0]).stem, file_name) or name.endswith(f" {table}"):
        return f"{file_name} › {table}"
    return f"{name} ({file_name} › {table})"


def read_geometries(
    source, target_crs, transform_context, progress: Progress, layer_name: str, fields=(), polygons: bool = True
):
    """(feature id, repaired shapely geometry, attributes) of every feature, plus messages.

    Geometries are reprojected to target_crs, made 2D, made valid (each repair reported) and
    put on the 1 mm grid; empty and non-polygonal ones are skipped with a message. With
    ``polygons`` false (sites: points, lines or polygons) every kind is kept, made 2D and valid.
    A whole file layer is read through GDAL's columnar interface, anything else feature by feature.
    """
    names = [name for name in fields if name]
    read = _read_columnar(source, target_crs, transform_context, progress, layer_name, names)
    if read is None:
        read = _read_features(source, target_crs, transform_context, progress, layer_name, names)
    ids, geoms, attrs, messages = read
    repaired = geo.repair_all(geoms) if polygons else geo.repair_any_all(geoms)
    empty = shapely.is_empty(np.asarray([fixed for fixed, _reason in repaired], dtype=object)) if repaired else []
    result = []
    for fid, (fixed, reason), is_empty, attributes in zip(ids, repaired, empty, attrs):
        if reason:
            messages.append(Message("EZ-D001", {"layer": layer_name, "fid": fid, "reason": reason}))
        if is_empty:
            messages.append(Message("EZ-D002", {"layer": layer_name, "fid": fid}))
            continue
        result.append((fid, fixed, attributes))
    if not result and source.featureCount() == 0:
        messages.append(Message("EZ-D003", {"layer": layer_name}))
    return result, messages


def _read_features(source, target_crs, transform_context, progress: Progress, layer_name: str, names):
    """Ids, 2D shapely geometries, attributes and messages, one QgsFeature at a time."""
    messages: list[Message] = []
    transform = None
    if source.sourceCrs() != target_crs:
        transform = QgsCoordinateTransform(source.sourceCrs(), target_crs, transform_context)
    request = QgsFeatureRequest()
    if names:
        request.setSubsetOfAttributes(names, source.fields())
    total = max(source.featureCount(), 1)
    ids, wkbs, attrs = [], [], []
    if isinstance(source, QgsProcessingFeatureSource):
        # Invalid geometries are repaired and reported here, not refused by Processing.
        features = source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(request)
    columns = [source.fields().lookupField(name) for name in names]
    for n, feature in enumerate(features):
        if n % 500 == 0:
            progress.check()
            progress.set_progress(100.0 * n / total)
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            messages.append(Message("EZ-D002", {"layer": layer_name, "fid": feature.id()}))
            continue
        if transform is not None:
            geometry = QgsGeometry(geometry)
            geometry.transform(transform)
        ids.append(feature.id())
        wkbs.append(bytes(geometry.asWkb()))
        values = feature.attributes()
        attrs.append({name: values[i] if i >= 0 else None for name, i in zip(names, columns)})
    geoms = list(shapely.force_2d(shapely.from_wkb(np.asarray(wkbs, dtype=object)))) if wkbs else []
    return ids, geoms, attrs, messages


def file_location(source) -> tuple[str, str | None, int | None] | None:
    """(path, layer name, layer index) of a whole file layer GDAL can read as QGIS does: an OGR
    layer without a subset, pending edits or a virtual file system prefix; None otherwise."""
    if not isinstance(source, QgsVectorLayer) or not source.isValid() or source.providerType() != "ogr":
        return None
    if source.subsetString() or source.isEditable():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", source.source())
    path = parts.get("path") or ""
    if not path or parts.get("vsiPrefix") or parts.get("subset") or not Path(path).exists():
        return None
    name = parts.get("layerName") or None
    index = parts.get("layerId")
    return path, name, int(index) if index not in (None, "") else None


def whole_layer(parameter_value, layer):
    """The layer of a Processing source parameter when the algorithm reads all of it (no
    "selected features only", no feature limit); None when only part of it is wanted."""
    if layer is None:
        return None
    if isinstance(parameter_value, QgsProcessingFeatureSourceDefinition):
        if parameter_value.selectedFeaturesOnly or parameter_value.featureLimit >= 0:
            return None
    return layer


def _read_columnar(source, target_crs, transform_context, progress: Progress, layer_name: str, names):
    """What _read_features gives, read through GDAL's columnar interface; None where that
    does not apply or fails (the caller then reads feature by feature)."""
    location = file_location(source)
    if location is None or not columnar.available():
        return None
    path, name, index = location
    expected = source.featureCount()
    try:
        fids, geoms = columnar.read_shapes(path, name, index, expected, SubProgress(progress, 0, 70))
        present = ~shapely.is_missing(geoms)
        move = None
        if source.sourceCrs() != target_crs:
            operation = transform_context.calculateCoordinateOperation(source.sourceCrs(), target_crs)
            move = columnar.transformer(_wkt(source.sourceCrs()), _wkt(target_crs), operation)
        multi = QgsWkbTypes.isMultiType(source.wkbType())  # as QGIS gives a shapefile's polygons
        for start in range(0, len(geoms), CHUNK):  # each step's copy replaces its chunk: never two layers
            part = slice(start, start + CHUNK)
            geoms[part] = _as_qgis_reads(geoms[part], multi, move)
    except (columnar.ColumnarUnavailable, shapely.errors.ShapelyError, ValueError):
        return None
    attributes = _attribute_rows(source, names, fids, SubProgress(progress, 70, 100))
    if attributes is None:
        return None
    kept = present & ~shapely.is_empty(geoms)
    messages = [Message("EZ-D002", {"layer": layer_name, "fid": int(fid)}) for fid in fids[~kept]]
    ids = [int(fid) for fid in fids[kept]]
    return ids, list(geoms[kept]), [attributes[fid] for fid in ids], messages


CHUNK = 50_000  # geometries handled at once where a step copies them


def _as_qgis_reads(geoms: np.ndarray, multi: bool, move) -> np.ndarray:
    """Geometries as the feature path gives them: 2D, multipart where the layer is, in the target CRS."""
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
    if multi:
        single = shapely.get_type_id(geoms) == 3
        geoms[single] = shapely.multipolygons(geoms[single], indices=np.arange(int(single.sum())))
    if move is not None:
        geoms = shapely.transform(geoms, move)
    return geoms


def _attribute_rows(layer, names, fids, progress: Progress) -> dict | None:
    """Feature id → {field: value} of the named fields, read by QGIS without geometries so
    that text comes in the layer's own encoding; None when QGIS's ids are not GDAL's."""
    if not names:
        return {int(fid): {} for fid in fids}
    request = QgsFeatureRequest()
    request.setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(names, layer.fields())
    columns = [layer.fields().lookupField(name) for name in names]
    total = max(len(fids), 1)
    rows = {}
    for n, feature in enumerate(layer.getFeatures(request)):
        if n % 5000 == 0:
            progress.check()
            progress.set_progress(100.0 * n / total)
        values = feature.attributes()
        rows[feature.id()] = {name: values[i] if i >= 0 else None for name, i in zip(names, columns)}
    if len(rows) != len(fids) or any(int(fid) not in rows for fid in fids):
        return None
    return rows


def _wkt(crs: QgsCoordinateReferenceSystem) -> str:
    return crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED)


QT_TYPE_NAMES = {  # one of core's kinds: (QMetaType.Type's name, QVariant's name)
    schema.TEXT: ("QString", "String"),
    schema.INTEGER: ("Int", "Int"),
    schema.REAL: ("Double", "Double"),
    schema.TIMESTAMP: ("QString", "String"),  # ISO 8601 text, as the plan keeps it
}


def field_type(kind: str):
    """The QGIS field type of one of core's kinds: a QMetaType where QGIS takes one (3.38 and later,
    QGIS 4 on Qt 6), else the QVariant type QGIS 3.22 takes. The one place that names either."""
    meta_name, variant_name = QT_TYPE_NAMES[kind]
    if Qgis.versionInt() >= 33800:
        from qgis.PyQt.QtCore import QMetaType

        return getattr(QMetaType.Type, meta_name)
    from qgis.PyQt import QtCore

    return getattr(QtCore.QVariant, variant_name)


def qgs_fields(fields) -> QgsFields:
    """QGIS fields for one of core's field lists (core/schema.py)."""
    result = QgsFields()
    for field in fields:
        if field.kind == schema.REAL:
            result.append(QgsField(field.name, field_type(schema.REAL), len=20, prec=6))
        else:
            result.append(QgsField(field.name, field_type(field.kind), len=field.length))
    return result


def to_qgs_geometry(geom) -> QgsGeometry:
    qgs = QgsGeometry()
    qgs.fromWkb(geo.to_wkb(geo.as_multipolygon(geom)))
    return qgs


def make_feature(fields, geom, values: dict) -> QgsFeature:
    feature = QgsFeature(fields)
    feature.setGeometry(to_qgs_geometry(geom))
    for name, value in values.items():
        feature[name] = value
    return feature


def reopen_with_encoding(layer: QgsVectorLayer, encoding: str) -> QgsVectorLayer:
    """The same file layer read with the given text encoding (e.g. a GBK shapefile without .cpg)."""
    reopened = QgsVectorLayer(layer.source(), layer.name(), layer.providerType())
    reopened.setProviderEncoding(encoding)
    return reopened


def text_value(value) -> str:
    """An attribute as text; NULL and None become ''."""
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text == "NULL" else text


def int_value(value) -> int | None:
    try:
        return int(float(str(value).strip()))
    except (TypeError, ValueError):
        return None
