"""Gauss-Krüger zones and the bilingual message catalogue."""

from __future__ import annotations

import math

import pytest
import shapely

from ecozone_plugin.core.messages import CATALOGUE, Message, ui_language
from ecozone_plugin.core.zones.crs import AreaCalculator, gk3_epsg_for_longitude, has_zone_prefix, is_cgcs2000_gk


def test_zone_of_longitude():
    assert gk3_epsg_for_longitude(105.0) == 4544
    assert gk3_epsg_for_longitude(106.6) == 4545
    assert gk3_epsg_for_longitude(75.2) == 4534 and gk3_epsg_for_longitude(134.9) == 4554
    assert is_cgcs2000_gk(4544) and is_cgcs2000_gk(4523) and not is_cgcs2000_gk(4490)
    assert has_zone_prefix(35_500_000.0) and not has_zone_prefix(500_000.0)


def test_area_in_another_zone_is_measured_there():
    calc = AreaCalculator(4544)
    square = shapely.box(500_000, 3_300_000, 501_000, 3_301_000)
    assert calc.area_m2(square, 4544) == 1_000_000.0
    other = calc.area_m2(square, 4545)  # 3 degrees west of the zone's central meridian (108°E): scale > 1
    # the Gauss-Krüger point scale at the square (105.005°E, 29.823°N, CGCS2000 ellipsoid), squared
    lon, lat = math.radians(105.0051729 - 108.0), math.radians(29.8230650)
    e2 = 0.0066943800229
    eta2, cos, tan = e2 / (1 - e2) * math.cos(lat) ** 2, math.cos(lat), math.tan(lat)
    k = 1 + (lon * cos) ** 2 / 2 * (1 + eta2) + (lon * cos) ** 4 / 24 * (5 - 4 * tan**2)
    assert other == pytest.approx(k * k * 1_000_000.0, rel=1e-7)


def test_every_message_has_both_languages_with_the_same_fields():
    import string

    for code, texts in CATALOGUE.items():
        # a field may come in language variants (dimensions / dimensions_en): compared by its base name
        fields = [
            {f.removesuffix("_en").removesuffix("_zh") for _, f, _, _ in string.Formatter().parse(texts[lang]) if f}
            for lang in ("en", "zh")
        ]
        assert fields[0] == fields[1], code
    message = Message("EZ-D003", {"layer": "水环境"})
    assert message.text("zh") == "图层 水环境 没有要素，未参与计算。"
    assert ui_language("zh-Hans") == "zh" and ui_language("en_US") == "en"


def test_crs_findings_for_standardization():
    from ecozone_plugin.core.zones.crs import is_inexact_datum, missing_zone_prefix_epsg

    assert is_inexact_datum('PROJCS["Xian 1980 / 3-degree Gauss-Kruger CM 105E"]')
    assert is_inexact_datum('GEOGCS["Beijing 1954"]') and not is_inexact_datum('GEOGCS["China Geodetic 2000"]')
    assert missing_zone_prefix_epsg(35_500_000.0, 4544) == 4523
    assert missing_zone_prefix_epsg(35_500_000.0, 4523) is None
    assert missing_zone_prefix_epsg(500_000.0, 4544) is None


def test_every_finding_has_a_category_and_a_default_severity():
    from ecozone_plugin.core.messages import ERROR, FINDING_CATEGORIES, WARNING, default_severity

    findings = [code for code in CATALOGUE if code[3] in FINDING_CATEGORIES and code[4:].isdigit()]
    assert len(findings) == 23 and {c[3] for c in findings} == set(FINDING_CATEGORIES)
    assert all(default_severity(code) in (ERROR, WARNING) for code in findings)
    assert all("severity" not in texts for code, texts in CATALOGUE.items() if code not in findings)
    assert default_severity("EZ-C005") == WARNING and default_severity("EZ-C001") == ERROR
