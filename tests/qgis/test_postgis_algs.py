"""The PLAN algorithms that work through the plan store, on the sample plan copied to PostGIS:
each gives what it gives on the GeoPackage."""

from __future__ import annotations

import json
import tempfile
import uuid

import openpyxl
import pytest
from plan_helpers import add_clause
from qgis.core import QgsProcessingException, QgsVectorLayer
from test_screen_alg import plan_point, sites_layer, to_geographic

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.plan.copy import copy_plan
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.plan.postgis import PostGISPlanStore


@pytest.fixture
def both(plan_copy, pg_server):
    """The sample plan with clauses, as a GeoPackage and as a PostGIS schema."""
    store = GeoPackagePlanStore(plan_copy)
    for d in (1, 2, 3, 4):
        add_clause(store, Clause("city", "", d, f"{d}-1", f"全市第{d}维度要求"))
    add_clause(store, Clause("city", "", 1, "1-2", "禁止新建电镀项目"))
    address = pg_server.address(f"qinglan_{uuid.uuid4().hex[:8]}")
    copy_plan(store, address)
    return str(plan_copy), address


def workbook_rows(path):
    book = openpyxl.load_workbook(path)
    return {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def test_validation_statistics_list_and_screening_read_a_postgis_plan_as_the_geopackage(
    run_alg, both, tmp_path, plan_copy
):
    gpkg, address = both
    results = {}
    for label, plan in (("gpkg", gpkg), ("pg", address)):
        out = tmp_path / label
        out.mkdir()
        checked = run_alg("ecozone:validateplan", {"PLAN": plan, "OUTPUT_REPORT": str(out / "v.html")})
        stats = run_alg("ecozone:unitstatistics", {"PLAN": plan, "OUTPUT": str(out / "s.gpkg")})
        run_alg("ecozone:exportadmissionlist", {"PLAN": plan, "OUTPUT": str(out / "list.xlsx")})
        general, _unit, crs = plan_point(gpkg, "control_units", "unit_class = 3")
        sites = sites_layer([("电镀厂", "3360", to_geographic(general, crs))])
        screened = run_alg(
            "ecozone:screensite",
            {"PLAN": plan, "SITES": sites, "INDUSTRY_FIELD": "行业", "NAME_FIELD": "名称",
             "OUTPUT": str(out / "hits.gpkg"), "OUTPUT_SITES": str(out / "sites.gpkg")},
        )  # fmt: skip
        results[label] = {
            "errors": (checked["ERRORS"], checked["WARNINGS"]),
            "stats": sorted(
                tuple(f.attributes()[1:]) for f in QgsVectorLayer(stats["OUTPUT"], "s", "ogr").getFeatures()
            ),
            "list": workbook_rows(out / "list.xlsx"),
            "verdicts": [
                (f["site_name"], f["verdict"])
                for f in QgsVectorLayer(screened["OUTPUT_SITES"], "s", "ogr").getFeatures()
            ],
        }
    assert results["pg"] == results["gpkg"]
    assert results["pg"]["verdicts"] == [("电镀厂", "判定不通过")]
    assert len(results["pg"]["stats"]) >= 3 and results["pg"]["errors"][0] == 0
    assert any("禁止新建电镀项目" in str(row) for row in results["pg"]["list"]["市级"])
    run_alg("ecozone:setplaninfo", {"PLAN": address, "INFO": json.dumps({"compiled_by": "某院"})})
    assert PostGISPlanStore.open(address).info()["compiled_by"] == "某院"
    assert GeoPackagePlanStore(plan_copy).info().get("compiled_by") != "某院"


def test_copyplan_both_ways_refuses_an_existing_target_and_never_shows_a_password(
    run_alg, plan_copy, pg_server, tmp_path, feedback
):
    store = GeoPackagePlanStore(plan_copy)
    add_clause(store, Clause("unit", store.units()[0].uid, 1, "1-1", "单元条款"))
    address = pg_server.address(f"copy_{uuid.uuid4().hex[:8]}")
    done = run_alg("ecozone:copyplan", {"INPUT": str(plan_copy), "OUTPUT": address}, feedback)
    assert done["COPY"] == address
    on_server = PostGISPlanStore.open(address)
    assert on_server.table_rows("admission_clause") == store.table_rows("admission_clause")
    assert any(f"{len(store.units())} units" in text for text in feedback.infos)
    with pytest.raises(QgsProcessingException, match="exists already"):
        run_alg("ecozone:copyplan", {"INPUT": str(plan_copy), "OUTPUT": address})
    run_alg("ecozone:copyplan", {"INPUT": str(plan_copy), "OUTPUT": address, "OVERWRITE": True})
    back = tmp_path / "回来.gpkg"
    run_alg("ecozone:copyplan", {"INPUT": address, "OUTPUT": str(back)})
    assert GeoPackagePlanStore(back).table_rows("admission_clause") == store.table_rows("admission_clause")
    with pytest.raises(QgsProcessingException, match="exists already"):
        run_alg("ecozone:copyplan", {"INPUT": address, "OUTPUT": str(back)})
    secret = address.replace("postgres@", "postgres:s3cret@")
    with pytest.raises(QgsProcessingException) as refused:
        run_alg(
            "ecozone:copyplan", {"INPUT": secret.replace("/postgres?", "/nodb?"), "OUTPUT": str(tmp_path / "x.gpkg")}
        )
    assert "s3cret" not in str(refused.value) and not (tmp_path / "x.gpkg").exists()


def test_createplan_writes_straight_to_postgis_and_qgis_opens_its_units(
    run_alg, derived, standardized, sample_dir, sample_spec, pg_server, tmp_path
):
    boundary = sample_spec["boundary"]
    address = pg_server.address(f"created_{uuid.uuid4().hex[:8]}")
    made = run_alg(
        "ecozone:createplan",
        {
            "UNITS": derived["OUTPUT"],
            "BOUNDARY": str(sample_dir / boundary["file"]),
            "COUNTY_CODE_FIELD": boundary["county_code_field"],
            "COUNTY_NAME_FIELD": boundary["county_name_field"],
            "ZONES": standardized,
            "DATABASE": address,
            "OUTPUT": None,
        },
    )
    store = PostGISPlanStore.open(address)
    units = QgsVectorLayer(derived["OUTPUT"], "u", "ogr")
    assert sorted(u.code for u in store.units()) == sorted(f["unit_code"] for f in units.getFeatures())
    assert store.crs() == units.crs().authid() and store.history()[0].action == "create"
    layer = QgsVectorLayer(made["OUTPUT_UNITS"], "plan", "postgres")
    assert layer.isValid() and layer.featureCount() == units.featureCount()
    assert "password" not in made["OUTPUT_UNITS"] and made["OUTPUT"] == address
    assert list(tmp_path.iterdir()) == []  # no GeoPackage made beside


def test_a_stored_qgis_connection_with_its_authentication_configuration(run_alg, both, pg_server, feedback):
    """pgconn:NAME/SCHEMA: the user and password come from the connection's authentication
    configuration (QgsAuthManager); the password shows nowhere, and the layer source carries the
    configuration's id only."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsSettings

    from ecozone_plugin import plan_address

    _gpkg, address = both
    schema = address.rsplit("schema=", 1)[1]
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword("测试主密码", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("团队库账号")
    config.setConfig("username", "postgres")
    config.setConfig("password", "s3cret'; --")
    assert manager.storeAuthenticationConfig(config)[0]
    settings = QgsSettings()
    base = "PostgreSQL/connections/团队库/"
    for key, value in {
        "host": "127.0.0.1",
        "port": str(pg_server.port),
        "database": "postgres",
        "authcfg": config.id(),
    }.items():
        settings.setValue(base + key, value)
    try:
        named = f"pgconn:团队库/{schema}"
        assert "s3cret" in plan_address.resolve(named)  # in memory, to connect
        checked = run_alg("ecozone:validateplan", {"PLAN": named}, feedback)
        assert checked["ERRORS"] == 0
        assert not [t for t in feedback.infos + feedback.warnings if "s3cret" in t]
        source = plan_address.layer_uri(named, "control_units")
        assert f"authcfg={config.id()}" in source and "s3cret" not in source
        layer = QgsVectorLayer(source, "units", "postgres")
        assert layer.isValid() and layer.featureCount() == len(PostGISPlanStore.open(address).units())
        with pytest.raises(QgsProcessingException, match="团队库"):
            run_alg("ecozone:validateplan", {"PLAN": f"pgconn:没有的连接/{schema}"})
    finally:
        settings.remove("PostgreSQL/connections/团队库")
        manager.removeAuthenticationConfig(config.id())


def test_a_filing_package_exported_from_postgis_holds_the_plan(run_alg, both, tmp_path, monkeypatch):
    gpkg, address = both
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # this test's temporary files, not the machine's
    store = GeoPackagePlanStore(gpkg)
    store.set_info({"plan_version": "2025"})
    PostGISPlanStore.open(address).set_info({"plan_version": "2025"})
    packages = {}
    for label, plan in (("gpkg", gpkg), ("pg", address)):
        result = run_alg(
            "ecozone:exportfiling", {"PLAN": plan, "FORCE": True, "OUTPUT": str(tmp_path / f"{label}.zip")}
        )
        checked = run_alg("ecozone:importfiling", {"INPUT": result["OUTPUT"], "OUTPUT_FOLDER": str(tmp_path / label)})
        units = QgsVectorLayer(
            f"{checked['OUTPUT_FOLDER']}/data/control_units.gpkg|layername=control_units", "u", "ogr"
        )
        packages[label] = (result["ERRORS"], sorted(f["HJZHGKDYBM"] for f in units.getFeatures()))
    assert packages["pg"] == packages["gpkg"] and packages["pg"][1]
    assert not list(scratch.glob("ecozone-filing-*"))  # the temporary copy is gone


def test_versions_in_the_team_store_are_compared_and_tracked(run_alg, both, tmp_path):
    gpkg, address = both
    same = run_alg("ecozone:compareversions", {"OLD": gpkg, "NEW": address, "OUTPUT": str(tmp_path / "c.gpkg")})
    assert QgsVectorLayer(same["OUTPUT"], "c", "ogr").featureCount() == 0 and same["PRIORITY_LOSSES"] == 0
    store = PostGISPlanStore.open(address)
    store.set_info({"plan_version": "2026", "compiled_date": "2026-06-01"})
    GeoPackagePlanStore(gpkg).set_info({"plan_version": "2025", "compiled_date": "2025-06-01"})
    tracked = run_alg("ecozone:trackingstatistics", {"INPUTS": [address, gpkg], "OUTPUT": str(tmp_path / "t.gpkg")})
    versions = {f["version"] for f in QgsVectorLayer(tracked["OUTPUT"], "t", "ogr").getFeatures()}
    assert versions == {"2025", "2026"}
