"""exportfiling and importfiling through processing.run on the sample plan: maps rendered, read back whole."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from plan_helpers import add_clause, long_texts
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
