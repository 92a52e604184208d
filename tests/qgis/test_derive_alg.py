"""ecozone:deriveunits through processing.run on the sample district and crafted layers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)


def read_units(path):
    layer = QgsVectorLayer(str(path), "units", "ogr")
    assert layer.isValid()
    rows = []
    for f in layer.getFeatures():
        geom = shapely.from_wkb(bytes(f.geometry().asWkb()))
        rows.append((dict(zip(layer.fields().names(), f.attributes())), geom))
    return layer, rows


def boundary_geom(sample_dir, spec):
    layer = QgsVectorLayer(str(sample_dir / spec["boundary"]["file"]), "b", "ogr")
    geoms = [shapely.make_valid(shapely.from_wkb(bytes(f.geometry().asWkb()))) for f in layer.getFeatures()]
    return shapely.union_all(geoms, grid_size=0.001)


def zone_rows(paths):
    """(attributes, shapely geometry) of every standardized zone."""
    rows = []
    for path in paths:
        layer = QgsVectorLayer(path, "z", "ogr")
        for f in layer.getFeatures():
            attrs = {k: f[k] for k in ("element", "zone_class", "subtype")}
            rows.append((attrs, shapely.make_valid(shapely.from_wkb(bytes(f.geometry().asWkb())))))
    return rows


def class_ground(zones, county):
    """Priority, key and general ground of the county by set algebra on the zones: the answer of the overlay."""
    hard = [g for a, g in zones if a["element"] == "protected" or a["subtype"] == "生态保护红线"]
    priority = shapely.intersection(shapely.union_all([g for a, g in zones if a["zone_class"] == 1] + hard), county)
    key = shapely.difference(
        shapely.intersection(shapely.union_all([g for a, g in zones if a["zone_class"] == 2]), county), priority
    )
    return {1: priority, 2: key, 3: shapely.difference(county, shapely.union(priority, key))}, shapely.union_all(hard)


def test_sample_classes_equal_the_set_algebra_of_its_layer(run_alg, sample_dir, sample_spec, standardized, tmp_path):
    boundary = sample_spec["boundary"]
    result = run_alg(
        "ecozone:deriveunits",
        {
            "BOUNDARY": str(sample_dir / boundary["file"]),
            "COUNTY_CODE_FIELD": boundary["county_code_field"],
            "COUNTY_NAME_FIELD": boundary["county_name_field"],
            "ZONES": standardized,
            "MIN_AREA": 0,
            "OUTPUT": str(tmp_path / "exact.gpkg"),
        },
    )
    _layer, rows = read_units(result["OUTPUT"])
    zones = zone_rows(standardized)
    ground, _hard = class_ground(zones, boundary_geom(sample_dir, sample_spec))
    for unit_class, expected in ground.items():
        got = sum(g.area for a, g in rows if a["unit_class"] == unit_class)
        assert got == pytest.approx(expected.area, abs=2000.0), unit_class  # 2,000 m² of 1,945 km²
    # By the national profile: one priority unit per connected region of priority ground of at
    # least 1 km² (regions that touch at a point are apart), one general unit for the county.
    regions = [p for p in shapely.get_parts(ground[1]) if p.area >= 1e6]
    assert len(regions) >= 3
    assert sum(1 for a, _g in rows if a["unit_class"] == 1) == len(regions)
    for region in regions:
        holders = [
            a for a, g in rows if a["unit_class"] == 1 and shapely.intersection(g, region).area > 0.99 * region.area
        ]
        assert len(holders) == 1
    assert [a["unit_name"] for a, _g in rows if a["unit_class"] == 3] == ["青岚区一般管控单元"]
    names = [a["unit_name"] for a, _g in rows]
    assert len(set(names)) == len(names)
    # a unit lists every subtype covering 5 % of it (element_min_share), and a hard one (the red line, a
    # protected area) covering min(1 % of it, 0.01 km²) of it; and nothing else
    by_subtype: dict = {}
    hard = {a["subtype"] for a, _g in zones if a["element"] == "protected" or a["subtype"] == "生态保护红线"}
    for attrs, geom in zones:
        by_subtype.setdefault(attrs["subtype"], []).append(geom)
    covers = {name: shapely.union_all(parts) for name, parts in by_subtype.items()}
    for attrs, geom in rows:
        overlap = {name: shapely.intersection(geom, shape).area for name, shape in covers.items()}
        needed = {n: min(0.01 * geom.area, 10_000.0) if n in hard else 0.05 * geom.area for n in overlap}
        listed = set(attrs["elements"].split("; ")) if attrs["elements"] else set()
        assert {n for n, a in overlap.items() if a >= needed[n] * 1.01} <= listed, attrs["unit_code"]
        assert listed <= {n for n, a in overlap.items() if a >= needed[n] * 0.99}, attrs["unit_code"]


def test_sample_units_tile_the_county(derived, sample_dir, sample_spec):
    layer, rows = read_units(derived["OUTPUT"])
    assert layer.crs().authid() == "EPSG:4544"
    county = boundary_geom(sample_dir, sample_spec)
    geoms = [g for _a, g in rows]
    union = shapely.union_all(geoms)
    # Where a border crosses a tile line the new vertex sits on the 1 mm grid: slivers of a
    # few hundredths of a m² at most, never a gap above 1 m².
    gaps = shapely.get_parts(shapely.symmetric_difference(union, county))
    assert max((g.area for g in gaps), default=0.0) < 1.0
    assert abs(union.area - county.area) <= 1e-6 * county.area
    assert abs(sum(g.area for g in geoms) - county.area) <= 1e-6 * county.area
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            assert shapely.intersection(geoms[i], geoms[j]).area < 1.0
    for attrs, geom in rows:
        assert attrs["area_km2"] == pytest.approx(geom.area / 1e6, abs=1e-6)
        assert attrs["unit_code"].startswith("ZH500190" + str(attrs["unit_class"]))


def test_hard_priority_ground_lies_in_priority_units(derived, standardized):
    _layer, rows = read_units(derived["OUTPUT"])
    priority = shapely.union_all([g for a, g in rows if a["unit_class"] == 1])
    hard = []
    for path in standardized:
        zones = QgsVectorLayer(path, "z", "ogr")
        for f in zones.getFeatures():
            if f["element"] == "protected" or f["subtype"] == "生态保护红线":
                hard.append(shapely.make_valid(shapely.from_wkb(bytes(f.geometry().asWkb()))))
    county = shapely.union_all([g for _a, g in rows])
    hard_in_county = shapely.intersection(shapely.union_all(hard), county)
    assert hard_in_county.area > 1e7
    assert shapely.difference(hard_in_county, priority).area < 1.0


def test_report_and_style(derived):
    report = Path(derived["OUTPUT_REPORT"]).read_text(encoding="utf-8")
    for text in (
        "EZ-D005",
        "青岚区",
        "ZH50019010001",
        "<td>red line and protected areas</td>",
        "<td>key zones overlaid</td>",
    ):
        assert text in report
    assert "<td>hard_priority</td>" not in report and "<td>key_zone</td>" not in report  # rules by name
    layer = QgsVectorLayer(derived["OUTPUT"], "units", "ogr")
    from ecozone_plugin.paths import resource

    message, ok = layer.loadNamedStyle(str(resource("styles", "control_units.qml")))
    assert ok, message
    assert [str(c.value()) for c in layer.renderer().categories()] == ["1", "2", "3"]
    assert layer.attributeAlias(layer.fields().indexOf("unit_code")) == "环境管控单元编码"


def test_fitting_classes_each_township_by_its_shares(run_alg, sample_dir, sample_spec, standardized, tmp_path):
    """The boundary given in geographic CGCS2000: units come out in the GK zone of its centre."""
    boundary = QgsVectorLayer(str(sample_dir / sample_spec["boundary"]["file"]), "乡镇街道", "ogr")
    import processing

    geographic = processing.run(
        "native:reprojectlayer",
        {"INPUT": boundary, "TARGET_CRS": QgsCoordinateReferenceSystem("EPSG:4490"), "OUTPUT": "memory:"},
    )["OUTPUT"]
    result = run_alg(
        "ecozone:deriveunits",
        {
            "BOUNDARY": geographic,
            "COUNTY_CODE_FIELD": "乡镇代码",
            "COUNTY_NAME_FIELD": "区县名称",
            "ZONES": standardized,
            "METHOD": 1,
            "MIN_AREA": 0,
            "OUTPUT": str(tmp_path / "fit.gpkg"),
        },
    )
    layer, rows = read_units(result["OUTPUT"])
    assert layer.crs().authid() == "EPSG:4544"  # the GK zone of the boundary's centre
    assert {a["method"] for a, _g in rows} == {"fitting"}
    assert {a["county_code"] for a, _g in rows} == {"500190"}  # township codes cut to 6 digits
    # the answer, township by township: priority above 50% priority ground, else key above 50% key
    # ground, else general; red line and protected ground stay priority wherever they are
    townships = [shapely.make_valid(shapely.from_wkb(bytes(f.geometry().asWkb()))) for f in boundary.getFeatures()]
    county = shapely.union_all(townships)
    ground, hard = class_ground(zone_rows(standardized), county)
    fitted = {1: [], 2: [], 3: []}
    for township in townships:
        shares = {c: shapely.intersection(ground[c], township).area / township.area for c in (1, 2)}
        fitted[1 if shares[1] > 0.5 else 2 if shares[2] > 0.5 else 3].append(township)
    hard = shapely.intersection(hard, county)
    expected = {c: shapely.difference(shapely.union_all(parts), hard) for c, parts in fitted.items()}
    expected[1] = shapely.union(expected[1], hard)
    assert len(fitted[1]) >= 1 and len(fitted[3]) >= 1  # the sample has townships of more than one class
    for unit_class in (1, 2, 3):
        got = sum(g.area for a, g in rows if a["unit_class"] == unit_class)
        assert got == pytest.approx(expected[unit_class].area, abs=5000.0), unit_class


def test_previous_units_keep_codes_and_uids(run_alg, derived, sample_dir, sample_spec, standardized, tmp_path):
    boundary = sample_spec["boundary"]
    again = run_alg(
        "ecozone:deriveunits",
        {
            "BOUNDARY": str(sample_dir / boundary["file"]),
            "COUNTY_CODE_FIELD": boundary["county_code_field"],
            "COUNTY_NAME_FIELD": boundary["county_name_field"],
            "SPLIT_FIELD": boundary["town_code_field"],
            "SPLIT_NAME_FIELD": boundary["town_name_field"],
            "ZONES": list(reversed(standardized)),
            "MIN_AREA": 0.1,
            "PREVIOUS_UNITS": derived["OUTPUT"],
            "OUTPUT": str(tmp_path / "again.gpkg"),
        },
    )
    _l, first = read_units(derived["OUTPUT"])
    _l, second = read_units(again["OUTPUT"])
    assert [(a["unit_code"], a["unit_uid"], a["unit_name"]) for a, _g in first] == [
        (a["unit_code"], a["unit_uid"], a["unit_name"]) for a, _g in second
    ]


def _box(x0, y0, x1, y1):
    x0, x1 = 500_000 + x0 * 1000, 500_000 + x1 * 1000
    y0, y1 = 3_300_000 + y0 * 1000, 3_300_000 + y1 * 1000
    return f"MultiPolygon((({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0})))"


ZONE_FIELDS = [("element", "string"), ("zone_class", "integer"), ("subtype", "string")]


def _layer(rows, name="分区", crs="EPSG:4544", kind="MultiPolygon", fields=ZONE_FIELDS):
    """A memory layer of the given features (WKT, values); crs="" gives a layer with no CRS at all."""
    spec = "&".join(f"field={n}:{t}" for n, t in fields)
    layer = QgsVectorLayer(f"{kind}?crs={crs}&{spec}", name, "memory")
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        for key, value in values.items():
            feature[key] = value
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_bad_zone_layers_are_explained(run_alg, feedback, tmp_path):
    county = _layer([(_box(0, 0, 2, 2), {"code": "500101"})], "县界", fields=[("code", "string")])
    no_fields = _layer([(_box(0, 0, 1, 1), {"类别": "1"})], "水环境原始图层", fields=[("类别", "string")])
    with pytest.raises(QgsProcessingException) as err:
        run_alg(
            "ecozone:deriveunits",
            {"BOUNDARY": county, "COUNTY_CODE_FIELD": "code", "ZONES": [no_fields], "OUTPUT": str(tmp_path / "a.gpkg")},
        )
    assert "水环境原始图层" in str(err.value) and "element" in str(err.value)
    bad_class = _layer(
        [
            (_box(0, 0, 1, 1), {"element": "water", "zone_class": 7, "subtype": "x"}),
            (_box(1, 1, 2, 2), {"element": "water", "zone_class": 2, "subtype": "水环境工业污染重点管控区"}),
            ("MultiPolygon EMPTY", {"element": "water", "zone_class": 1, "subtype": "水环境优先保护区"}),
        ],
        "分区",
    )
    result = run_alg(
        "ecozone:deriveunits",
        {
            "BOUNDARY": county,
            "COUNTY_CODE_FIELD": "code",
            "ZONES": [bad_class],
            "MIN_AREA": 0,
            "OUTPUT": str(tmp_path / "b.gpkg"),
        },
        feedback,
    )
    _l, rows = read_units(result["OUTPUT"])
    assert [(a["unit_code"], a["unit_name"], a["area_km2"]) for a, _g in rows] == [
        ("ZH50010120001", "500101重点管控单元", 1.0),
        ("ZH50010130001", "500101一般管控单元", 3.0),
    ]
    warnings = "\n".join(feedback.warnings)
    for code in ("EZ-D008", "EZ-D002", "EZ-D007"):
        assert code in warnings


def _refusal(run_alg, tmp_path, zones, boundary=None, code_field="code"):
    county = _layer([(_box(0, 0, 2, 2), {"code": "500101"})], "县界", fields=[("code", "string")])
    parameters = {
        "BOUNDARY": county if boundary is None else boundary,
        "COUNTY_CODE_FIELD": code_field,
        "ZONES": zones,
        "OUTPUT": str(tmp_path / "never.gpkg"),
    }
    with pytest.raises(QgsProcessingException) as err:
        run_alg("ecozone:deriveunits", parameters)
    assert not (tmp_path / "never.gpkg").exists()
    return str(err.value)


WATER_KEY = {"element": "water", "zone_class": 2, "subtype": "水环境工业污染重点管控区"}


def test_a_layer_that_contributes_nothing_is_refused_by_name(run_alg, tmp_path):
    good = _layer([(_box(0, 0, 1, 1), WATER_KEY)], "水环境")
    message = _refusal(run_alg, tmp_path, [good, _layer([], "空图层")])
    assert "EZ-D017" in message and "空图层" in message
    unknown = _layer(
        [(_box(0, 0, 1, 1), {**WATER_KEY, "zone_class": 7}), (_box(1, 1, 2, 2), {**WATER_KEY, "zone_class": 9})], "大气"
    )
    message = _refusal(run_alg, tmp_path, [good, unknown])
    assert "EZ-D018" in message and "大气" in message and "'7', '9'" in message
    points = _layer([("Point(500500 3300500)", WATER_KEY)], "取水口", kind="Point")
    message = _refusal(run_alg, tmp_path, [good, points])
    assert "EZ-D016" in message and "取水口" in message and "points" in message
    lines = _layer([("LineString(500000 3300000, 501000 3301000)", WATER_KEY)], "河流", kind="LineString")
    assert "EZ-D016" in _refusal(run_alg, tmp_path, [lines])


def test_a_misspelt_element_or_a_fractional_class_is_refused(run_alg, tmp_path):
    protected = {"element": "protectd", "zone_class": 1, "subtype": "自然保护区"}
    misspelt = _layer([(_box(0, 0, 1, 1), WATER_KEY), (_box(1, 1, 2, 2), protected)], "保护地")
    message = _refusal(run_alg, tmp_path, [misspelt])
    assert "EZ-D019" in message and "'protectd'" in message and "保护地" in message and " 2" in message
    text_class = [("element", "string"), ("zone_class", "string"), ("subtype", "string")]
    fractional = _layer([(_box(0, 0, 1, 1), {**WATER_KEY, "zone_class": "1.7"})], "水环境", fields=text_class)
    message = _refusal(run_alg, tmp_path, [fractional])
    assert "EZ-D020" in message and "'1.7'" in message
    whole = _layer([(_box(0, 0, 1, 1), {**WATER_KEY, "zone_class": "2.0"})], "水环境", fields=text_class)
    result = run_alg(
        "ecozone:deriveunits",
        {
            "BOUNDARY": _layer([(_box(0, 0, 2, 2), {"code": "500101"})], "县界", fields=[("code", "string")]),
            "COUNTY_CODE_FIELD": "code",
            "ZONES": [whole],
            "MIN_AREA": 0,
            "OUTPUT": str(tmp_path / "whole.gpkg"),
        },
    )
    assert sorted(a["unit_class"] for a, _g in read_units(result["OUTPUT"])[1]) == [2, 3]


def test_layers_without_a_crs_and_a_boundary_that_is_not_polygonal_are_refused(run_alg, tmp_path):
    no_crs = _layer([(_box(0, 0, 1, 1), WATER_KEY)], "无坐标系", crs="")
    message = _refusal(run_alg, tmp_path, [no_crs])
    assert "EZ-D021" in message and "无坐标系" in message
    zones = [_layer([(_box(0, 0, 1, 1), WATER_KEY)], "水环境")]
    lines = _layer(
        [("LineString(500000 3300000, 502000 3302000)", {"code": "500101"})],
        "县界线",
        kind="LineString",
        fields=[("code", "string")],
    )
    message = _refusal(run_alg, tmp_path, zones, boundary=lines)
    assert "EZ-D022" in message and "县界线" in message and "no county code" not in message
    unplaced = _layer([(_box(0, 0, 2, 2), {"code": "500101"})], "无坐标系县界", crs="", fields=[("code", "string")])
    assert "EZ-D021" in _refusal(run_alg, tmp_path, zones, boundary=unplaced)


def test_counties_that_overlap_are_refused_with_the_place(run_alg, tmp_path):
    counties = _layer(
        [
            (_box(0, 0, 2, 2), {"code": "500101"}),
            (_box(1.5, 0, 4, 2), {"code": "500102"}),
            (_box(0, 2, 2, 3), {"code": "500101"}),
        ],
        "区县",
        fields=[("code", "string")],
    )
    message = _refusal(run_alg, tmp_path, [_layer([(_box(0, 0, 1, 1), WATER_KEY)], "水环境")], boundary=counties)
    assert "EZ-D023" in message and "500101" in message and "500102" in message
    assert "1000000" in message.replace(",", "")  # 0.5 km x 2 km


def test_a_layer_of_a_multi_layer_geopackage_is_named_with_its_file(run_alg, tmp_path):
    from osgeo import ogr, osr

    path = tmp_path / "要素分区.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4544)
    for name, element in (("water", "water"), ("air", "aiir")):
        layer = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon)
        for field in ("element", "subtype"):
            layer.CreateField(ogr.FieldDefn(field, ogr.OFTString))
        layer.CreateField(ogr.FieldDefn("zone_class", ogr.OFTInteger))
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("element", element)
        feature.SetField("zone_class", 2)
        feature.SetField("subtype", "重点管控区")
        feature.SetGeometry(ogr.CreateGeometryFromWkt(_box(0, 0, 1, 1)))
        layer.CreateFeature(feature)
    ds = None
    message = _refusal(run_alg, tmp_path, [f"{path}|layername=water", f"{path}|layername=air"])
    assert "EZ-D019" in message and "要素分区.gpkg › air" in message


def test_cancel_writes_nothing(run_alg, standardized, sample_dir, sample_spec, tmp_path):
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda p: feedback.cancel() if p > 30 else None)
    boundary = sample_spec["boundary"]
    with pytest.raises(QgsProcessingException):
        run_alg(
            "ecozone:deriveunits",
            {
                "BOUNDARY": str(sample_dir / boundary["file"]),
                "COUNTY_CODE_FIELD": boundary["county_code_field"],
                "ZONES": standardized,
                "OUTPUT": str(tmp_path / "never.gpkg"),
            },
            feedback,
        )
    assert not (tmp_path / "never.gpkg").exists()


def test_min_area_defaults_to_the_profile(run_alg, tmp_path):
    county = _layer([(_box(0, 0, 2, 2), {"code": "500101"})], "县界", fields=[("code", "string")])
    # a 0.36 km² key zone: kept at 0.1 km² (the national value), merged at the province's 0.5 km²
    key = _layer(
        [(_box(0, 0, 0.6, 0.6), {"element": "water", "zone_class": 2, "subtype": "水环境工业污染重点管控区"})],
        "水环境",
    )
    province = tmp_path / "province.json"
    province.write_text(json.dumps({"id": "province", "min_area_km2": 0.5}), encoding="utf-8")

    def classes(**extra):
        parameters = {"BOUNDARY": county, "COUNTY_CODE_FIELD": "code", "ZONES": [key], **extra}
        result = run_alg("ecozone:deriveunits", {**parameters, "OUTPUT": str(tmp_path / f"{len(extra)}.gpkg")})
        return sorted((a["unit_class"], round(a["area_km2"], 6)) for a, _g in read_units(result["OUTPUT"])[1])

    assert classes() == [(2, 0.36), (3, 3.64)]
    assert classes(PROFILE=str(province)) == [(3, 4.0)]
    assert classes(PROFILE=str(province), MIN_AREA=0.1) == [(2, 0.36), (3, 3.64)]
