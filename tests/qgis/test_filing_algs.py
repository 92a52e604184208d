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
