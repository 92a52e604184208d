"""The packaged plugin, installed from its zip, runs through the real qgis_process."""

from __future__ import annotations

import zipfile

import pytest
from assemble import assemble, write_zip
from plan_helpers import long_texts
from qgis.core import QgsVectorLayer
from qgis_process_runner import QgisProcess

from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    build = tmp_path_factory.mktemp("build")
    folder = assemble(build, link=False)
    archive = build / "ecozone_plugin-test.zip"
    write_zip(folder, archive)
    plugins = tmp_path_factory.mktemp("plugins")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert "ecozone_plugin/metadata.txt" in names and "ecozone_plugin/i18n/ecozone_zh_CN.qm" in names
        assert "ecozone_plugin/resources/styles/control_units.qml" in names
        assert not [n for n in names if "__pycache__" in n or n.startswith("ecozone_plugin/tests")]
        zf.extractall(plugins)
    runner = QgisProcess(plugins, home=tmp_path_factory.mktemp("home"))
    runner.enable_plugin()
    return runner


def test_algorithms_are_listed(installed):
    listing = installed.call("list").stdout
    assert "ecozone:deriveunits" in listing and "ecozone:standardizezones" in listing


def test_standardize_and_derive_through_qgis_process(installed, sample_dir, sample_spec, tmp_path):
    soil = installed.run(
        "ecozone:standardizezones",
        INPUT=str(sample_dir / "土壤环境管控分区.shp"),
        ELEMENT="soil",
        CLASS_FIELD="类型",
        SOURCE_ENCODING="GBK",
        OUTPUT=str(tmp_path / "土壤.gpkg"),
    )
    ecology = installed.run(
        "ecozone:standardizezones",
        INPUT=str(sample_dir / "生态空间.gpkg"),
        ELEMENT="ecology",
        CLASS_FIELD="类别",
        OUTPUT=str(tmp_path / "生态.gpkg"),
    )
    boundary = sample_spec["boundary"]
    answer = installed.run(
        "ecozone:deriveunits",
        BOUNDARY=str(sample_dir / boundary["file"]),
        COUNTY_CODE_FIELD=boundary["county_code_field"],
        COUNTY_NAME_FIELD=boundary["county_name_field"],
        SPLIT_FIELD=boundary["town_code_field"],
        SPLIT_NAME_FIELD=boundary["town_name_field"],
        ZONES=[soil["results"]["OUTPUT"], ecology["results"]["OUTPUT"]],
        METHOD=0,
        MIN_AREA=0.1,
        OUTPUT=str(tmp_path / "units.gpkg"),
        OUTPUT_REPORT=str(tmp_path / "报告.html"),
    )
    layer = QgsVectorLayer(answer["results"]["OUTPUT"], "u", "ogr")
    units = list(layer.getFeatures())
    assert {f["unit_class"] for f in units} == {1, 2, 3}
    towns = {f[boundary["town_name_field"]] for f in QgsVectorLayer(str(sample_dir / boundary["file"])).getFeatures()}
    for unit in units:
        listed = unit["townships"].split(";")
        assert listed and set(listed) <= towns, unit["unit_code"]
        if unit["unit_class"] == 2:  # no development zone here: key ground is cut by township
            assert len(listed) == 1 and unit["unit_name"] == f"青岚区{listed[0]}重点管控单元"
    largest = max((f for f in units if f["unit_class"] == 1), key=lambda f: f["area_km2"])
    assert "生态保护红线" in largest["elements"] and largest["unit_subclass"] == "生态保护红线"
    assert len({f["unit_name"] for f in units}) == len(units)
    assert (tmp_path / "报告.html").read_text(encoding="utf-8").count("ZH500190") >= len(units)


def test_check_and_file_through_qgis_process(installed, plan_copy, tmp_path):
    """The packaged plugin validates a plan and writes its filing package (print layout included)."""
    checked = installed.run("ecozone:validateplan", PLAN=str(plan_copy), OUTPUT_REPORT=str(tmp_path / "检查.html"))
    units = len(GeoPackagePlanStore(plan_copy).units())  # no clause yet: each unit lacks some (EZ-L001)
    long = long_texts(plan_copy)  # texts the package's shapefile would shorten (EZ-A005)
    assert units >= 3 and (checked["results"]["ERRORS"], checked["results"]["WARNINGS"]) == (0, units + long)
    exported = installed.run(
        "ecozone:exportfiling", PLAN=str(plan_copy), FORMATS=["gpkg", "shp"], OUTPUT=str(tmp_path / "备案.zip")
    )
    names = zipfile.ZipFile(exported["results"]["OUTPUT"]).namelist()
    assert {"manifest.json", "data/control_units.shp", "maps/control_units.pdf"} <= set(names)
