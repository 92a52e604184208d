"""The filing package in core: layout, manifest, refusal, atomic writing, checksums read back."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from helpers import PROFILE
from osgeo import gdal, ogr
from plan_helpers import add_clause, make_plan
from test_validation import full_list

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.check.validation import plan_input, validate_plan
from ecozone_plugin.core.filing import package as filing
from ecozone_plugin.core.filing.package import default_name, export_package, open_package, package_plan_input
from ecozone_plugin.core.messages import EcoZoneError
from ecozone_plugin.core.plan.store import ClauseChange


@pytest.fixture
def store(tmp_path):
    plan = make_plan(tmp_path / "plan" / "规划.gpkg")
    plan.apply([ClauseChange("add", c) for c in full_list()])
    add_clause(plan, Clause("unit", "u-a2", 2, "2-1", "园区污水集中处理。"))
    plan.set_info({"plan_version": "2025版", "city_code": "500100"})
    return plan


def fake_maps(folder, _progress):
    (folder / "control_units.pdf").write_bytes(b"%PDF-1.4 test\n")
    return [folder / "control_units.pdf"]


def export(store, target, formats=("gpkg", "shp", "gdb"), force=False, maps=fake_maps, profile=PROFILE):
    validation = validate_plan(plan_input(store), profile, 0.1)
    return export_package(
        store, target, profile, validation, list(formats), maps, {"FORMATS": list(formats)}, "0.1.0", force=force
    )


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_package_holds_every_part_with_its_checksum(store, tmp_path):
    plan_before = digest(Path(store.path))
    result = export(store, tmp_path / "out" / "pkg.zip")
    names = zipfile.ZipFile(result.path).namelist()
    for required in (
        "manifest.json",
        "data/control_units.gpkg",
        "data/control_units.shp",
        "data/control_units.cpg",
        "tables/admission_list.xlsx",
        "tables/unit_statistics.xlsx",
        "maps/control_units.pdf",
        "report/validation.json",
        "report/validation.html",
    ):
        assert required in names, required
    assert any(n.startswith("data/control_units.gdb/") for n in names)
    manifest = result.manifest
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json"}
    assert manifest["counts_by_class"] == {"1": 1, "2": 2, "3": 1}
    assert manifest["area_km2_by_class"] == {"1": 4.0, "2": 8.0, "3": 4.0}
    assert manifest["validation"] == {"errors": 0, "warnings": 0, "codes": []} and manifest["forced"] is False
    assert manifest["crs"] == "EPSG:4490" and manifest["profile"] == "default"
    assert manifest["tool"] == {"name": "EcoZone", "version": "0.1.0"}
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["pkg.zip"]
    assert digest(Path(store.path)) == plan_before


def test_delivery_data_in_the_profile_names_crs_and_encoding(store, tmp_path):
    result = export(store, tmp_path / "pkg.zip")
    folder = tmp_path / "unpacked"
    check = open_package(result.path, folder)
    assert check.problems == []
    gpkg = gdal.OpenEx(str(folder / "data" / "control_units.gpkg"), gdal.OF_VECTOR)
    assert {gpkg.GetLayer(i).GetName() for i in range(gpkg.GetLayerCount())} == {
        "control_units",
        "admin_boundary",
        "element_zones",
        "admission_clause",
        "plan_info",
    }
    units = gpkg.GetLayerByName("control_units")
    fields = [units.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(units.GetLayerDefn().GetFieldCount())]
    assert {"HJZHGKDYBM", "HJZHGKDYMC", "ZHGKDYFL", "AREA", "XZQDM", "MJ", "DYID"} <= set(fields)
    assert units.GetSpatialRef().GetAuthorityCode(None) == "4490"
    zones = gpkg.GetLayerByName("element_zones")
    assert zones.GetNextFeature()["YSXL"] == "生态保护红线"
    assert gpkg.GetLayerByName("admission_clause").GetFeatureCount() == 5
    shp = ogr.Open(str(folder / "data" / "control_units.shp"))
    assert (folder / "data" / "control_units.cpg").read_text() == "UTF-8"
    names = sorted(f["HJZHGKDYMC"] for f in shp.GetLayer(0))
    assert names == sorted(["甲区优先保护单元", "甲区重点管控单元", "乙区重点管控单元", "乙区一般管控单元"])
    assert shp.GetLayer(0).GetSpatialRef().GetAttrValue("GEOGCS") in (
        "China Geodetic Coordinate System 2000",
        "GCS_China_Geodetic_Coordinate_System_2000",
    )
    gdb = gdal.OpenEx(str(folder / "data" / "control_units.gdb"), gdal.OF_VECTOR)
    assert gdb.GetDriver().ShortName == "OpenFileGDB"
    assert gdb.GetLayerByName("control_units").GetSpatialRef().GetAuthorityCode(None) == "4490"
    assert gdb.GetLayerByName("admission_clause").GetFeatureCount() == 5
    assert sorted(f["HJZHGKDYBM"] for f in gdb.GetLayerByName("control_units")) == sorted(u.code for u in store.units())
    plan, profile = package_plan_input(folder, check.manifest)
    assert plan.epsg == 4544 and len(plan.units) == 4 and plan.units[0][0]["unit_code"].startswith("ZH")
    again = validate_plan(plan, profile, 0.1)
    assert again.errors == 0 and again.warnings == 0


def test_long_texts_are_cut_for_the_shapefile_and_reported(store, tmp_path):
    ds = gdal.OpenEx(store.path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    ds.ExecuteSQL("UPDATE control_units SET elements = '" + "生态保护红线; " * 40 + "' WHERE unit_uid = 'u-a1'")
    ds = None
    validation = validate_plan(plan_input(store), PROFILE, 0.1)  # the check says so before the export
    (warning,) = [f for f in validation.findings if f.code == "EZ-A005"]
    assert (warning.severity, warning.unit_code, warning.message.params["field"]) == (
        "warning",
        "ZH50010110001",
        "YSSX",
    )
    assert warning.message.params["length"] == len(("生态保护红线; " * 40).encode("utf-8"))
    assert "GeoPackage" in warning.message.text("zh") and validation.warnings == 1
    result = export(store, tmp_path / "pkg.zip", formats=("gpkg", "shp"))
    assert [(m.code, m.params["unit"], m.params["field"]) for m in result.messages] == [
        ("EZ-F002", "ZH50010110001", "YSSX")
    ]
    assert result.manifest["shortened_in_shapefile"] == [
        {"unit": "ZH50010110001", "field": "YSSX", "length": 800, "limit": 254, "full_text": "data/control_units.gpkg"}
    ]
    assert result.manifest["validation"]["warnings"] == 1 and "EZ-A005" in result.manifest["validation"]["codes"]
    folder = tmp_path / "x"
    open_package(result.path, folder)
    assert "EZ-A005" in (folder / "report" / "validation.html").read_text(encoding="utf-8")
    shp = ogr.Open(str(folder / "data" / "control_units.shp"))  # keep the dataset while its layer is read
    shp_value = next(f["YSSX"] for f in shp.GetLayer(0) if f["HJZHGKDYBM"] == "ZH50010110001")
    assert len(shp_value.encode("utf-8")) <= 254 and shp_value.startswith("生态保护红线")
    assert not any(n.endswith(".gdb/gdb") for n in zipfile.ZipFile(result.path).namelist())


def test_errors_refuse_the_export_unless_forced(store, tmp_path):
    ds = gdal.OpenEx(store.path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    ds.ExecuteSQL("UPDATE control_units SET unit_code = 'BAD' WHERE unit_uid = 'u-b3'")
    ds = None
    with pytest.raises(EcoZoneError) as error:
        export(store, tmp_path / "pkg.zip")
    assert error.value.message.code == "EZ-F003" and "EZ-K001" in error.value.message.params["codes"]
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".*")) == []
    result = export(store, tmp_path / "pkg.zip", force=True)
    assert result.manifest["forced"] is True and result.manifest["validation"]["errors"] == 1


def test_a_failure_part_way_leaves_no_package_and_no_changed_plan(store, tmp_path):
    before = digest(Path(store.path))

    def broken_maps(folder, _progress):
        raise RuntimeError("printer on fire")

    with pytest.raises(RuntimeError):
        export(store, tmp_path / "pkg.zip", maps=broken_maps)
    assert list(tmp_path.iterdir()) == [tmp_path / "plan"]
    assert digest(Path(store.path)) == before


def rezip(source, target, change=None, drop=None, add=None, manifest=None):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            if item.filename in ((drop,) if isinstance(drop, str) else (drop or ())):
                continue
            data = old.read(item.filename)
            if item.filename == change:
                data = data + b"tampered"
            if item.filename == "manifest.json" and manifest is not None:
                data = manifest(json.loads(data)).encode("utf-8")
            new.writestr(item, data)
        if add:
            new.writestr(add, b"extra")
    return target


def test_tampered_missing_and_unlisted_files_are_named(store, tmp_path):
    good = export(store, tmp_path / "good.zip").path
    check = open_package(rezip(good, tmp_path / "t.zip", change="tables/admission_list.xlsx"), tmp_path / "t")
    assert [(m.code, m.params["path"]) for m in check.problems] == [("EZ-F008", "tables/admission_list.xlsx")]
    check = open_package(rezip(good, tmp_path / "m.zip", drop="report/validation.html"), tmp_path / "m")
    assert [(m.code, m.params["path"]) for m in check.problems] == [("EZ-F006", "report/validation.html")]
    check = open_package(rezip(good, tmp_path / "a.zip", add="data/extra.txt"), tmp_path / "a")
    assert [(m.code, m.params["path"]) for m in check.problems] == [("EZ-F009", "data/extra.txt")]
    wrong = rezip(good, tmp_path / "w.zip", manifest=lambda m: json.dumps({**m, "format": "other"}))
    assert [m.code for m in open_package(wrong, tmp_path / "w").problems] == ["EZ-F007"]
    (tmp_path / "not.zip").write_bytes(b"not a zip")
    with pytest.raises(EcoZoneError) as error:
        open_package(tmp_path / "not.zip", tmp_path / "n")
    assert error.value.message.code == "EZ-F004"
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as evil:
        evil.writestr("../escape.txt", b"x")
    with pytest.raises(EcoZoneError) as error:
        open_package(tmp_path / "evil.zip", tmp_path / "e")
    assert error.value.message.code == "EZ-F005" and not (tmp_path / "escape.txt").exists()


def unlisted(path):
    """A manifest transform: the file at ``path`` is left out of the manifest too."""

    def transform(manifest):
        return json.dumps({**manifest, "files": [f for f in manifest["files"] if f["path"] != path]})

    return transform


def test_files_are_checked_in_the_archive_not_among_leftovers_of_an_earlier_import(store, tmp_path):
    good = export(store, tmp_path / "good.zip").path
    reused = tmp_path / "unpacked"
    assert open_package(good, reused).problems == []
    # listed in the manifest but left out of the zip: the copy on disk from the first import must not count
    check = open_package(rezip(good, tmp_path / "m.zip", drop="report/validation.html"), reused)
    assert [(m.code, m.params["path"]) for m in check.problems] == [("EZ-F006", "report/validation.html")]
    # the units left out of both zip and manifest: a core file, named missing
    units = "data/control_units.gpkg"
    gutted = rezip(good, tmp_path / "g.zip", drop=units, manifest=unlisted(units))
    check = open_package(gutted, reused)
    assert [(m.code, m.params["path"]) for m in check.problems] == [("EZ-F006", "data/control_units.gpkg")]
    assert not (check.folder / "data" / "control_units.gpkg").exists()


def test_a_folder_that_is_not_empty_gets_a_fresh_subfolder(store, tmp_path):
    good = export(store, tmp_path / "good.zip").path
    target = tmp_path / "into"
    target.mkdir()
    (target / "notes.txt").write_text("the author's own file")
    first = open_package(good, target)
    second = open_package(good, target)
    assert (first.folder, second.folder) == (target / "good", target / "good_2")
    assert first.problems == [] and second.problems == []
    assert (target / "notes.txt").read_text() == "the author's own file"
    assert (first.folder / "data" / "control_units.gpkg").is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert open_package(good, empty).folder == empty


@pytest.mark.parametrize(
    "manifest",
    [
        lambda m: json.dumps({**m, "format_version": "1.0a"}),
        lambda m: json.dumps({**m, "format_version": None}),
        lambda m: json.dumps([m]),
        lambda m: json.dumps({**m, "files": ["data/control_units.gpkg"]}),
        lambda m: json.dumps({**m, "files": [{**m["files"][0], "size": "big"}] + m["files"][1:]}),
        lambda m: json.dumps({**m, "files": {"path": "x"}}),
        lambda m: json.dumps({**m, "plan_info": ["a"]}),
    ],
    ids=["version-text", "version-null", "a-list", "entries-strings", "size-text", "files-object", "info-list"],
)
def test_a_malformed_manifest_is_named_not_a_crash(store, tmp_path, manifest):
    good = export(store, tmp_path / "good.zip").path
    check = open_package(rezip(good, tmp_path / "bad.zip", manifest=manifest), tmp_path / "bad")
    assert [m.code for m in check.problems] == ["EZ-F007"] and check.manifest is None


def test_a_package_too_large_to_unpack_is_refused_before_anything_is_written(store, tmp_path, monkeypatch):
    good = export(store, tmp_path / "good.zip").path
    with zipfile.ZipFile(good) as archive:
        members = len([n for n in archive.namelist() if not n.endswith("/")])
        unpacked = sum(i.file_size for i in archive.infolist())
    monkeypatch.setattr(filing, "MAX_MEMBERS", members - 1)
    with pytest.raises(EcoZoneError) as error:
        open_package(good, tmp_path / "many")
    assert error.value.message.code == "EZ-F010" and error.value.message.params["members"] == members
    assert not (tmp_path / "many").exists()
    monkeypatch.setattr(filing, "MAX_MEMBERS", members)
    monkeypatch.setattr(filing, "MAX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(EcoZoneError) as error:
        open_package(good, tmp_path / "large")
    assert error.value.message.code == "EZ-F010" and not (tmp_path / "large").exists()


def test_a_disk_error_while_writing_is_named_and_leaves_nothing(store, tmp_path, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full_disk)
    with pytest.raises(EcoZoneError) as error:
        export(store, tmp_path / "out" / "pkg.zip")
    assert error.value.message.code == "EZ-F001"
    assert error.value.message.params["error"] == "No space left on device"
    assert list((tmp_path / "out").iterdir()) == []


def test_default_name(store):
    from datetime import date

    assert default_name(store, date(2026, 11, 29)) == "500100_2025版_20261129.zip"
