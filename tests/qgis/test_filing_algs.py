"""exportfiling and importfiling through processing.run on the sample plan: maps rendered, read back whole."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from plan_helpers import add_clause, long_texts, red_line_moved_off
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.plan.store import ClauseChange


@pytest.fixture
def complete_plan(plan_copy):
    store = GeoPackagePlanStore(plan_copy)
    store.apply([ClauseChange("add", Clause("city", "", d, f"{d}-1", f"全市第{d}维度要求")) for d in (1, 2, 3, 4)])
    add_clause(store, Clause("unit", store.units()[0].uid, 1, "1-2", "单元自身条款"))
    store.set_info({"plan_version": "2025"})
    return store


def pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def coloured_share(pdf, tmp_path) -> float:
    """Share of pixels of the first page that are not white (the map is drawn, not blank)."""
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    image = QImage(str(next(tmp_path.glob(f"{pdf.stem}*.png"))))
    coloured = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            coloured += (c.red(), c.green(), c.blue()) != (255, 255, 255)
    return coloured / ((image.height() // 2 + 1) * (image.width() // 2 + 1))


def test_export_then_import_gives_the_same_plan(run_alg, complete_plan, tmp_path):
    target = tmp_path / "备案" / "pkg.zip"
    result = run_alg(
        "ecozone:exportfiling",
        {"PLAN": complete_plan.path, "FORMATS": ["gpkg", "shp", "gdb"], "ELEMENT_MAPS": True, "OUTPUT": str(target)},
    )
    long = long_texts(complete_plan.path)  # texts the shapefile holds shortened: warnings (EZ-A005)
    assert result["OUTPUT"] == str(target) and (result["ERRORS"], result["WARNINGS"]) == (0, long)
    unpacked = tmp_path / "unpacked"
    back = run_alg("ecozone:importfiling", {"INPUT": str(target), "OUTPUT_FOLDER": str(unpacked)})
    assert (back["ERRORS"], back["WARNINGS"]) == (0, long)
    maps = sorted(p.name for p in (unpacked / "maps").iterdir())
    elements = sorted({attrs["element"] for attrs, _wkb in complete_plan.features("element_zones")})
    assert maps == ["control_units.pdf"] + [f"element_{e}.pdf" for e in elements]  # one map per element
    for pdf in (unpacked / "maps").iterdir():
        assert pages(pdf) == 1
    assert coloured_share(unpacked / "maps" / "control_units.pdf", tmp_path) > 0.3
    fonts = subprocess.run(
        ["pdffonts", str(unpacked / "maps" / "control_units.pdf")], capture_output=True, text=True
    ).stdout
    assert "NotoSansCJK" in fonts
    filed = QgsVectorLayer(back["UNITS"], "filed", "ogr")
    assert sorted(f["HJZHGKDYBM"] for f in filed.getFeatures()) == sorted(u.code for u in complete_plan.units())
    assert filed.crs().authid() == "EPSG:4490"
    clauses = QgsVectorLayer(f"{unpacked / 'data' / 'control_units.gpkg'}|layername=admission_clause", "c", "ogr")
    assert sorted(f["text"] for f in clauses.getFeatures()) == sorted(c.text for c in complete_plan.clauses())
    assert (unpacked / "report" / "revalidation.json").exists()


def test_the_plan_with_errors_is_refused_and_a_tampered_package_named(run_alg, complete_plan, tmp_path):
    from osgeo import gdal

    good = tmp_path / "good.zip"
    run_alg("ecozone:exportfiling", {"PLAN": complete_plan.path, "OUTPUT": str(good)})
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(tampered, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, data + b"x" if item.filename == "tables/unit_statistics.xlsx" else data)
    with pytest.raises(QgsProcessingException, match="tables/unit_statistics.xlsx"):
        run_alg("ecozone:importfiling", {"INPUT": str(tampered), "OUTPUT_FOLDER": str(tmp_path / "t")})
    ds = gdal.OpenEx(complete_plan.path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    ds.ExecuteSQL("UPDATE control_units SET unit_code = unit_code || 'X' WHERE unit_class = 3")
    ds = None
    with pytest.raises(QgsProcessingException, match="EZ-K001"):
        run_alg("ecozone:exportfiling", {"PLAN": complete_plan.path, "OUTPUT": str(tmp_path / "bad.zip")})
    assert not (tmp_path / "bad.zip").exists()
    forced = run_alg(
        "ecozone:exportfiling", {"PLAN": complete_plan.path, "FORCE": True, "OUTPUT": str(tmp_path / "forced.zip")}
    )
    assert forced["ERRORS"] == 1
    QgsProject.instance().removeAllMapLayers()


def test_the_units_map_says_scale_author_boundaries_and_labels_every_large_part(qgis_app, plan_copy, tmp_path):
    import math
    import re
    import unicodedata

    from qgis.core import QgsCoordinateReferenceSystem

    from ecozone_plugin.core.progress import Progress
    from ecozone_plugin.filing_maps import FilingMaps, crs_text, part_labels, round_scale

    store = GeoPackagePlanStore(plan_copy)
    pdf = FilingMaps(str(plan_copy), store.info())(tmp_path, Progress())[0]
    text = unicodedata.normalize(
        "NFKC", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    )

    def plain(words: str) -> str:  # as pdftotext gives it: full-width punctuation made ASCII
        return unicodedata.normalize("NFKC", words)

    assert plain(f"编制单位：{store.info()['compiled_by']}") in text
    for words in ("区县界", "乡镇（街道）界", "2000国家大地坐标系", "高斯-克吕格投影", "环境管控单元统计"):
        assert plain(words) in text
    scale = int(re.search(plain(r"比例尺：1:([\d,]+)"), text).group(1).replace(",", ""))
    assert scale / 10 ** math.floor(math.log10(scale)) in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
    # at 150 dpi the right column holds the class table between the legend and the place block
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    per_mm = image.width() / 420.0
    inked = sum(
        image.pixelColor(int(x * per_mm), int(y * per_mm)).lightness() < 200
        for x in range(330, 410)
        for y in range(95, 205)
    )
    assert inked > 200
    assert (
        crs_text(QgsCoordinateReferenceSystem("EPSG:4544"))
        == "2000国家大地坐标系 3度带高斯-克吕格投影 中央经线105°E（EPSG:4544）"
    )
    assert [round_scale(s) for s in (123_456, 200_000, 8_100, 950)] == [150_000, 200_000, 10_000, 1_000]

    units = QgsVectorLayer(f"{plan_copy}|layername=control_units", "units", "ogr")
    labels = [f["label"] for f in part_labels(units, scale).getFeatures()]
    codes = [u.code for u in store.units()]
    assert sorted(label.split("\n")[0] for label in labels if "\n" in label) == sorted(codes)  # one named label each
    scattered = [label for label in labels if "\n" not in label]
    assert scattered and set(scattered) <= set(codes)  # further large parts carry their unit's code


def test_the_update_filing_through_the_algorithms(run_alg, complete_plan, tmp_path):
    from ecozone_plugin.core.filing.update import key_of, prepare_update

    first = tmp_path / "500100_2025.zip"
    run_alg("ecozone:exportfiling", {"PLAN": complete_plan.path, "OUTPUT": str(first)})
    unit = red_line_moved_off(complete_plan)
    complete_plan.set_info({"plan_version": "2026"})
    update = tmp_path / "500100_2026.zip"
    parameters = {"PLAN": complete_plan.path, "PREVIOUS": str(first), "OUTPUT": str(update)}
    with pytest.raises(QgsProcessingException, match=unit.code):
        run_alg("ecozone:exportfiling", parameters)
    assert not update.exists()
    # the reason typed (as the filing dock does), the update is written and read back
    compared = prepare_update(complete_plan, first)
    (loss,) = compared.comparison.priority_losses
    assert loss.old.uid == unit.uid and loss.change_type == "class_down"
    complete_plan.set_change_reasons(compared.reason_rows({key_of(loss): "水源地调整，已省级论证"}))
    result = run_alg("ecozone:exportfiling", parameters)
    assert result["PRIORITY_LOSSES"] == 1 and result["ERRORS"] == 0
    back = run_alg(
        "ecozone:importfiling",
        {"INPUT": str(update), "PREVIOUS": str(first), "OUTPUT_FOLDER": str(tmp_path / "in")},
    )
    changes = QgsVectorLayer(f"{back['OUTPUT_FOLDER']}/changes/changes.gpkg|layername=changes", "c", "ogr")
    rows = [(f["old_unit_code"], f["change_type"], f["reason"]) for f in changes.getFeatures() if f["priority_loss"]]
    assert rows == [(unit.code, "class_down", "水源地调整，已省级论证")]
    # an update checked against a package it does not follow is refused
    with pytest.raises(QgsProcessingException, match="update_of"):
        run_alg(
            "ecozone:importfiling",
            {"INPUT": str(update), "PREVIOUS": str(update), "OUTPUT_FOLDER": str(tmp_path / "x")},
        )
    # comparing again with compareversions finds the reason in the newer plan
    again = run_alg(
        "ecozone:compareversions", {"OLD": str(first), "NEW": complete_plan.path, "OUTPUT": str(tmp_path / "c.gpkg")}
    )
    reasons = [f["reason"] for f in QgsVectorLayer(again["OUTPUT"], "c", "ogr").getFeatures() if f["priority_loss"]]
    assert reasons == ["水源地调整，已省级论证"]
    QgsProject.instance().removeAllMapLayers()


def test_a_plan_derived_from_a_filed_package_records_it(
    run_alg, feedback, complete_plan, sample_dir, sample_spec, standardized, tmp_path
):
    """deriveunits with the units of an unpacked package names that package (BASED_ON), reading them in
    the package's field names and CRS; createplan records it in plan_info."""
    from ecozone_plugin.core.filing.update import manifest_sha256

    first = tmp_path / "500100_2025.zip"
    run_alg("ecozone:exportfiling", {"PLAN": complete_plan.path, "OUTPUT": str(first)})
    opened = run_alg("ecozone:importfiling", {"INPUT": str(first), "OUTPUT_FOLDER": str(tmp_path / "in")})
    folder = Path(opened["OUTPUT_FOLDER"])
    QgsProject.instance().removeAllMapLayers()
    boundary = sample_spec["boundary"]
    common = {
        "BOUNDARY": str(sample_dir / boundary["file"]),
        "COUNTY_CODE_FIELD": boundary["county_code_field"],
        "COUNTY_NAME_FIELD": boundary["county_name_field"],
        "ZONES": standardized,
    }
    derived = run_alg(
        "ecozone:deriveunits",
        {
            **common,
            "SPLIT_FIELD": boundary["town_code_field"],
            "SPLIT_NAME_FIELD": boundary["town_name_field"],
            "MIN_AREA": 0.1,
            "PREVIOUS_UNITS": f"{folder / 'data' / 'control_units.gpkg'}|layername=control_units",
            "OUTPUT": str(tmp_path / "again.gpkg"),
        },
        feedback,
    )
    assert derived["BASED_ON"] == str(folder / "manifest.json")
    assert any(folder.name in text and "2025" in text for text in feedback.infos)
    again = QgsVectorLayer(derived["OUTPUT"], "u", "ogr")
    assert sorted(f["unit_code"] for f in again.getFeatures()) == sorted(u.code for u in complete_plan.units())

    plan = tmp_path / "2026.gpkg"
    made = {**common, "UNITS": derived["OUTPUT"], "PLAN_VERSION": "2026"}
    run_alg("ecozone:createplan", {**made, "BASED_ON": derived["BASED_ON"], "OUTPUT": str(plan)})
    info = GeoPackagePlanStore(plan).info()
    assert info["based_on"] == manifest_sha256(first)  # the unpacked manifest is the zip's, byte for byte
    assert (info["based_on_version"], info["based_on_package"], info["plan_version"]) == ("2025", folder.name, "2026")
    # the zip names the same basis; a file that is no package is refused by name, nothing written
    by_zip = tmp_path / "by_zip.gpkg"
    run_alg("ecozone:createplan", {**made, "BASED_ON": str(first), "OUTPUT": str(by_zip)})
    assert GeoPackagePlanStore(by_zip).info()["based_on"] == info["based_on"]
    with pytest.raises(QgsProcessingException, match="manifest.json"):
        run_alg("ecozone:createplan", {**made, "BASED_ON": derived["OUTPUT"], "OUTPUT": str(tmp_path / "no.gpkg")})
    assert not (tmp_path / "no.gpkg").exists()
    QgsProject.instance().removeAllMapLayers()
