"""The PostGIS plan store on the tests' own server: addresses, tables, geometry, hostile text,
a create that fails leaving nothing (the behaviour both backends share is in test_plan_store)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timezone

import pytest
import shapely
from plan_helpers import clause, plan_data

from ecozone_plugin.core.messages import EcoZoneError
from ecozone_plugin.core.plan.postgis import PostGISPlanStore, create_postgis_plan, redacted, split_address
from ecozone_plugin.core.plan.store import ChangeReason, ClauseChange


@pytest.fixture
def address(pg_server):
    return pg_server.address(f"qinglan_{uuid.uuid4().hex[:8]}")


def test_an_address_names_the_database_and_the_schema_and_hides_the_password():
    dsn, schema = split_address("postgresql://zhang:s3cret@db.example:5433/plans?schema=qinglan_2025&sslmode=require")
    assert (dsn, schema) == ("postgresql://zhang:s3cret@db.example:5433/plans?sslmode=require", "qinglan_2025")
    assert redacted(dsn) == "postgresql://zhang:***@db.example:5433/plans?sslmode=require"
    for wrong in ("postgresql://h/db", "postgresql://h/db?schema=a&schema=b", "/data/plan.gpkg"):
        with pytest.raises(EcoZoneError) as refused:
            split_address(wrong)
        assert refused.value.message.code == "EZ-T023"
    with pytest.raises(EcoZoneError) as refused:
        split_address("mysql://u:pw@h/db?x=1")
    assert "pw" not in refused.value.message.text("en")


def test_the_plan_schema_holds_the_tables_geometry_and_indexes(pg_server, address):
    store = create_postgis_plan(address, plan_data(), author="tester")
    schema = store.schema_name
    tables = {
        r[0] for r in pg_server.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", schema)
    }
    assert tables == {"control_units", "admin_boundary", "element_zones", "unit_zone", "admission_clause",
                      "plan_info", "change_log", "change_reason"}  # fmt: skip
    columns = pg_server.sql(
        "SELECT f_table_name, type, srid FROM geometry_columns WHERE f_table_schema = %s ORDER BY 1", schema
    )
    assert columns == [(t, "MULTIPOLYGON", 4544) for t in ("admin_boundary", "control_units", "element_zones")]
    gist = pg_server.sql("SELECT count(*) FROM pg_indexes WHERE schemaname = %s AND indexdef LIKE '%%gist%%'", schema)
    assert gist == [(3,)]
    assert store.crs() == "EPSG:4544"
    expected = {a["unit_uid"]: shapely.from_wkb(w) for a, w in plan_data().units}
    got = {a["unit_uid"]: shapely.from_wkb(w) for a, w in store.features("control_units")}
    assert set(got) == set(expected) and all(got[k].equals(expected[k]) for k in expected)
    assert [u.code for u in store.units()] == sorted(u["unit_code"] for u, _w in plan_data().units)
    assert store.info()["county_codes"] == "500101;500102" and store.history()[0].action == "create"


def test_moments_are_timestamptz_on_the_server_and_iso_text_in_utc_to_the_store(pg_server, address):
    store = create_postgis_plan(address, plan_data(), author="tester")
    schema = store.schema_name
    kinds = dict(
        (f"{table}.{column}", kind)
        for table, column, kind in pg_server.sql(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = %s",
            schema,
        )
    )
    moments = {k for k, v in kinds.items() if v == "timestamp with time zone"}
    assert moments == {
        "admission_clause.created_at",
        "admission_clause.updated_at",
        "change_log.ts",
        "change_reason.updated_at",
    }
    assert kinds["plan_info.row_version"] == "integer" and kinds["plan_info.value"] == "text"
    store.apply([ClauseChange("add", clause("city", "", 1, "1-1", "全市布局"))], author="甲")
    added = store.clauses()[0]
    assert added.created_at == added.updated_at and len(added.created_at) == 20 and added.created_at.endswith("Z")
    # the server keeps the moment, not the text: in another time zone it reads as the same instant
    (shown,) = pg_server.sql(
        f"SET TIME ZONE 'Asia/Shanghai'; SELECT to_char(created_at, %s) FROM \"{schema}\".admission_clause",
        'YYYY-MM-DD"T"HH24:MI:SSOF',
    )[0]
    utc = datetime.strptime(added.created_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert shown.endswith("+08") and datetime.strptime(shown + "00", "%Y-%m-%dT%H:%M:%S%z") == utc
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", store.history(1)[0].ts)


def test_hostile_text_is_stored_as_text_and_nul_is_refused(address):
    store = create_postgis_plan(address, plan_data(), author="tester")
    hostile = "禁止'; DROP TABLE admission_clause; -- $$ \\ \" ? %s %(x)s"
    store.apply([ClauseChange("add", clause("unit", "u-a1", 1, "1-1", hostile))], author="O'Brien; --")
    assert [c.text for c in store.clauses()] == [hostile]
    assert store.history(1)[0].author == "O'Brien; --"
    store.set_info({"compiled_by": "某院'; --"})
    assert store.info()["compiled_by"] == "某院'; --"
    with pytest.raises(EcoZoneError) as refused:
        store.apply([ClauseChange("add", clause("unit", "u-a1", 1, "1-2", "含\x00字符"))])
    assert refused.value.message.code == "EZ-T017"
    assert [c.text for c in PostGISPlanStore.open(address).clauses()] == [hostile]  # nothing of the batch


def test_change_reasons_are_kept_and_logged(address):
    store = create_postgis_plan(address, plan_data(), author="tester")
    reason = ChangeReason("sha", "u-a1", "u-a2", "class_down", "省政府批复", "ZH1", "ZH2", 2.0, "2026")
    assert store.set_change_reasons([reason], "张工")
    assert store.change_reasons("sha")[reason.key].reason == "省政府批复"
    assert [e.object_type for e in store.history(1)] == ["change_reason"]


def test_an_existing_schema_is_not_overwritten_and_a_failed_create_leaves_none(pg_server, address):
    create_postgis_plan(address, plan_data(), author="tester")
    with pytest.raises(EcoZoneError) as refused:
        create_postgis_plan(address, plan_data())
    assert refused.value.message.code == "EZ-T025"
    broken = plan_data()
    broken.crs = 'LOCAL_CS["somewhere"]'
    other = pg_server.address(f"broken_{uuid.uuid4().hex[:8]}")
    with pytest.raises(EcoZoneError) as refused:
        create_postgis_plan(other, broken)
    assert refused.value.message.code == "EZ-T024"
    schema = split_address(other)[1]
    assert pg_server.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = %s", schema) == [(0,)]
    with pytest.raises(EcoZoneError) as refused:
        PostGISPlanStore.open(other)
    assert refused.value.message.code == "EZ-T002"


def test_a_plan_copied_to_postgis_and_back_is_the_same_plan(pg_server, address, tmp_path):
    from plan_helpers import make_plan
    from test_validation import full_list

    from ecozone_plugin.core.plan.copy import copy_plan
    from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore

    source = make_plan(tmp_path / "源.gpkg")
    source.apply([ClauseChange("add", c) for c in full_list()], author="张工")
    first = source.clauses()[0]
    source.apply([ClauseChange("delete", clause_id=first.id)], author="李工", reason="删去")  # ids with a gap
    source.set_change_reasons([ChangeReason("sha", "u-a1", "u-a2", "class_down", "已论证", "ZH1", "ZH2", 2.0, "")])
    on_server = copy_plan(source, address, author="复制者")
    back = copy_plan(on_server, tmp_path / "回.gpkg")
    for table in ("unit_zone", "admission_clause", "plan_info", "change_reason"):
        assert on_server.table_rows(table) == source.table_rows(table), table
        assert back.table_rows(table) == source.table_rows(table), table
    log = source.table_rows("change_log")
    assert on_server.table_rows("change_log")[: len(log)] == log
    assert [e.action for e in back.history(2)] == ["copy", "copy"]
    for table in ("control_units", "admin_boundary", "element_zones"):
        for copy in (on_server, back):
            rows = [(dict(a), shapely.from_wkb(w)) for a, w in copy.features(table)]
            want = [(dict(a), shapely.from_wkb(w)) for a, w in source.features(table)]
            assert len(rows) == len(want)
            for (attrs, geom), (want_attrs, want_geom) in zip(rows, want):
                attrs.pop("id", None)
                assert attrs == want_attrs and geom.equals(want_geom), table
    next_clause = clause("city", "", 4, "4-9", "复制后新增")
    on_server.apply([ClauseChange("add", next_clause)])  # the id sequence goes on past the copied ids
    assert max(c.id for c in on_server.clauses()) > max(c.id for c in source.clauses())
    with pytest.raises(EcoZoneError) as refused:
        copy_plan(source, address)
    assert refused.value.message.code == "EZ-T025"
    copy_plan(source, address, overwrite=True)
    assert PostGISPlanStore.open(address).table_rows("admission_clause") == source.table_rows("admission_clause")
    assert isinstance(back, GeoPackagePlanStore)


def test_a_read_only_role_reads_and_every_write_is_refused_as_read_only(pg_server, address):
    from ecozone_plugin.core.check.validation import plan_profile, validate_store

    store = create_postgis_plan(address, plan_data(), author="tester")
    store.apply([ClauseChange("add", clause("city", "", 1, "1-1", "全市布局"))])
    schema = store.schema_name
    role = f"reader_{uuid.uuid4().hex[:6]}"
    pg_server.sql(f'CREATE ROLE {role} LOGIN; GRANT USAGE ON SCHEMA "{schema}" TO {role}; '
                  f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {role}')  # fmt: skip
    reader = PostGISPlanStore.open(address.replace("//postgres@", f"//{role}@"))
    assert [c.text for c in reader.clauses()] == ["全市布局"] and len(reader.units()) == 4
    assert validate_store(reader, plan_profile(reader)).errors == validate_store(store, plan_profile(store)).errors
    for write in (
        lambda: reader.apply([ClauseChange("add", clause("city", "", 2, "2-1", "不得写入"))]),
        lambda: reader.set_info({"compiled_by": "某院"}),
    ):
        with pytest.raises(EcoZoneError) as refused:
            write()
        assert refused.value.message.code == "EZ-T027" and "只读" in refused.value.message.text("zh")
    assert [c.text for c in store.clauses()] == ["全市布局"]


def test_a_write_without_an_author_is_logged_under_the_database_user(pg_server, address):
    store = create_postgis_plan(address, plan_data(), author="tester")
    store.apply([ClauseChange("add", clause("city", "", 1, "1-1", "全市布局"))])
    store.apply([ClauseChange("add", clause("city", "", 2, "2-1", "全市排放"))], author="张工")
    assert [e.author for e in store.history(2)] == ["张工", pg_server.user]


def test_without_psycopg2_a_postgis_plan_says_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg2", None)  # import psycopg2 then raises ImportError
    with pytest.raises(EcoZoneError) as missing:
        PostGISPlanStore.open("postgresql://planner@127.0.0.1:1/postgres?schema=qinglan")
    message = missing.value.message
    assert message.code == "EZ-T022"
    assert "python3-psycopg2" in message.text("en") and "psycopg2" in message.text("zh")
