"""ecozone:deriveunits through processing.run on the sample district and crafted layers."""

from __future__ import annotations

import json
import os
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

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "expected" / "sample_units.json"


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


def test_sample_units_match_the_expected_output(derived):
    _layer, rows = read_units(derived["OUTPUT"])
    got = [
        {k: (round(v, 3) if k == "area_km2" else v) for k, v in attrs.items() if k not in ("fid", "unit_uid")}
        for attrs, _geom in rows
    ]
    if os.environ.get("ECOZONE_UPDATE_EXPECTED"):
        EXPECTED.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    # Areas within 2,000 m² (snap rounding of tile crossings moves a few m²); the rest exactly.
    assert [{k: v for k, v in row.items() if k != "area_km2"} for row in got] == [
        {k: v for k, v in row.items() if k != "area_km2"} for row in expected
    ]
    assert [row["area_km2"] for row in got] == pytest.approx([row["area_km2"] for row in expected], abs=2e-3)


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
    for text in ("EZ-D005", "青岚区", "ZH50019010001"):
        assert text in report
    layer = QgsVectorLayer(derived["OUTPUT"], "units", "ogr")
    from ecozone_plugin.paths import resource

    message, ok = layer.loadNamedStyle(str(resource("styles", "control_units.qml")))
    assert ok, message
    assert [str(c.value()) for c in layer.renderer().categories()] == ["1", "2", "3"]
    assert layer.attributeAlias(layer.fields().indexOf("unit_code")) == "环境管控单元编码"


def test_fitting_and_other_boundary_crs(run_alg, sample_dir, sample_spec, standardized, tmp_path):
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
            "MIN_AREA": 0.1,
            "OUTPUT": str(tmp_path / "fit.gpkg"),
        },
    )
    layer, rows = read_units(result["OUTPUT"])
    assert layer.crs().authid() == "EPSG:4544"  # the GK zone of the boundary's centre
    assert {a["method"] for a, _g in rows} == {"fitting"}
    assert {a["rule"] for a, _g in rows} <= {"fit_priority", "fit_key", "fit_general", "hard_priority"}
    assert {a["county_code"] for a, _g in rows} == {"500190"}  # township codes cut to 6 digits
    county = boundary_geom(sample_dir, sample_spec)
    assert sum(g.area for _a, g in rows) == pytest.approx(county.area, rel=1e-4)


def test_previous_units_keep_codes_and_uids(run_alg, derived, sample_dir, sample_spec, standardized, tmp_path):
    boundary = sample_spec["boundary"]
    again = run_alg(
        "ecozone:deriveunits",
        {
            "BOUNDARY": str(sample_dir / boundary["file"]),
            "COUNTY_CODE_FIELD": boundary["county_code_field"],
            "COUNTY_NAME_FIELD": boundary["county_name_field"],
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


def _memory(crs, fields, rows, name):
    spec = "&".join(f"field={n}:{t}" for n, t in fields)
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}&{spec}", name, "memory")
    feats = []
    for wkt, values in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        for k, v in values.items():
            f[k] = v
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def _box(x0, y0, x1, y1):
    x0, x1 = 500_000 + x0 * 1000, 500_000 + x1 * 1000
    y0, y1 = 3_300_000 + y0 * 1000, 3_300_000 + y1 * 1000
    return f"MultiPolygon((({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0})))"


ZONE_FIELDS = [("element", "string"), ("zone_class", "integer"), ("subtype", "string")]


def test_bad_zone_layers_are_explained(run_alg, feedback, tmp_path):
    county = _memory("EPSG:4544", [("code", "string")], [(_box(0, 0, 2, 2), {"code": "500101"})], "县界")
    no_fields = _memory("EPSG:4544", [("类别", "string")], [(_box(0, 0, 1, 1), {"类别": "1"})], "水环境原始图层")
    with pytest.raises(QgsProcessingException) as err:
        run_alg(
            "ecozone:deriveunits",
            {"BOUNDARY": county, "COUNTY_CODE_FIELD": "code", "ZONES": [no_fields], "OUTPUT": str(tmp_path / "a.gpkg")},
        )
    assert "水环境原始图层" in str(err.value) and "element" in str(err.value)
    bad_class = _memory(
        "EPSG:4544",
        ZONE_FIELDS,
        [
            (_box(0, 0, 1, 1), {"element": "water", "zone_class": 7, "subtype": "x"}),
            (_box(1, 1, 2, 2), {"element": "water", "zone_class": 2, "subtype": "水环境工业污染重点管控区"}),
            ("MultiPolygon EMPTY", {"element": "water", "zone_class": 1, "subtype": "水环境优先保护区"}),
        ],
        "分区",
    )
    empty = _memory("EPSG:4544", ZONE_FIELDS, [], "空图层")
    result = run_alg(
        "ecozone:deriveunits",
        {
            "BOUNDARY": county,
            "COUNTY_CODE_FIELD": "code",
            "ZONES": [bad_class, empty],
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
    for code in ("EZ-D008", "EZ-D002", "EZ-D003", "EZ-D007"):
        assert code in warnings


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
    county = _memory("EPSG:4544", [("code", "string")], [(_box(0, 0, 2, 2), {"code": "500101"})], "县界")
    # a 0.36 km² key zone: kept at 0.1 km² (the national value), merged at the province's 0.5 km²
    key = _memory(
        "EPSG:4544",
        ZONE_FIELDS,
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
