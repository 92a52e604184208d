"""Reading a file layer's geometries through GDAL's columnar (Arrow) interface.

One call per batch of tens of thousands of features, each batch's WKB made into shapely
geometries at once (so a layer's WKB never sits in memory whole), instead of one feature
object at a time. Only feature ids and geometries
are read this way: text attributes of a file in a legacy encoding can crash GDAL 3.6's
conversion, so attributes stay with the caller's own reader.
"""

from __future__ import annotations

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

from .gdal_errors import quiet_gdal
from .progress import Progress


class ColumnarUnavailable(Exception):  # noqa: N818 - a condition the caller falls back on
    """The file or its layer cannot be read columnar; read it feature by feature instead."""


def available() -> bool:
    """Whether this GDAL has the columnar interface (3.6 and later)."""
    return hasattr(ogr.Layer, "GetArrowStreamAsNumPy")


def read_shapes(
    path: str, layer_name: str | None, layer_index: int | None, expected: int, progress: Progress
) -> tuple[np.ndarray, np.ndarray]:
    """(feature ids, shapely geometry or None) of every feature of one layer of a file, in file order.

    ``expected`` is the feature count the caller knows; any other count means the file is not
    what the caller reads and raises ColumnarUnavailable, as does a file GDAL cannot open. WKB
    that GEOS cannot read raises shapely's error."""
    if not available():
        raise ColumnarUnavailable("GDAL has no columnar interface")
    layer = dataset = None
    try:
        with quiet_gdal():
            # Fields are only named to be left unread: Latin-1 turns any byte of a name into text.
            dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, open_options=["ENCODING=ISO-8859-1"])
            if dataset is None:
                raise ColumnarUnavailable(f"GDAL cannot open {path}")
            layer = dataset.GetLayerByName(layer_name) if layer_name else dataset.GetLayer(layer_index or 0)
            if layer is None:
                raise ColumnarUnavailable(f"no layer {layer_name or layer_index} in {path}")
            fid, shapes = _read_layer(layer, expected, progress)
    finally:
        layer = None  # a layer must never outlive its dataset
        dataset = None  # noqa: F841
    if len(fid) != expected:
        raise ColumnarUnavailable(f"{len(fid)} features read, {expected} expected")
    return fid, shapes


def _read_layer(layer, expected: int, progress: Progress) -> tuple[np.ndarray, np.ndarray]:
    definition = layer.GetLayerDefn()
    fids, shapes = [], []
    done = 0
    try:
        layer.SetIgnoredFields([definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())])
        for batch in layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES", "MAX_FEATURES_IN_BATCH=20000"]):
            progress.check()
            fid, wkb = _batch_columns(batch, layer)
            present = np.fromiter((w is not None for w in wkb), dtype=bool, count=len(wkb))
            geoms = np.full(len(wkb), None, dtype=object)
            geoms[present] = shapely.from_wkb(wkb[present], on_invalid="raise")
            del wkb, batch
            fids.append(fid)
            shapes.append(geoms)
            done += len(fid)
            progress.set_progress(100.0 * done / max(expected, 1))
    except (RuntimeError, TypeError) as err:
        raise ColumnarUnavailable(str(err)) from err
    fid = np.concatenate(fids) if fids else np.zeros(0, dtype=np.int64)
    geoms = np.concatenate(shapes) if shapes else np.zeros(0, dtype=object)
    return fid, geoms


def _batch_columns(batch: dict, layer) -> tuple[np.ndarray, np.ndarray]:
    """The id and geometry columns of one batch; a null geometry becomes None."""
    geometry_name = layer.GetGeometryColumn() or "wkb_geometry"
    fid_name = layer.GetFIDColumn() or "OGC_FID"
    if geometry_name not in batch or fid_name not in batch:
        raise ColumnarUnavailable(f"columns {fid_name}, {geometry_name} missing")
    fid = np.asarray(batch[fid_name], dtype=np.int64)
    column = batch[geometry_name]
    wkb = np.asarray(np.ma.getdata(column), dtype=object).copy()
    mask = np.ma.getmaskarray(column)
    wkb[mask] = None
    return fid, wkb


def transformer(source_wkt: str, target_wkt: str, operation: str = ""):
    """A function mapping an (n, 2) array of source coordinates to the target CRS, with x as
    easting/longitude whatever the CRS's axis order; ``operation`` is the PROJ pipeline the
    caller's transform context chose (empty: PROJ's default, as QGIS has then)."""
    source, target = osr.SpatialReference(), osr.SpatialReference()
    with quiet_gdal():
        if source.ImportFromWkt(source_wkt) != 0 or target.ImportFromWkt(target_wkt) != 0:
            raise ColumnarUnavailable("a CRS GDAL cannot read")
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    options = osr.CoordinateTransformationOptions()
    if operation and not options.SetOperation(operation):
        raise ColumnarUnavailable("a coordinate operation GDAL cannot use")
    with quiet_gdal():
        transform = osr.CreateCoordinateTransformation(source, target, options)
    if transform is None:
        raise ColumnarUnavailable("no coordinate transformation")

    def apply(xy: np.ndarray) -> np.ndarray:
        if len(xy) == 0:
            return xy
        moved = np.asarray(transform.TransformPoints(np.ascontiguousarray(xy, dtype=float)), dtype=float)[:, :2]
        if not np.isfinite(moved).all():
            raise ColumnarUnavailable("coordinates outside the target CRS")
        return moved

    return apply
