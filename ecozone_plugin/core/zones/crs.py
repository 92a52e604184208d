"""CGCS2000 Gauss-Krüger helpers: zones, recognition of CRSs, planar area per county."""

from __future__ import annotations

import math
import threading

from .geometry import to_wkb

GK3_FIRST_EPSG = 4534  # CGCS2000 / 3-degree Gauss-Kruger CM 75E
GK3_LAST_EPSG = 4554  # CGCS2000 / 3-degree Gauss-Kruger CM 135E
GK3_PREFIXED_FIRST_EPSG = 4513  # zone 25, eastings carry the zone number
GK3_PREFIXED_LAST_EPSG = 4533
CGCS2000_GEOGRAPHIC_EPSG = 4490


def gk3_zone_number(longitude: float) -> int:
    """The 3-degree zone whose central meridian is nearest (zone n has CM 3n degrees)."""
    zone = int(math.floor(longitude / 3.0 + 0.5))
    return min(max(zone, 25), 45)


def gk3_epsg_for_longitude(longitude: float) -> int:
    """EPSG code of the central-meridian (unprefixed) CGCS2000 3-degree GK zone."""
    return GK3_FIRST_EPSG + gk3_zone_number(longitude) - 25


def is_cgcs2000_gk(epsg: int | None) -> bool:
    return epsg is not None and GK3_PREFIXED_FIRST_EPSG <= epsg <= GK3_LAST_EPSG


def has_zone_prefix(easting: float) -> bool:
    """Eastings of a GK zone lie within about 0..1,000 km; a zone prefix makes them millions."""
    return easting >= 10_000_000.0


INEXACT_DATUMS = ("xian 1980", "xian_1980", "beijing 1954", "beijing_1954")


def is_inexact_datum(wkt: str) -> bool:
    """Xi'an 1980 and Beijing 1954 have no official exact transformation to CGCS2000."""
    text = wkt.lower().replace("'", "")
    return any(datum in text for datum in INEXACT_DATUMS)


def missing_zone_prefix_epsg(easting: float, epsg: int | None) -> int | None:
    """The zone-prefixed CGCS2000 GK CRS that eastings like this one need, when the layer's
    CRS (epsg) is not already such a CRS; None when there is nothing to say."""
    if not has_zone_prefix(easting) or (epsg and GK3_PREFIXED_FIRST_EPSG <= epsg <= GK3_PREFIXED_LAST_EPSG):
        return None
    zone = int(easting // 1_000_000)
    return GK3_PREFIXED_FIRST_EPSG + zone - 25


class AreaCalculator:
    """Planar area in the county's own 3-degree GK zone, from geometries in a working CRS.

    The working CRS is itself a GK zone; where a county's zone is another one the geometry is
    reprojected with OGR before measuring.
    """

    def __init__(self, working_epsg: int):
        self.working_epsg = working_epsg
        self._local = threading.local()  # OGR transformations are not thread-safe: one set per thread

    def zone_epsg_of(self, geom) -> int:
        point = geom.representative_point()
        lon = self.to_longitude(point.x, point.y)
        return gk3_epsg_for_longitude(lon)

    def to_longitude(self, x: float, y: float) -> float:
        from osgeo import osr

        source = self._srs(self.working_epsg)
        target = self._srs(CGCS2000_GEOGRAPHIC_EPSG)
        transform = osr.CoordinateTransformation(source, target)
        lon, _lat, _z = transform.TransformPoint(x, y)
        return lon

    @staticmethod
    def _srs(epsg: int):
        from osgeo import osr

        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        return srs

    def area_m2(self, geom, zone_epsg: int) -> float:
        if zone_epsg == self.working_epsg or geom.is_empty:
            return float(geom.area)
        from osgeo import ogr

        ogr_geom = ogr.CreateGeometryFromWkb(to_wkb(geom))
        ogr_geom.Transform(self.transform_to(zone_epsg))
        return float(ogr_geom.GetArea())

    def transform_to(self, zone_epsg: int):
        """This thread's transformation from the working CRS to a zone."""
        from osgeo import osr

        transforms = self._local.__dict__.setdefault("transforms", {})
        if zone_epsg not in transforms:
            transforms[zone_epsg] = osr.CoordinateTransformation(self._srs(self.working_epsg), self._srs(zone_epsg))
        return transforms[zone_epsg]
