"""The update filing (更新备案): a plan filed, changed and filed again with PREVIOUS.

The changed plan gives 1 km × 2 km of the priority unit u-a1 (甲区, 0–2 km) to the key unit u-a2:
one priority loss of 2 km², class_down, outside the red line (0–1 km × 0–1 km), which stays.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
import shapely
from helpers import PROFILE, rect
from osgeo import ogr
from plan_helpers import FILING_INFO, make_plan, plan_data
from test_validation import full_list

from ecozone_plugin.core.compare import read_version
from ecozone_plugin.core.filing.package import FilingRequest, file_plan, open_package
from ecozone_plugin.core.filing.update import (
    CHANGES_GPKG,
    CHANGES_HTML,
    CHANGES_XLSX,
    basis_of,
    check_update_of,
    key_of,
    prepare_update,
)
from ecozone_plugin.core.messages import EcoZoneError
from ecozone_plugin.core.plan.create import create_plan
from ecozone_plugin.core.plan.store import ClauseChange


def fake_maps(folder, _progress):
    (folder / "control_units.pdf").write_bytes(b"%PDF-1.4 test\n")
    return [folder / "control_units.pdf"]


def filed(store, target, previous="", force=False):
    request = FilingRequest(formats=["gpkg"], output=str(target), previous=str(previous), force=force)
    return file_plan(store, request, fake_maps, "0.1.0")[0]


def updated_plan(path):
    """The plan after the update: u-a1 is 0–1 km wide, u-a2 takes 1–4 km; a new version number."""
    data = plan_data()
    units = []
    for attrs, wkb in data.units:
        attrs = dict(attrs)
        if attrs["unit_uid"] == "u-a1":
            geometry = rect(0, 0, 1, 2)
        elif attrs["unit_uid"] == "u-a2":
            geometry = rect(1, 0, 4, 2)
        else:
            geometry = shapely.from_wkb(wkb)
        attrs["area_km2"] = geometry.area / 1e6
        units.append((attrs, shapely.to_wkb(geometry)))
    data.units = units
    data.info = {**data.info, "plan_version": "2026"}
    store = create_plan(path, data, author="tester")
    store.apply([ClauseChange("add", c) for c in full_list()])
    return store


def tampered(package, target, member, extra: bytes):
    """A copy of a package with bytes added to one member after export."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            copy.writestr(info, data + extra if info.filename == member else data)
    return target


@pytest.fixture
def first_package(tmp_path):
    store = make_plan(tmp_path / "v1" / "plan.gpkg")
    store.apply([ClauseChange("add", c) for c in full_list()])
    return filed(store, tmp_path / "v1" / "500100_2025.zip").path


def test_an_update_without_the_reason_of_a_priority_loss_is_refused(first_package, tmp_path):
    store = updated_plan(tmp_path / "v2" / "plan.gpkg")
    with pytest.raises(EcoZoneError) as refused:
        filed(store, tmp_path / "v2" / "update.zip", first_package)
    message = refused.value.message
    assert message.code == "EZ-F012" and message.params["count"] == 1
    assert "ZH50010110001 → ZH50010120001 2.0000 km²" in message.params["pieces"]
    assert "需省级论证说明" in message.text("zh")
    assert not (tmp_path / "v2" / "update.zip").exists()
    assert [p.name for p in (tmp_path / "v2").iterdir()] == ["plan.gpkg"]  # nothing half-written


def test_the_update_package_round_trip(first_package, tmp_path):
    store = updated_plan(tmp_path / "v2" / "plan.gpkg")
    update = prepare_update(store, first_package)
    (loss,) = update.comparison.priority_losses
    assert (loss.change_type, round(loss.area_km2, 6), loss.hard_loss) == ("class_down", 2.0, False)
    store.set_change_reasons(update.reason_rows({key_of(loss): "园区扩区，经省政府批复（渝府〔2026〕1号）"}, "2026"))

    result = filed(store, tmp_path / "v2" / "update.zip", first_package)
    manifest = result.manifest
    earlier = hashlib.sha256(zipfile.ZipFile(first_package).read("manifest.json")).hexdigest()
    assert manifest["update_of"] == {"package": first_package.name, "plan_version": "2025", "manifest_sha256": earlier}
    assert manifest["changes"]["by_type"]["class_down"] == 1
    assert manifest["changes"]["priority_losses"] == 1 and manifest["changes"]["without_reason"] == 0
    assert manifest["parameters"]["PREVIOUS"] == first_package.name
    assert "forced_without_reason" not in manifest
    listed = {f["path"] for f in manifest["files"]}
    assert {CHANGES_GPKG, CHANGES_HTML, CHANGES_XLSX} <= listed

    folder = tmp_path / "unpacked"
    check = open_package(result.path, folder)
    assert check.problems == []
    assert check_update_of(check.manifest, first_package) == []
    changes = ogr.Open(str(folder / CHANGES_GPKG))  # kept while its layer is read
    layer = changes.GetLayerByName("changes")
    rows = [(f["change_type"], f["old_unit_code"], f["new_unit_code"], f["priority_loss"], f["reason"]) for f in layer]
    assert ("class_down", "ZH50010110001", "ZH50010120001", 1, "园区扩区，经省政府批复（渝府〔2026〕1号）") in rows
    report = (folder / CHANGES_HTML).read_text(encoding="utf-8")
    assert report.index("需省级论证说明") < report.index("类别转移矩阵")
    assert "渝府〔2026〕1号" in report and "未填写" not in report
    # the reason stays in the plan: comparing again finds it, and change_log has it
    again = prepare_update(store, first_package)
    assert again.unexplained() == [] and again.reason(again.comparison.priority_losses[0]).startswith("园区扩区")
    logged = [e for e in store.history() if e.object_type == "change_reason"]
    assert len(logged) == 1 and logged[0].new == {"reason": "园区扩区，经省政府批复（渝府〔2026〕1号）"}


def test_update_of_is_checked_against_the_earlier_package(first_package, tmp_path):
    store = updated_plan(tmp_path / "v2" / "plan.gpkg")
    result = filed(store, tmp_path / "v2" / "update.zip", first_package, force=True)
    assert result.manifest["forced_without_reason"] == [
        {"old_unit_code": "ZH50010110001", "new_unit_code": "ZH50010120001", "area_km2": 2.0}
    ]
    other = filed(make_plan(tmp_path / "other" / "plan.gpkg"), tmp_path / "other" / "500100_2025.zip", force=True)
    assert check_update_of(result.manifest, other.path) == ["manifest_sha256"]  # same name, other content
    assert check_update_of({"files": []}, first_package) == ["update_of"]


def test_reasons_are_removed_by_an_empty_text_and_logged(first_package, tmp_path):
    store = updated_plan(tmp_path / "v2" / "plan.gpkg")
    update = prepare_update(store, first_package)
    key = key_of(update.comparison.priority_losses[0])
    assert store.set_change_reasons(update.reason_rows({key: "理由"})) != []
    assert store.set_change_reasons(update.reason_rows({key: "理由"})) == []  # unchanged: nothing written
    store.set_change_reasons(update.reason_rows({key: "  "}))
    assert store.change_reasons(update.previous.key) == {}
    assert [e.action for e in store.history() if e.object_type == "change_reason"] == ["delete", "add"]


def test_the_same_version_number_is_warned_and_a_broken_earlier_package_refused(first_package, tmp_path):
    store = updated_plan(tmp_path / "v2" / "plan.gpkg")
    store.set_info({**FILING_INFO, "plan_version": "2025"})
    result = filed(store, tmp_path / "v2" / "update.zip", first_package, force=True)
    assert result.messages[0].code == "EZ-F014"
    broken = tampered(first_package, tmp_path / "broken.zip", "tables/admission_list.xlsx", b"x")
    with pytest.raises(EcoZoneError) as refused:
        filed(store, tmp_path / "v2" / "again.zip", broken, force=True)
    assert refused.value.message.code == "EZ-F008" and "admission_list.xlsx" in refused.value.message.params["path"]


def test_an_earlier_plan_file_and_a_plan_of_another_crs(first_package, tmp_path):
    """The earlier version may be a plan GeoPackage; its key is then its name and version."""
    store = updated_plan(tmp_path / "v2" / "plan.gpkg")
    earlier = Path(tmp_path / "v1" / "plan.gpkg")
    update = prepare_update(store, earlier)
    assert update.previous.key == "plan:plan.gpkg|2025"
    assert [round(p.area_km2, 6) for p in update.comparison.priority_losses] == [2.0]
    version = read_version(str(first_package), str(tmp_path / "read"))  # in EPSG:4490, reprojected to 4544
    assert version.epsg == 4544
    assert json.loads(zipfile.ZipFile(first_package).read("manifest.json"))["crs"] == "EPSG:4490"
    assert PROFILE["id"] == "default"


def test_the_basis_of_a_new_plan_is_a_checked_package(first_package, tmp_path):
    """basis_of: the zip, its unpacked folder, manifest or data file all name the same package; a
    changed file or something that is no package is refused by name."""
    digest = hashlib.sha256(zipfile.ZipFile(first_package).read("manifest.json")).hexdigest()
    basis = basis_of(first_package)
    assert basis.info() == {"based_on": digest, "based_on_package": first_package.name, "based_on_version": "2025"}
    assert basis.delivered_name("unit_code") == PROFILE["field_map"]["unit_code"]
    folder = tmp_path / "unpacked"
    open_package(first_package, folder)
    for given in (folder, folder / "manifest.json", f"{folder / 'data' / 'control_units.gpkg'}|layername=x"):
        assert basis_of(given).sha256 == digest, given
    with pytest.raises(EcoZoneError) as refused:
        basis_of(tmp_path / "v1" / "plan.gpkg")
    assert refused.value.message.code == "EZ-F015" and "plan.gpkg" in refused.value.message.params["path"]
    workbook = folder / "tables" / "admission_list.xlsx"
    workbook.write_bytes(workbook.read_bytes()[:-1] + b"x")
    with pytest.raises(EcoZoneError) as refused:
        basis_of(folder)
    assert refused.value.message.code == "EZ-F008" and refused.value.message.params["path"] == str(workbook)
    changed = tampered(first_package, tmp_path / "changed.zip", "report/validation.json", b" ")
    with pytest.raises(EcoZoneError) as refused:
        basis_of(changed)
    assert refused.value.message.code == "EZ-F008" and "report/validation.json" in refused.value.message.params["path"]


def test_an_update_compared_with_another_package_than_its_basis_is_warned(first_package, tmp_path):
    store = updated_plan(tmp_path / "v2" / "plan.gpkg")
    store.set_info({**FILING_INFO, "plan_version": "2026"})
    store.set_info(basis_of(first_package).info())  # as createplan BASED_ON records it
    result = filed(store, tmp_path / "v2" / "update.zip", first_package, force=True)
    assert "EZ-F016" not in [m.code for m in result.messages]
    other = filed(make_plan(tmp_path / "other" / "plan.gpkg"), tmp_path / "other" / "other.zip", force=True).path
    result = filed(store, tmp_path / "v2" / "update2.zip", other, force=True)
    (warned,) = [m for m in result.messages if m.code == "EZ-F016"]
    assert warned.params["based_on_package"] == first_package.name and warned.params["path"] == "other.zip"
    assert result.manifest["plan_info"]["based_on"] == basis_of(first_package).sha256
